// The authorization layer: every console and admin route is wrapped by GuardRoute with the role
// string the route table declares beside it, and nothing reaches a handler that DecideAccess
// (domain/accounts/authorization.h) has not allowed. For pages (paths outside /api/) a missing
// session redirects to the sign-in page instead of answering 401.
#pragma once

#include <functional>
#include <string>

#include "api/console/console_request.h"
#include "domain/accounts/account_service.h"
#include "http/router.h"

namespace yz {

using AdminHandler = std::function<HttpResponse(const AdminRequest&)>;

// Throws std::invalid_argument when `role` is not a valid route role (a bug in the route table,
// found at start-up). Denied changes by a signed-in caller are written to the audit log.
RouteHandler GuardRoute(AccountService& accounts, const std::string& pattern,
                        const std::string& role, AdminHandler handler);

}  // namespace yz
