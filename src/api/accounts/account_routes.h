// The console's routes of accounts: signing in and out (section 6 of the contract), the session
// with its menu and allowed routes, changing one's password, and the audit log.
#pragma once

#include <string>

#include "api/accounts/login_throttle.h"
#include "api/console/console_routes.h"
#include "domain/accounts/account_service.h"
#include "domain/audit/auditor.h"

namespace yz {

struct AccountRouteContext {
  AccountService& accounts;
  Auditor& auditor;
  const ConsoleRoutes& routes;  // for the menu and the allowed routes
  std::string public_url;       // an https:// URL marks the session cookie Secure
  // Sign-in attempts per client address; nullptr: none.
  LoginThrottle* login_throttle = nullptr;
};

// REQUIRES: `context` (and what it refers to) outlives the route table.
void AddAccountRoutes(ConsoleRoutes& routes, const AccountRouteContext& context);

}  // namespace yz
