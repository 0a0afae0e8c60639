// The one authorization decision every console and admin route goes through. A route declares
// who may call it in the route table (Route::role, grammar in http/router.h); this file reads that
// declaration and decides, in the contract's order (section 6):
//   no valid session → unauthenticated (401);
//   a change (any method but GET/HEAD) without the session's X-CSRF-Token → forbidden (403);
//   a role the route does not list → forbidden (403);
//   an account that must change its password, on any route but the "session" ones (the
//   session, the password change, the sign-out) → forbidden (403).
// Whether the object of the request lies in the caller's scope is the handler's question, and
// its answer is 404 (StationInScope in role.h).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/accounts/account.h"
#include "domain/accounts/role.h"

namespace yz {

struct RouteAccess {
  enum class Kind { kPublic, kSession, kRoles };
  Kind kind = Kind::kRoles;
  std::array<bool, kRoleCount> roles{};  // for kRoles

  bool Allows(Role r) const { return kind != Kind::kRoles || roles[static_cast<std::size_t>(r)]; }
};

// "public" | "session" | "admin:<role>|<role>…" with known role codes. Anything else →
// invalid_argument (a programming error in the route table, found at start-up).
Result<RouteAccess> ParseRouteAccess(std::string_view role_text);

// Who is calling: the account behind a valid session (its password hash cleared).
struct Principal {
  Account account;
  std::string session_token_hash;
  std::string csrf_token;

  Role role() const { return account.role; }
  bool CanReachStation(std::string_view code, std::string_view region) const {
    return StationInScope(account.role, account.scope, code, region);
  }
  bool CanReachRegion(std::string_view region) const {
    return RegionInScope(account.role, account.scope, region);
  }
};

enum class AccessDecision {
  kAllow,
  kUnauthenticated,     // 401 unauthenticated
  kBadCsrfToken,        // 403 forbidden
  kRoleForbidden,       // 403 forbidden
  kMustChangePassword,  // 403 forbidden: a temporary password must be replaced first
};

// REQUIRES: `method` upper-case. `principal` is nullptr without a valid session; `csrf_header`
// the X-CSRF-Token header ("" when absent). Public routes are always allowed.
AccessDecision DecideAccess(const RouteAccess& access, std::string_view method,
                            const Principal* principal, std::string_view csrf_header);

// True for methods that change something (anything but GET, HEAD and OPTIONS).
bool MethodChangesState(std::string_view method);

}  // namespace yz
