// Keeps a StationDirectory in step with changes other processes make to the registry: another
// server on the same PostgreSQL database, or `yizhan import` on the same data directory while
// `serve` runs. Every `interval` it asks the directory to reload if the store's RegistryVersion
// moved (one tiny read when nothing changed). Changes made through this server's own directory
// are in the snapshot at once and do not wait for it; the watcher folds them into a new base at its
// next poll (StationDirectory::Fold).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "core/periodic_task.h"
#include "domain/stations/station_directory.h"

namespace yz {

class RegistryWatcher {
 public:
  // Starts polling; `directory` must outlive the watcher. Stops and joins when destroyed.
  RegistryWatcher(StationDirectory& directory, std::chrono::milliseconds interval);

  // Reloads seen so far (for tests and /metrics).
  uint64_t reloads() const { return reloads_.load(); }
  // Patches folded into a new base so far.
  uint64_t folds() const { return folds_.load(); }

 private:
  void Poll();

  StationDirectory& directory_;
  std::atomic<uint64_t> reloads_{0};
  std::atomic<uint64_t> folds_{0};
  std::string last_error_;  // logged once until it changes; task thread only
  PeriodicTask task_;       // last: stopped before the rest goes
};

}  // namespace yz
