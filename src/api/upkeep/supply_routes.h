// The console's routes of the supplies ledger: the catalogue, a station's batches, alerts,
// minimums and recent entries, recording an entry, setting a minimum. Thin handlers over
// SupplyService.
#pragma once

#include "api/console/console_routes.h"
#include "domain/upkeep/supply_service.h"

namespace yz {

// REQUIRES: `supplies` outlives the route table.
void AddSupplyRoutes(ConsoleRoutes& routes, SupplyService& supplies);

}  // namespace yz
