#include "api/accounts/account_routes.h"

#include <boost/json/array.hpp>
#include <cctype>
#include <charconv>

#include "api/api_response.h"
#include "api/console/console_roles.h"
#include "domain/checkins/checkin.h"

namespace yz {
namespace {

using namespace console_roles;

std::string SessionCookie(std::string_view token, bool secure, bool expire) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(token) +
                  "; Path=/; HttpOnly; SameSite=Strict";
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

std::optional<int64_t> ParseCount(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) return std::nullopt;
  return v;
}

std::string_view HostOf(std::string_view url) {
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
  }
  return url.substr(0, url.find('/'));
}

// A browser sends Origin with every POST; a sign-in posted from another site's page (login CSRF:
// the victim's browser ends up signed in to the attacker's account) carries that site's origin.
// No Origin: not a browser's cross-site request (a program, curl).
bool ForeignOrigin(const HttpRequest& request, std::string_view public_url) {
  const std::string_view origin = request.Header("origin");
  if (origin.empty()) return false;
  if (origin == "null") return true;
  const std::string_view host = HostOf(origin);
  return host != request.Header("host") && host != HostOf(public_url);
}

// application/json (parameters aside) or a +json type. No Content-Type is taken as JSON (a
// program's request); a browser posting across sites can only send text/plain, a form or
// multipart without asking first, and those are refused.
bool JsonOrUnlabelled(std::string_view content_type) {
  if (content_type.empty()) return true;
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return type == "application/json" || type.ends_with("+json");
}

HttpResponse Login(const AccountRouteContext& c, const AdminRequest& r) {
  if (ForeignOrigin(r.http, c.public_url)) {
    return ErrorReply({ErrorCode::kForbidden,
                       "不能从其他网站登录 / sign-in from another site's page is refused"});
  }
  if (!JsonOrUnlabelled(r.http.Header("content-type"))) {
    HttpResponse refused = ErrorReply(Error::InvalidArgument(
        "登录请求须为 JSON (Content-Type: application/json) / the sign-in body must be JSON"));
    refused.status = 415;
    return refused;
  }
  if (c.login_throttle != nullptr && !c.login_throttle->Admit(r.http.remote_address)) {
    HttpResponse refused = ErrorReply({ErrorCode::kRateLimited,
                                       "登录尝试过于频繁，请稍后再试 / too many sign-in attempts, "
                                       "try again shortly"});
    refused.headers.emplace_back("Retry-After", "10");
    return refused;
  }
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto username = RequiredString(*body, "username");
  if (!username) return ErrorReply(username.error());
  auto password = RequiredString(*body, "password");
  if (!password) return ErrorReply(password.error());
  auto success = c.accounts.Login(*username, *password, CookieValue(r.http, kSessionCookie),
                                  r.http.remote_address);
  if (!success) {
    if (c.login_throttle != nullptr) c.login_throttle->Failed(r.http.remote_address);
    return ErrorReply(success.error());
  }
  boost::json::object out{{"csrf_token", success->csrf_token},
                          {"account", AccountJson(success->account)},
                          {"must_change_password", success->account.must_change_password}};
  HttpResponse response = JsonReply(200, out);
  response.headers.emplace_back(
      "Set-Cookie",
      SessionCookie(success->session_token, BehindHttps(r.http, c.public_url), false));
  return response;
}

HttpResponse Logout(const AccountRouteContext& c, const AdminRequest& r) {
  if (auto done = c.accounts.Logout(*r.principal, CookieValue(r.http, kSessionCookie),
                                    r.http.remote_address);
      !done) {
    return ErrorReply(done.error());
  }
  HttpResponse response = JsonReply(200, boost::json::object{{"signed_out", true}});
  response.headers.emplace_back("Set-Cookie",
                                SessionCookie("", BehindHttps(r.http, c.public_url), true));
  return response;
}

// The session, and what the console may show its holder: the menu and the API routes the role
// may call ("METHOD pattern"), both read from the route table.
HttpResponse SessionInfo(const AccountRouteContext& c, const AdminRequest& r) {
  boost::json::array menu, allowed;
  for (const ConsoleMenuItem& item : c.routes.MenuFor(r.principal->role())) {
    menu.emplace_back(boost::json::object{{"path", item.path}, {"label", item.label}});
  }
  for (const std::string& route : c.routes.AllowedFor(r.principal->role()))
    allowed.emplace_back(route);
  return JsonReply(
      200, boost::json::object{{"csrf_token", r.principal->csrf_token},
                               {"account", AccountJson(r.principal->account)},
                               {"must_change_password", r.principal->account.must_change_password},
                               {"menu", std::move(menu)},
                               {"allowed", std::move(allowed)}});
}

HttpResponse ChangePassword(const AccountRouteContext& c, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto current = RequiredString(*body, "current_password");
  if (!current) return ErrorReply(current.error());
  auto replacement = RequiredString(*body, "new_password");
  if (!replacement) return ErrorReply(replacement.error());
  if (auto done =
          c.accounts.ChangePassword(*r.principal, *current, *replacement, r.http.remote_address);
      !done) {
    return ErrorReply(done.error());
  }
  return JsonReply(200, boost::json::object{{"changed", true}});
}

HttpResponse ListAudit(const AccountRouteContext& c, const AdminRequest& r) {
  AuditQuery q;
  if (const std::string before = r.Query("before"); !before.empty()) {
    const auto v = ParseCount(before);
    if (!v) return ErrorReply(Error::InvalidArgument("before: an entry id"));
    q.before_id = *v;
  }
  if (const std::string limit = r.Query("limit"); !limit.empty()) {
    const auto v = ParseCount(limit);
    if (!v || *v < 1 || *v > 1000)
      return ErrorReply(Error::InvalidArgument("条数应为 1 到 1000 / limit: 1 to 1000"));
    q.limit = static_cast<int>(*v);
  }
  q.actor = r.Query("actor");
  q.action_prefix = r.Query("action");
  auto entries = c.auditor.List(q);
  if (!entries) return ErrorReply(entries.error());
  boost::json::array out;
  for (const AuditEntry& e : *entries) {
    out.emplace_back(boost::json::object{{"id", e.id},
                                         {"at_ms", ToEpochMillis(e.at)},
                                         {"actor", e.actor},
                                         {"role", e.role},
                                         {"action", e.action},
                                         {"object", e.object},
                                         {"address", e.address},
                                         {"outcome", AuditOutcomeCode(e.outcome)},
                                         {"detail", e.detail}});
  }
  return JsonReply(200, boost::json::object{{"entries", std::move(out)}});
}

}  // namespace

void AddAccountRoutes(ConsoleRoutes& routes, const AccountRouteContext& c) {
  using Handler = HttpResponse (*)(const AccountRouteContext&, const AdminRequest&);
  const auto bind = [&c](Handler h) {
    return AdminHandler([&c, h](const AdminRequest& r) { return h(c, r); });
  };
  // clang-format off
  routes.Add("POST", "/api/v1/auth/login",             kAnyone,   bind(Login));
  routes.Add("POST", "/api/v1/auth/logout",            kSignedIn, bind(Logout));
  routes.Add("GET",  "/api/v1/admin/session",          kSignedIn, bind(SessionInfo));
  routes.Add("POST", "/api/v1/admin/session/password", kSignedIn, bind(ChangePassword));
  // The audit log: the audit administrator's alone.
  routes.Add("GET",  "/api/v1/admin/audit",            kAuditor,  bind(ListAudit));
  routes.AddPage("/admin/login", kAnyone,  "login.html");
  routes.AddPage("/admin/audit", kAuditor, "audit.html", "审计日志");
  // clang-format on
}

}  // namespace yz
