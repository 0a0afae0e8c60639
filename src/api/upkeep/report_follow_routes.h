// Following a report without an account: the page /r (type the number) and /r/{number} (where it
// stands, its history, and "is it really fixed?" while resolved, answered by a plain form POST to
// /r/{number}/verdict so it works before any script runs), and the same as JSON at
// GET /api/v1/reports/{number} and POST /api/v1/reports/{number}/verdict {"fixed": bool}.
// Public routes; the answers share the public writes' rate limits.
#pragma once

#include <functional>
#include <string>

#include "api/public/public_api.h"
#include "api/upkeep/public_routes.h"
#include "core/local_time.h"
#include "domain/upkeep/public_report_service.h"
#include "http/router.h"

namespace yz {

struct ReportFollowContext {
  PublicReportService& reports;
  PublicApi& public_api;  // its write rate limits
  TimeZone zone;
};

// REQUIRES: everything in `context` outlives the route table.
void AddReportFollowRoutes(PublicRoutes& routes, const ReportFollowContext& context);

}  // namespace yz
