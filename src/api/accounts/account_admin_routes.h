// The security administrator's routes: accounts and their sessions under
// /api/v1/admin/accounts…, and the console page /admin/accounts (ADR 0014). The rules of the
// separation of duties are the service's (domain/accounts/account_admin_service.h).
#pragma once

#include "api/console/console_routes.h"
#include "domain/accounts/account_admin_service.h"

namespace yz {

// REQUIRES: `service` outlives the route table.
void AddAccountAdminRoutes(ConsoleRoutes& routes, AccountAdminService& service);

}  // namespace yz
