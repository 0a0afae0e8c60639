// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/admin/session and
// POST /api/v1/admin/session/password.
#include <boost/json/array.hpp>

#include "api/admin/admin_api.h"
#include "api/api_response.h"

namespace yz {
namespace {

// `Secure` when the public URL is HTTPS or a TLS-terminating proxy says the request came over it.
bool BehindHttps(const HttpRequest& request, std::string_view public_url) {
  return public_url.starts_with("https://") || request.Header("x-forwarded-proto") == "https";
}

std::string SessionCookie(std::string_view token, bool secure, bool expire) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(token) + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  if (expire) c += "; Max-Age=0";
  return c;
}

boost::json::object AccountJson(const Account& a) {
  boost::json::array regions, stations;
  for (const auto& r : a.scope.regions) regions.emplace_back(r);
  for (const auto& s : a.scope.stations) stations.emplace_back(s);
  return {{"username", a.username},
          {"role", RoleCode(a.role)},
          {"role_label", RoleLabel(a.role)},
          {"regions", std::move(regions)},
          {"stations", std::move(stations)}};
}

}  // namespace

HttpResponse AdminApi::Login(const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto username = RequiredString(*body, "username");
  if (!username) return ErrorReply(username.error());
  auto password = RequiredString(*body, "password");
  if (!password) return ErrorReply(password.error());
  auto success = accounts_.Login(*username, *password, CookieValue(r.http, kSessionCookie), r.http.remote_address);
  if (!success) return ErrorReply(success.error());
  boost::json::object out{{"csrf_token", success->csrf_token}, {"account", AccountJson(success->account)}};
  HttpResponse response = JsonReply(200, out);
  response.headers.emplace_back("Set-Cookie", SessionCookie(success->session_token,
                                                            BehindHttps(r.http, config_.public_url), false));
  return response;
}

HttpResponse AdminApi::Logout(const AdminRequest& r) {
  if (auto done = accounts_.Logout(CookieValue(r.http, kSessionCookie)); !done) return ErrorReply(done.error());
  Audit(r, "auth.logout", r.principal ? "account:" + r.principal->account.username : "", AuditOutcome::kSuccess);
  HttpResponse response = JsonReply(200, boost::json::object{{"signed_out", true}});
  response.headers.emplace_back("Set-Cookie", SessionCookie("", BehindHttps(r.http, config_.public_url), true));
  return response;
}

HttpResponse AdminApi::SessionInfo(const AdminRequest& r) {
  return JsonReply(200, boost::json::object{{"csrf_token", r.principal->csrf_token},
                                            {"account", AccountJson(r.principal->account)}});
}

HttpResponse AdminApi::ChangePassword(const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto current = RequiredString(*body, "current_password");
  if (!current) return ErrorReply(current.error());
  auto replacement = RequiredString(*body, "new_password");
  if (!replacement) return ErrorReply(replacement.error());
  if (auto done = accounts_.ChangePassword(*r.principal, *current, *replacement, r.http.remote_address); !done) {
    return ErrorReply(done.error());
  }
  return JsonReply(200, boost::json::object{{"changed", true}});
}

}  // namespace yz
