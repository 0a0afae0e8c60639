#include "api/accounts/account_admin_routes.h"

#include <boost/json/array.hpp>

#include "api/api_response.h"
#include "api/console/console_roles.h"
#include "domain/checkins/checkin.h"

namespace yz {
namespace {

using namespace console_roles;

boost::json::array Codes(const std::vector<std::string>& codes) {
  boost::json::array out;
  for (const auto& c : codes) out.emplace_back(c);
  return out;
}

boost::json::value OptionalMillis(const std::optional<UtcTime>& t) {
  if (!t) return nullptr;
  return ToEpochMillis(*t);
}

boost::json::object SummaryJson(const AccountSummary& s) {
  const Account& a = s.account;
  return {{"username", a.username},
          {"role", RoleCode(a.role)},
          {"role_label", RoleLabel(a.role)},
          {"regions", Codes(a.scope.regions)},
          {"stations", Codes(a.scope.stations)},
          {"disabled", a.disabled},
          {"locked", s.locked},
          {"must_change_password", a.must_change_password},
          {"created_at_ms", ToEpochMillis(a.created_at)},
          {"last_login_at_ms", OptionalMillis(a.last_login_at)},
          {"session_count", s.session_count}};
}

HttpResponse TemporaryPasswordReply(int status, const TemporaryPassword& t) {
  AccountSummary s;
  s.account = t.account;
  return JsonReply(
      status, boost::json::object{{"account", SummaryJson(s)}, {"temporary_password", t.password}});
}

// A list of codes in `name` (absent → nullopt): an array of strings.
Result<std::optional<std::vector<std::string>>> OptionalCodes(const boost::json::object& body,
                                                              std::string_view name) {
  const auto* v = body.if_contains(name);
  if (v == nullptr || v->is_null()) return std::optional<std::vector<std::string>>{};
  if (!v->is_array())
    return Error::InvalidArgument(std::string(name) + " 应为字符串数组 / an array of strings");
  std::vector<std::string> out;
  for (const auto& item : v->as_array()) {
    if (!item.is_string())
      return Error::InvalidArgument(std::string(name) + " 应为字符串数组 / an array of strings");
    out.emplace_back(item.as_string());
  }
  return std::optional<std::vector<std::string>>{std::move(out)};
}

Result<Role> RoleFrom(std::string_view code) {
  const auto role = ParseRole(code);
  if (!role) return Error::InvalidArgument("未知角色 / unknown role '" + std::string(code) + "'");
  return *role;
}

HttpResponse List(AccountAdminService& service, const AdminRequest& r) {
  auto accounts = service.List(CallerOf(r));
  if (!accounts) return ErrorReply(accounts.error());
  boost::json::array out;
  for (const AccountSummary& s : *accounts) out.emplace_back(SummaryJson(s));
  boost::json::array roles;
  for (const Role role : AllRoles()) {
    roles.emplace_back(boost::json::object{{"code", RoleCode(role)},
                                           {"label", RoleLabel(role)},
                                           {"console_managed", !IsPrivilegedAdminRole(role)}});
  }
  return JsonReply(200,
                   boost::json::object{{"accounts", std::move(out)}, {"roles", std::move(roles)}});
}

HttpResponse Create(AccountAdminService& service, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto username = RequiredString(*body, "username");
  if (!username) return ErrorReply(username.error());
  auto role_code = RequiredString(*body, "role");
  if (!role_code) return ErrorReply(role_code.error());
  auto role = RoleFrom(*role_code);
  if (!role) return ErrorReply(role.error());
  auto regions = OptionalCodes(*body, "regions");
  if (!regions) return ErrorReply(regions.error());
  auto stations = OptionalCodes(*body, "stations");
  if (!stations) return ErrorReply(stations.error());
  NewAccount account{*username, *role,
                     Scope{regions->value_or(std::vector<std::string>{}),
                           stations->value_or(std::vector<std::string>{})}};
  auto created = service.Create(CallerOf(r), account);
  if (!created) return ErrorReply(created.error());
  return TemporaryPasswordReply(201, *created);
}

HttpResponse Patch(AccountAdminService& service, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  AccountChange change;
  auto role_code = OptionalString(*body, "role");
  if (!role_code) return ErrorReply(role_code.error());
  if (*role_code) {
    auto role = RoleFrom(**role_code);
    if (!role) return ErrorReply(role.error());
    change.role = *role;
  }
  auto regions = OptionalCodes(*body, "regions");
  if (!regions) return ErrorReply(regions.error());
  auto stations = OptionalCodes(*body, "stations");
  if (!stations) return ErrorReply(stations.error());
  if (*regions || *stations) {
    // A scope is replaced whole: the part not sent is emptied.
    change.scope = Scope{regions->value_or(std::vector<std::string>{}),
                         stations->value_or(std::vector<std::string>{})};
  }
  if (const auto* disabled = body->if_contains("disabled"); disabled != nullptr) {
    if (!disabled->is_bool())
      return ErrorReply(Error::InvalidArgument("disabled 应为 true 或 false / a boolean"));
    change.disabled = disabled->as_bool();
  }
  auto changed = service.Change(CallerOf(r), r.Param("username"), change);
  if (!changed) return ErrorReply(changed.error());
  return JsonReply(200, boost::json::object{{"account", SummaryJson(*changed)}});
}

HttpResponse ResetPassword(AccountAdminService& service, const AdminRequest& r) {
  auto reset = service.ResetPassword(CallerOf(r), r.Param("username"));
  if (!reset) return ErrorReply(reset.error());
  return TemporaryPasswordReply(200, *reset);
}

HttpResponse Sessions(AccountAdminService& service, const AdminRequest& r) {
  auto sessions = service.Sessions(CallerOf(r), r.Param("username"));
  if (!sessions) return ErrorReply(sessions.error());
  boost::json::array out;
  for (const SessionSummary& s : *sessions) {
    out.emplace_back(boost::json::object{{"id", s.id},
                                         {"created_at_ms", ToEpochMillis(s.created_at)},
                                         {"last_seen_at_ms", ToEpochMillis(s.last_seen_at)},
                                         {"address", s.address},
                                         {"current", s.current}});
  }
  return JsonReply(200, boost::json::object{{"sessions", std::move(out)}});
}

HttpResponse EndSessions(AccountAdminService& service, const AdminRequest& r) {
  auto ended = service.EndSessions(CallerOf(r), r.Param("username"), r.Param("id"));
  if (!ended) return ErrorReply(ended.error());
  return JsonReply(200, boost::json::object{{"ended", *ended}});
}

}  // namespace

void AddAccountAdminRoutes(ConsoleRoutes& routes, AccountAdminService& service) {
  using Handler = HttpResponse (*)(AccountAdminService&, const AdminRequest&);
  const auto bind = [&service](Handler h) {
    return AdminHandler([&service, h](const AdminRequest& r) { return h(service, r); });
  };
  // clang-format off
  routes.Add("GET",    "/api/v1/admin/accounts",                           kSecurityAdmin, bind(List));
  routes.Add("POST",   "/api/v1/admin/accounts",                           kSecurityAdmin, bind(Create));
  routes.Add("PATCH",  "/api/v1/admin/accounts/{username}",                kSecurityAdmin, bind(Patch));
  routes.Add("POST",   "/api/v1/admin/accounts/{username}/password-reset", kSecurityAdmin, bind(ResetPassword));
  routes.Add("GET",    "/api/v1/admin/accounts/{username}/sessions",       kSecurityAdmin, bind(Sessions));
  routes.Add("DELETE", "/api/v1/admin/accounts/{username}/sessions",       kSecurityAdmin, bind(EndSessions));
  routes.Add("DELETE", "/api/v1/admin/accounts/{username}/sessions/{id}",  kSecurityAdmin, bind(EndSessions));
  routes.AddPage("/admin/accounts", kSecurityAdmin, "accounts.html", "账号管理");
  // clang-format on
}

}  // namespace yz
