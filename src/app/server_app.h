// The server's object graph: store → station directory → services → API → route table.
// Built once by `yizhan serve` (and by tests that want a server in-process).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "api/admin/admin_api.h"
#include "api/ops/metrics.h"
#include "api/public/public_api.h"
#include "app/admin_routes.h"
#include "core/clock.h"
#include "domain/accounts/account_service.h"
#include "domain/checkins/checkin_service.h"
#include "domain/checkins/rating_book.h"
#include "domain/stations/registry_watcher.h"
#include "domain/stations/station_directory.h"
#include "http/router.h"
#include "storage/open_store.h"

namespace yz {

struct ServerAppConfig {
  PublicApiConfig public_api;
  bool access_log = true;  // one JSON line per request on standard output, no personal data
  // The console; its public_url and zone are taken from `public_api`.
  AdminApiConfig admin;
  AccountsConfig accounts;
  // How often to look for registry changes made by other processes or servers.
  std::chrono::milliseconds registry_poll{2000};
};

class ServerApp {
 public:
  // Loads the registry and the rating totals from `store`. Errors: the store's.
  static Result<std::unique_ptr<ServerApp>> Create(std::unique_ptr<Store> store, ServerAppConfig config);

  const Router& router() const { return router_; }
  Store& store() { return *store_; }
  StationDirectory& directory() { return directory_; }
  Metrics& metrics() { return metrics_; }

 private:
  ServerApp(std::unique_ptr<Store> store, std::string hash_key, ServerAppConfig config);
  void AddRoutes();

  SystemClock clock_;
  std::unique_ptr<Store> store_;
  ServerAppConfig config_;
  StationDirectory directory_;
  RatingBook ratings_;
  CheckinService checkins_;
  PublicApi public_api_;
  AccountService accounts_;
  AdminApi admin_api_;
  AdminRouteContext admin_routes_{admin_api_};
  Metrics metrics_;
  Router router_;
  std::unique_ptr<RegistryWatcher> watcher_;  // last: stopped before anything it uses goes
};

}  // namespace yz
