// "Near me with open shifts" (issue 16 item 3): a search snapshot (domain/stations/search) of
// only the open stations that have a shift with a free place in the coming days, so a volunteer's
// query is an exact k-nearest walk of a small index, never a scan of shifts or stations.
//
// Rebuilt from the store's per-station free places and the registry's current catalog; readers
// never lock (the snapshot is swapped atomically). Between rebuilds a station may still show a
// place that was just taken: the station's own shift list, read live, and taking a shift, which
// is atomic in the store, are what count.
#pragma once

#include <atomic>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "domain/stations/station_directory.h"
#include "domain/volunteers/volunteer_repository.h"

namespace yz {

struct NearbyDuty {
  const Station* station = nullptr;  // valid while the index generation that answered lives
  double distance_m = 0;
  StationOpenPlaces places;
};

class OpenDutyIndex {
 public:
  struct Generation {
    std::shared_ptr<const StationSnapshot> snapshot;
    std::unordered_map<std::string, StationOpenPlaces> places;
    UtcTime built_at;
  };

  // Builds a new generation from `places` over the stations of `catalog` that are open; swaps it.
  void Rebuild(const StationCatalog& catalog, std::vector<StationOpenPlaces> places, UtcTime now);
  // The nearest `k` stations with free places (k in 1..100). Answers from an empty index until
  // the first Rebuild. `keep` holds the generation that the answer's pointers point into.
  std::vector<NearbyDuty> Nearest(const GeoPoint& origin, int k,
                                  std::shared_ptr<const Generation>& keep) const;
  std::shared_ptr<const Generation> Current() const { return current_.load(); }

 private:
  std::atomic<std::shared_ptr<const Generation>> current_{
      std::make_shared<const Generation>(Generation{StationSnapshot::Empty(), {}, UtcTime{}})};
};

}  // namespace yz
