// The console's routes of star grading (星级评定): the rules, a station's declared facts and
// grade, grading runs with their proposals, the reviewer's corrections, approval and rejection;
// and the console page /admin/grading. Thin handlers over GradingService.
#pragma once

#include "api/console/console_routes.h"
#include "domain/grading/grading_service.h"

namespace yz {

// REQUIRES: `grading` outlives the route table.
void AddGradingRoutes(ConsoleRoutes& routes, GradingService& grading);

}  // namespace yz
