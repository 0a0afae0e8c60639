#include "domain/accounts/authorization.h"

#include <fmt/format.h>

#include "core/crypto.h"

namespace yz {

Result<RouteAccess> ParseRouteAccess(std::string_view text) {
  RouteAccess access;
  if (text == "public") {
    access.kind = RouteAccess::Kind::kPublic;
    return access;
  }
  if (text == "session") {
    access.kind = RouteAccess::Kind::kSession;
    return access;
  }
  constexpr std::string_view kPrefix = "admin:";
  if (!text.starts_with(kPrefix) || text.size() == kPrefix.size()) {
    return Error::InvalidArgument(
        fmt::format("route role '{}' is not public, session or admin:<roles>", text));
  }
  std::string_view rest = text.substr(kPrefix.size());
  while (true) {
    const auto bar = rest.find('|');
    const std::string_view code = rest.substr(0, bar);
    const auto role = ParseRole(code);
    if (!role)
      return Error::InvalidArgument(
          fmt::format("route role '{}' names unknown role '{}'", text, code));
    access.roles[static_cast<std::size_t>(*role)] = true;
    if (bar == std::string_view::npos) break;
    rest = rest.substr(bar + 1);
  }
  return access;
}

bool MethodChangesState(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

AccessDecision DecideAccess(const RouteAccess& access, std::string_view method,
                            const Principal* principal, std::string_view csrf_header) {
  if (access.kind == RouteAccess::Kind::kPublic) return AccessDecision::kAllow;
  if (principal == nullptr) return AccessDecision::kUnauthenticated;
  if (MethodChangesState(method) &&
      (csrf_header.empty() || !ConstantTimeEquals(csrf_header, principal->csrf_token))) {
    return AccessDecision::kBadCsrfToken;
  }
  if (!access.Allows(principal->role())) return AccessDecision::kRoleForbidden;
  if (principal->account.must_change_password && access.kind != RouteAccess::Kind::kSession)
    return AccessDecision::kMustChangePassword;
  return AccessDecision::kAllow;
}

}  // namespace yz
