// The console's routes of inspections (暗访): a station's checklist, recording an inspection,
// a station's inspections, and the due list. Thin handlers over InspectionService.
#pragma once

#include "api/console/console_routes.h"
#include "core/clock.h"
#include "domain/upkeep/inspection_service.h"

namespace yz {

// REQUIRES: `inspections` and `clock` outlive the route table.
void AddInspectionRoutes(ConsoleRoutes& routes, InspectionService& inspections, const Clock& clock);

}  // namespace yz
