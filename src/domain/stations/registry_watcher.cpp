#include "domain/stations/registry_watcher.h"

#include <cstdio>

namespace yz {

RegistryWatcher::RegistryWatcher(StationDirectory& directory, std::chrono::milliseconds interval)
    : directory_(directory), task_(interval, [this] { Poll(); }) {}

void RegistryWatcher::Poll() {
  auto reloaded = directory_.ReloadIfChanged();
  if (reloaded) {
    last_error_.clear();
    if (*reloaded) ++reloads_;
    // Stations saved through this server since the last poll: fold them into a new base here, off
    // the saving path, so that searches stop paying for the patch.
    if (auto folded = directory_.Fold(); folded && *folded) ++folds_;
  } else if (reloaded.error().message != last_error_) {
    // The store is unreachable for a moment: keep serving the snapshot we have.
    last_error_ = reloaded.error().message;
    std::fprintf(stderr, "yizhan: registry reload: %s\n", last_error_.c_str());
  }
}

}  // namespace yz
