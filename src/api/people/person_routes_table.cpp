#include "api/people/person_routes_table.h"

#include "api/api_response.h"
#include "api/console/console_request.h"
#include "domain/accounts/authorization.h"

namespace yz {
namespace {

// True when a change may go ahead: a JSON body (or none), and an Origin, when the browser sends
// one, naming the Host the request was sent to.
bool LooksSameSite(const HttpRequest& r) {
  if (!r.body.empty() &&
      !std::string_view(r.Header("content-type")).starts_with("application/json"))
    return false;
  const std::string_view origin = r.Header("origin");
  if (origin.empty()) return true;
  const auto scheme_end = origin.find("://");
  return scheme_end != std::string_view::npos && origin.substr(scheme_end + 3) == r.Header("host");
}

}  // namespace

void PersonRoutes::Add(const std::string& method, const std::string& pattern, const char* access,
                       PersonHandler handler) {
  const bool needs_person = std::string_view(access) == kPersonRoute;
  SyncRouteHandler guarded = [this, needs_person, handler = std::move(handler)](
                                 const HttpRequest& request, const PathParams& params) {
    if (MethodChangesState(request.method) && !LooksSameSite(request)) {
      return ErrorReply(Error{ErrorCode::kForbidden,
                              "请从职工驿站页面提交 / changes must come from this site as JSON"});
    }
    if (!needs_person) return handler(PersonRequest{request, params, nullptr});
    auto person = sign_in_.Authenticate(CookieValue(request, kPersonCookie));
    if (!person) return ErrorReply(person.error());
    if (!*person) {
      return ErrorReply(
          Error{ErrorCode::kUnauthenticated, "请先用手机号登录 / sign in with your phone first"});
    }
    return handler(PersonRequest{request, params, &**person});
  };
  router_.Add(method, pattern, access, instrument_(pattern, MakeRouteHandler(std::move(guarded))));
}

}  // namespace yz
