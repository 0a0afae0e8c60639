// The route table: every HTTP route of the program, with the role it requires.
#pragma once

#include <functional>

#include "api/ops/metrics.h"
#include "api/public/public_api.h"
#include "http/router.h"
#include "storage/store.h"

namespace yz {

struct RouteContext {
  PublicApi& public_api;
  const StationDirectory& directory;  // the in-memory registry, for pages that list stations
  Store& store;
  Metrics& metrics;
  bool access_log = true;
};

// Wraps a route's handler with metrics, the access log and the security headers.
RouteHandler InstrumentRoute(const std::string& pattern, RouteHandler handler, Metrics& metrics,
                             bool access_log);

// Adds the public routes to `router`, each wrapped with metrics, the access log and security
// headers. The console's routes are added by each area (ServerApp::AddConsoleRoutes).
void BuildRoutes(Router& router, RouteContext context);

}  // namespace yz
