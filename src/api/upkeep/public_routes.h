// The upkeep area's public routes go into the one route table through this: each wrapped by the
// table's instrumentation (metrics, access log, security headers), role "public".
#pragma once

#include <functional>
#include <string>

#include "http/router.h"

namespace yz {

class PublicRoutes {
 public:
  using Instrument = std::function<RouteHandler(const std::string& pattern, RouteHandler)>;
  // REQUIRES: `router` outlives this object.
  PublicRoutes(Router& router, Instrument instrument)
      : router_(router), instrument_(std::move(instrument)) {}

  void Add(const std::string& method, const std::string& pattern, RouteHandler handler) {
    router_.Add(method, pattern, "public", instrument_(pattern, std::move(handler)));
  }
  void Add(const std::string& method, const std::string& pattern, SyncRouteHandler handler) {
    Add(method, pattern, MakeRouteHandler(std::move(handler)));
  }

 private:
  Router& router_;
  Instrument instrument_;
};

}  // namespace yz
