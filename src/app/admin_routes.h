// The console's part of the route table: the admin API of section 6 and the console pages, each
// with the role it requires, every one wrapped by the authorization layer (GuardRoute).
#pragma once

#include <functional>
#include <string>

#include "api/admin/admin_api.h"
#include "http/router.h"

namespace yz {

struct AdminRouteContext {
  AdminApi& api;
};

// Adds the console's routes to `router`. `instrument` wraps each (guarded) handler with the
// metrics, the access log and the security headers of the rest of the table.
void AddAdminRoutes(Router& router, AdminRouteContext& ctx,
                    const std::function<RouteHandler(const std::string&, RouteHandler)>& instrument);

}  // namespace yz
