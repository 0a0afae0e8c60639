// The console's routes of the reports area: GET /api/v1/admin/reports (?station=, ?status=),
// PATCH /api/v1/admin/reports/{id} {"status": "open|in_progress|resolved|dismissed"} and the
// page /admin/reports. Thin handlers over ReportService (domain/reports).
#pragma once

#include "api/console/console_routes.h"
#include "domain/reports/report_service.h"

namespace yz {

// REQUIRES: `reports` outlives the route table.
void AddReportRoutes(ConsoleRoutes& routes, ReportService& reports);

}  // namespace yz
