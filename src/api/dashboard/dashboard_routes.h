// The console's home: GET /api/v1/admin/dashboard (DashboardService) and the page /admin/.
#pragma once

#include "api/console/console_routes.h"
#include "domain/dashboard/dashboard_service.h"

namespace yz {

// REQUIRES: `dashboard` outlives the route table.
void AddDashboardRoutes(ConsoleRoutes& routes, DashboardService& dashboard);

}  // namespace yz
