#include "app/server_app.h"

#include "app/routes.h"
#include "app/station_export/station_export.h"

namespace yz {

ServerApp::ServerApp(std::unique_ptr<Store> store, std::string hash_key, ServerAppConfig config)
    : store_(std::move(store)),
      config_(std::move(config)),
      directory_(store_->stations()),
      checkins_(store_->checkins(), directory_, ratings_, clock_, hash_key),
      public_api_(directory_, checkins_, ratings_, clock_, metrics_, config_.public_api),
      accounts_(store_->accounts(), store_->sessions(), store_->audit(), clock_, hash_key, config_.accounts),
      admin_api_(accounts_, directory_, *store_, clock_, config_.admin, WriteStationWorkbook, FormatStationGeoJson) {}

Result<std::unique_ptr<ServerApp>> ServerApp::Create(std::unique_ptr<Store> store, ServerAppConfig config) {
  config.admin.public_url = config.public_api.public_url;
  config.admin.zone = config.public_api.zone;
  auto key = store->HashKey();
  if (!key) return key.error();
  std::unique_ptr<ServerApp> app(new ServerApp(std::move(store), std::move(*key), std::move(config)));
  YZ_TRY(app->directory_.Reload());
  auto totals = app->store_->checkins().RatingTotals();
  if (!totals) return totals.error();
  app->ratings_.Reset(std::move(*totals));
  app->metrics_.AddGauge("yizhan_checkin_queue_depth", "Check-ins, ratings and reports waiting for the writer.",
                         [store = app->store_.get()] { return static_cast<double>(store->checkins().QueueDepth()); });
  app->metrics_.AddGauge("yizhan_snapshot_stations", "Open stations in the search snapshot.",
                         [dir = &app->directory_] { return static_cast<double>(dir->Current()->open().size()); });
  app->metrics_.AddGauge("yizhan_snapshot_bytes", "Approximate memory of the search snapshot.",
                         [dir = &app->directory_] { return static_cast<double>(dir->Current()->open().MemoryBytes()); });
  app->metrics_.AddGauge("yizhan_nearby_fragment_bytes",
                         "Approximate memory of the precomputed nearby-answer fragments (one per open station).",
                         [api = &app->public_api_] { return static_cast<double>(api->NearbyFragmentBytes()); });
  BuildRoutes(app->router_, RouteContext{app->public_api_, app->directory_, *app->store_, app->metrics_,
                                         app->config_.access_log, &app->admin_routes_});
  app->watcher_ = std::make_unique<RegistryWatcher>(app->directory_, app->config_.registry_poll);
  app->metrics_.AddGauge("yizhan_registry_reloads", "Snapshot reloads after changes by other processes or servers.",
                         [watcher = app->watcher_.get()] { return static_cast<double>(watcher->reloads()); });
  return app;
}

}  // namespace yz
