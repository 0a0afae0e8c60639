// Reports and tickets through Open311 GeoReport v2 (public-api.md section 9), JSON only, under
// /open311/v2/: the services (one per report category), their definitions, filing a request
// (form-encoded, no api_key, the public reports' rate limits) and reading requests. Errors use
// GeoReport's own shape [{"code": status, "description": "…"}]. Public routes.
#pragma once

#include <functional>
#include <string>

#include "api/public/public_api.h"
#include "api/upkeep/public_routes.h"
#include "core/local_time.h"
#include "domain/checkins/checkin_service.h"
#include "domain/upkeep/public_report_service.h"
#include "http/router.h"

namespace yz {

struct Open311Context {
  PublicReportService& reports;
  CheckinService& checkins;  // files a request as a section 5 report
  PublicApi& public_api;     // its write rate limits
  const StationDirectory& directory;
  TimeZone zone;  // the offset of every date-time written
};

// REQUIRES: everything in `context` outlives the route table.
void AddOpen311Routes(PublicRoutes& routes, const Open311Context& context);

}  // namespace yz
