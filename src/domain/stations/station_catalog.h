// One immutable generation of the registry: every station by code, the open ones searchable.
//
// A generation is a base — the open stations' search snapshot and the other stations, built from
// the whole registry, shared between generations — plus a patch: the few stations saved since the
// base was built, each hiding its copy in the base. Saving one station therefore costs a snapshot
// of the patch (a few stations), not one of 200,000 (about two seconds).
//
// Answers are those of a catalog built from scratch from the same stations: search asks the base
// for `limit` plus the number of hidden open stations, drops the hidden ones (what is left is the
// base's nearest among the stations still current, in order), and merges that with the patch's
// answer by (distance_m, code), the order a snapshot gives. StationDirectory folds the patch into
// a new base when the patch grows or the registry has been quiet for a moment.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "domain/stations/search/station_snapshot.h"
#include "domain/stations/station.h"

namespace yz {

class StationCatalog {
 public:
  // A base generation without a patch: the open stations' snapshot and every other station.
  StationCatalog(std::shared_ptr<const StationSnapshot> open, std::vector<Station> not_open);

  // `before` with `changed` saved over it (inserted, or replacing the station with the same code,
  // whatever its status); the base is shared, the patch is `before`'s patch plus `changed`.
  // REQUIRES: codes unique in `changed`.
  static std::shared_ptr<StationCatalog> Patched(const StationCatalog& before,
                                                 std::vector<Station> changed);

  // Any station by code, whatever its status; nullptr when unknown.
  const Station* Find(std::string_view code) const;
  // The open station with this code; nullptr when unknown or not open.
  const Station* FindOpen(std::string_view code) const;

  // The nearest open stations passing the query's filters, as StationSnapshot::Nearest answers
  // them for a snapshot of every open station of this generation. Allocates nothing once the
  // calling thread's buffers have grown.
  Result<void> Nearest(const SearchQuery& query, std::vector<StationHit>& out) const;
  Result<std::vector<StationHit>> Nearest(const SearchQuery& query) const;

  std::size_t size() const;        // every station
  std::size_t open_count() const;  // the open ones
  // Calls f(const Station&) for every open station, once each, in no particular order.
  template <typename F>
  void ForEachOpen(F&& f) const;
  // The first `n` stations of every status in code order (all of them when n >= size()).
  std::vector<const Station*> FirstByCode(std::size_t n) const;
  // Copies of every open station and of every other one (to build a new base from).
  std::vector<Station> OpenStations() const;
  std::vector<Station> NotOpenStations() const;

  // Moves whenever the stations change; a fold (same stations, new base) keeps it, so caches of
  // whole answers keyed by it stay valid.
  uint64_t generation() const { return generation_; }
  // The base's snapshot, for caches of per-station data that live as long as a base does. A
  // patched station is not in it, and its hidden copy there is never answered by this catalog.
  const StationSnapshot& base_open() const { return *base_open_; }
  std::shared_ptr<const StationSnapshot> shared_base_open() const { return base_open_; }
  // Stations of the patch (0 for a base generation).
  std::size_t patched_count() const { return patch_ ? patch_->size() : 0; }

  // Approximate bytes held by the open stations' snapshots.
  std::size_t MemoryBytes() const;

 private:
  friend class StationDirectory;
  // Stations that are not open, by code and in code order. Immutable once built.
  struct NotOpen {
    explicit NotOpen(std::vector<Station> all);
    std::vector<Station> stations;
    std::unordered_map<std::string_view, const Station*> by_code;
    std::vector<const Station*> in_code_order;
  };
  struct Patch {
    std::shared_ptr<const StationSnapshot> open;
    std::shared_ptr<const NotOpen> not_open;
    std::vector<const Station*> in_code_order;  // every patched station, open or not
    // Codes of base stations the patch replaces (views into the patch's stations).
    std::unordered_set<std::string_view> hidden;
    std::size_t hidden_open = 0;  // how many of `hidden` are in the base's open snapshot
    std::size_t size() const { return in_code_order.size(); }
  };
  StationCatalog() = default;
  bool Hidden(std::string_view code) const { return patch_ && patch_->hidden.contains(code); }

  std::shared_ptr<const StationSnapshot> base_open_;
  std::shared_ptr<const NotOpen> base_not_open_;
  std::shared_ptr<const Patch> patch_;  // null: a base generation
  uint64_t generation_ = 0;
};

template <typename F>
void StationCatalog::ForEachOpen(F&& f) const {
  if (!patch_) {
    for (const Station& s : base_open_->stations()) f(s);
    return;
  }
  for (const Station& s : base_open_->stations()) {
    if (!patch_->hidden.contains(s.code)) f(s);
  }
  for (const Station& s : patch_->open->stations()) f(s);
}

}  // namespace yz
