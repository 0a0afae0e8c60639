// GET/PUT /api/v1/admin/settings/public-address: the address QR codes and plaques print, shown to
// those who print them (with why it would not work yet) and changed by the city's administrator.
#pragma once

#include "api/console/console_routes.h"
#include "domain/settings/public_address_service.h"

namespace yz {

void AddPublicAddressRoutes(ConsoleRoutes& routes, PublicAddressService& service);

}  // namespace yz
