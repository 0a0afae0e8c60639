// The registry as the server reads it: every station in memory, the open ones searchable, in an
// immutable StationCatalog swapped atomically after each change. Readers never lock.
//
// A save through the directory patches the current catalog with the saved stations (milliseconds)
// when nothing else changed the registry since it was loaded, and reloads everything otherwise.
// Fold() merges a patch into a new base off the saving path (RegistryWatcher calls it); a save
// that would grow the patch past kMaxPatched stations folds at once.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "domain/stations/station_catalog.h"
#include "domain/stations/station_repository.h"

namespace yz {

class StationDirectory {
 public:
  // Does not load: call Reload() before serving.
  explicit StationDirectory(StationRepository& stations);

  // Reads every station from the store and swaps in a new catalog. Safe to call from any thread;
  // concurrent reloads are serialised.
  Result<void> Reload();

  // Reloads when the store's RegistryVersion moved since the last load (another process or server
  // changed the registry): true when it reloaded. Cheap when nothing changed (one small read).
  Result<bool> ReloadIfChanged();

  // The current catalog; hold the pointer for the whole request. Never null.
  std::shared_ptr<const StationCatalog> Current() const { return current_.load(); }

  // Writes the stations (all or nothing), then patches the catalog with them as the store now
  // holds them; reloads everything instead when another writer moved the registry in between.
  Result<void> Save(std::span<const Station> stations);

  // Builds a new base from the current catalog's stations when it carries a patch (about a second
  // for 200,000 stations, without holding up readers or saves), and swaps it in unless the catalog
  // changed meanwhile. Keeps the generation (the stations are the same). True when it folded.
  Result<bool> Fold();

  static constexpr std::size_t kMaxPatched = 64;

  // Called with each new catalog right after it is swapped in, on the reloading thread, under the
  // reload lock (so listeners see the generations in order, one at a time). A listener must not
  // call Reload or Save. Listening stops when the returned object is destroyed: keep it in the
  // listener's owner so that it never outlives what it calls.
  using SwapListener = std::function<void(const std::shared_ptr<const StationCatalog>&)>;
  class Subscription {
   public:
    Subscription() = default;
    Subscription(Subscription&& other) noexcept
        : directory_(std::exchange(other.directory_, nullptr)), id_(other.id_) {}
    Subscription& operator=(Subscription&&) = delete;
    ~Subscription();

   private:
    friend class StationDirectory;
    Subscription(StationDirectory* directory, uint64_t id) : directory_(directory), id_(id) {}
    StationDirectory* directory_ = nullptr;
    uint64_t id_ = 0;
  };
  [[nodiscard]] Subscription OnSwap(SwapListener listener);

 private:
  Result<void> ReloadLocked();  // REQUIRES: reload_mutex_ held
  // Makes `catalog` current and tells the listeners. REQUIRES: reload_mutex_ held.
  void PublishLocked(std::shared_ptr<const StationCatalog> catalog);
  // A base generation holding the stations of `catalog`.
  static std::shared_ptr<StationCatalog> Rebased(const StationCatalog& catalog);

  StationRepository& stations_;
  std::mutex reload_mutex_;
  std::mutex fold_mutex_;  // one Fold at a time; taken before reload_mutex_, never after
  std::vector<std::pair<uint64_t, SwapListener>> listeners_;  // guarded by reload_mutex_
  uint64_t next_listener_id_ = 1;
  uint64_t next_generation_ = 1;
  int64_t loaded_version_ =
      -1;  // RegistryVersion read just before the last load; guarded by reload_mutex_
  std::atomic<std::shared_ptr<const StationCatalog>> current_;
};

}  // namespace yz
