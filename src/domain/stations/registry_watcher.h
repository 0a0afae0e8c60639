// Keeps a StationDirectory in step with changes other processes make to the registry: another
// server on the same PostgreSQL database, or `yizhan import` on the same data directory while
// `serve` runs. Every `interval` it asks the directory to reload if the store's RegistryVersion
// moved (one tiny read when nothing changed). Changes made through this server's own directory
// are in the snapshot at once and do not wait for it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "domain/stations/station_directory.h"

namespace yz {

class RegistryWatcher {
 public:
  // Starts polling; `directory` must outlive the watcher.
  RegistryWatcher(StationDirectory& directory, std::chrono::milliseconds interval);
  // Stops and joins.
  ~RegistryWatcher();

  RegistryWatcher(const RegistryWatcher&) = delete;
  RegistryWatcher& operator=(const RegistryWatcher&) = delete;

  // Reloads seen so far (for tests and /metrics).
  uint64_t reloads() const;

 private:
  void Run();

  StationDirectory& directory_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  uint64_t reloads_ = 0;
  std::string last_error_;  // logged once until it changes
  std::thread thread_;      // last: starts once the rest is ready
};

}  // namespace yz
