// The authorization layer: every console and admin route is wrapped by GuardRoute with the role
// string the route table declares beside it, and nothing reaches a handler that DecideAccess
// (domain/accounts/authorization.h) has not allowed. For pages (paths outside /api/) a missing
// session redirects to the sign-in page instead of answering 401.
#pragma once

#include <functional>
#include <optional>
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

// The admission of request bodies (http/server.h, HttpBodyAdmission) for the routes of `router`,
// called after the headers and before the body: a request to a guarded route ("session",
// "admin:…") that GuardRoute would refuse gets the same refusal (401, 403 or the sign-in
// redirect, with the same audit entry) without its body being read, and a request that no
// route takes gets the router's 400, 404 or 405. nullopt: read the body (public and "person"
// routes always; their handlers decide). The guard checks again when the body has arrived.
std::optional<HttpResponse> AdmitConsoleBody(AccountService& accounts, const Router& router,
                                             const HttpRequest& head);

}  // namespace yz
