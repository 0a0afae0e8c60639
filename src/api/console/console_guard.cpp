#include "api/console/console_guard.h"

#include <cctype>
#include <stdexcept>

#include "api/api_response.h"
#include "http/query.h"

namespace yz {
namespace {

bool IsApiPath(std::string_view pattern) { return pattern.starts_with("/api/"); }

HttpResponse PageRedirectToLogin(const HttpRequest& request) {
  HttpResponse r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  const std::string_view path = Split(request.target).path;
  std::string next;
  for (char c : path) {  // the path is already percent-encoded; keep it to safe characters
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '_' || c == '.')
      next += c;
  }
  r.headers.emplace_back("Location", "/admin/login?next=" + next);
  r.body = "请先登录 / please sign in";
  return r;
}

HttpResponse PageForbidden() {
  HttpResponse r;
  r.status = 403;
  r.content_type = "text/html; charset=utf-8";
  r.body =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>无权访问</title>"
      "<link rel=\"stylesheet\" href=\"/admin/assets/admin.css\"></head><body "
      "class=\"plain\"><main "
      "class=\"narrow\">"
      "<h1>无权访问此页面</h1><p>您的角色不能使用此页面。 / Your role may not use this page.</p>"
      "<p><a href=\"/admin/\">返回控制台</a> · <a "
      "href=\"/admin/login\">换个账号登录</a></p></main></body></html>";
  return r;
}

// What the guard answers a caller DecideAccess did not allow; a denied change by a signed-in
// caller is written to the audit log.
HttpResponse Refusal(AccountService& accounts, const std::string& pattern, bool api,
                     AccessDecision decision, const HttpRequest& request, const Principal* who) {
  HttpResponse response;
  switch (decision) {
    case AccessDecision::kAllow:
      break;
    case AccessDecision::kUnauthenticated:
      response = api ? ErrorReply({ErrorCode::kUnauthenticated, "请先登录 / sign in first"})
                     : PageRedirectToLogin(request);
      break;
    case AccessDecision::kMustChangePassword:
      if (api) {
        response = ErrorReply(
            {ErrorCode::kForbidden, "请先修改初始密码 / change your temporary password first"});
      } else {
        response.status = 303;
        response.content_type = "text/plain; charset=utf-8";
        response.headers.emplace_back("Location", "/admin/login?change=1");
        response.body = "请先修改初始密码 / change your temporary password first";
      }
      break;
    case AccessDecision::kBadCsrfToken:
    case AccessDecision::kRoleForbidden: {
      const bool csrf = decision == AccessDecision::kBadCsrfToken;
      if (MethodChangesState(request.method)) {
        AuditEntry e;
        e.at = accounts.clock().Now();
        e.actor = who->account.username;
        e.role = RoleCode(who->role());
        e.action = "route.denied";
        e.object = request.method + " " + pattern;
        e.address = request.remote_address;
        e.outcome = AuditOutcome::kDenied;
        e.detail = csrf ? "missing or wrong X-CSRF-Token" : "role may not use this route";
        (void)accounts.audit().Append(e);
      }
      response = api ? ErrorReply({ErrorCode::kForbidden,
                                   csrf ? "缺少或错误的 X-CSRF-Token / missing or wrong CSRF token"
                                        : "您的角色不能使用此功能 / your role may not do this"})
                     : PageForbidden();
      break;
    }
  }
  return response;
}

}  // namespace

bool BehindHttps(const HttpRequest& request, std::string_view public_url) {
  return public_url.starts_with("https://") || request.Header("x-forwarded-proto") == "https";
}

std::string_view CookieValue(const HttpRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (key != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      std::string_view item = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      const auto eq = item.find('=');
      if (eq != std::string_view::npos && item.substr(0, eq) == name) return item.substr(eq + 1);
    }
  }
  return {};
}

std::string AdminRequest::Query(std::string_view name) const {
  auto q = ParseTargetQuery(http.target);
  if (!q) return {};
  return std::string(q->Get(name).value_or(""));
}

RouteHandler GuardRoute(AccountService& accounts, const std::string& pattern,
                        const std::string& role, AdminHandler handler) {
  auto access = ParseRouteAccess(role);
  if (!access) throw std::invalid_argument(pattern + ": " + access.error().message);
  const bool api = IsApiPath(pattern);
  return MakeRouteHandler([&accounts, access = *access, api, pattern, handler = std::move(handler)](
                              const HttpRequest& request, const PathParams& params) {
    std::optional<Principal> principal;
    if (access.kind != RouteAccess::Kind::kPublic) {
      auto found = accounts.Authenticate(CookieValue(request, kSessionCookie));
      if (!found) return ErrorReply(found.error());
      principal = std::move(*found);
    }
    const Principal* who = principal ? &*principal : nullptr;
    const AccessDecision decision =
        DecideAccess(access, request.method, who, request.Header("x-csrf-token"));
    HttpResponse response = decision == AccessDecision::kAllow
                                ? handler(AdminRequest{request, params, who})
                                : Refusal(accounts, pattern, api, decision, request, who);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  });
}

std::optional<HttpResponse> AdmitConsoleBody(AccountService& accounts, const Router& router,
                                             const HttpRequest& head) {
  RouteMatch match = router.Match(head.method, head.target);
  if (match.route == nullptr) return std::move(match.refusal);  // 400, 404 or 405: no body needed
  const std::string& role = match.route->role;
  if (role == "public" || role == "person") return std::nullopt;  // their handlers decide
  auto access = ParseRouteAccess(role);
  if (!access) return std::nullopt;  // never: GuardRoute refused it at start-up
  std::optional<Principal> principal;
  if (access->kind != RouteAccess::Kind::kPublic) {
    auto found = accounts.Authenticate(CookieValue(head, kSessionCookie));
    if (!found) return ErrorReply(found.error());
    principal = std::move(*found);
  }
  const Principal* who = principal ? &*principal : nullptr;
  const AccessDecision decision =
      DecideAccess(*access, head.method, who, head.Header("x-csrf-token"));
  if (decision == AccessDecision::kAllow) return std::nullopt;
  HttpResponse refusal =
      Refusal(accounts, match.route->pattern, IsApiPath(match.route->pattern), decision, head, who);
  refusal.headers.emplace_back("Cache-Control", "no-store");
  return refusal;
}

}  // namespace yz
