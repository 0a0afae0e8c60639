#include "domain/stations/registry_watcher.h"

#include <cstdio>

namespace yz {

RegistryWatcher::RegistryWatcher(StationDirectory& directory, std::chrono::milliseconds interval)
    : directory_(directory), interval_(interval), thread_([this] { Run(); }) {}

RegistryWatcher::~RegistryWatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

uint64_t RegistryWatcher::reloads() const {
  std::lock_guard lock(mutex_);
  return reloads_;
}

void RegistryWatcher::Run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    auto reloaded = directory_.ReloadIfChanged();
    lock.lock();
    if (reloaded) {
      last_error_.clear();
      if (*reloaded) ++reloads_;
    } else if (reloaded.error().message != last_error_) {
      // The store is unreachable for a moment: keep serving the snapshot we have.
      last_error_ = reloaded.error().message;
      std::fprintf(stderr, "yizhan: registry reload: %s\n", last_error_.c_str());
    }
  }
}

}  // namespace yz
