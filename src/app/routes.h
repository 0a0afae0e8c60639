// The route table: every HTTP route of the program, with the role it requires.
#pragma once

#include "api/ops/metrics.h"
#include "app/admin_routes.h"
#include "api/public/public_api.h"
#include "http/router.h"

namespace yz {

struct RouteContext {
  PublicApi& public_api;
  const StationDirectory& directory;  // the in-memory registry, for pages that list stations
  Store& store;
  Metrics& metrics;
  bool access_log = true;
  AdminRouteContext* admin = nullptr;  // the console's routes (admin_routes.h), when set
};

// Wraps a route's handler with metrics, the access log and the security headers.
RouteHandler InstrumentRoute(const std::string& pattern, RouteHandler handler, Metrics& metrics, bool access_log);

// Adds every route to `router`, each wrapped with metrics, the access log and security headers.
void BuildRoutes(Router& router, RouteContext context);

}  // namespace yz
