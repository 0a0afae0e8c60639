// The registry as the server reads it: every station in memory, the open ones in the search
// snapshot, rebuilt and swapped atomically after each change. Readers never lock.
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
#include "domain/stations/search/station_snapshot.h"
#include "domain/stations/station_repository.h"

namespace yz {

// One immutable generation of the registry.
class StationCatalog {
 public:
  StationCatalog(std::shared_ptr<const StationSnapshot> open, std::vector<Station> not_open);

  // The open stations' search snapshot.
  const StationSnapshot& open() const { return *open_; }
  // Any station by code, whatever its status; nullptr when unknown.
  const Station* Find(std::string_view code) const;
  std::size_t size() const { return open_->size() + not_open_.size(); }
  // The first `n` stations of every status in code order (all of them when n >= size()).
  std::vector<const Station*> FirstByCode(std::size_t n) const;
  uint64_t generation() const { return generation_; }

 private:
  friend class StationDirectory;
  std::shared_ptr<const StationSnapshot> open_;
  std::vector<Station> not_open_;
  std::unordered_map<std::string_view, const Station*> not_open_by_code_;
  std::vector<const Station*> not_open_in_code_order_;
  uint64_t generation_ = 0;
};

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

  // Writes the stations (all or nothing), then reloads.
  Result<void> Save(std::span<const Station> stations);

  // Called with each new catalog right after it is swapped in, on the reloading thread, under the
  // reload lock (so listeners see the generations in order, one at a time). A listener must not
  // call Reload or Save. Listening stops when the returned object is destroyed: keep it in the
  // listener's owner so that it never outlives what it calls.
  using SwapListener = std::function<void(const std::shared_ptr<const StationCatalog>&)>;
  class Subscription {
   public:
    Subscription() = default;
    Subscription(Subscription&& other) noexcept : directory_(std::exchange(other.directory_, nullptr)), id_(other.id_) {}
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

  StationRepository& stations_;
  std::mutex reload_mutex_;
  std::vector<std::pair<uint64_t, SwapListener>> listeners_;  // guarded by reload_mutex_
  uint64_t next_listener_id_ = 1;
  uint64_t next_generation_ = 1;
  int64_t loaded_version_ = -1;  // RegistryVersion read just before the last load; guarded by reload_mutex_
  std::atomic<std::shared_ptr<const StationCatalog>> current_;
};

}  // namespace yz
