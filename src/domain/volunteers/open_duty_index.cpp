#include "domain/volunteers/open_duty_index.h"

namespace yz {

void OpenDutyIndex::Rebuild(const StationCatalog& catalog, std::vector<StationOpenPlaces> places,
                            UtcTime now) {
  auto next = std::make_shared<Generation>();
  std::vector<Station> stations;
  stations.reserve(places.size());
  for (StationOpenPlaces& p : places) {
    const Station* s = catalog.FindOpen(p.station_code);
    if (s == nullptr) continue;  // closed or gone: nobody is sent there
    stations.push_back(*s);
    std::string code = p.station_code;
    next->places.emplace(std::move(code), std::move(p));
  }
  next->snapshot = StationSnapshot::Build(std::move(stations));
  next->built_at = now;
  current_.store(std::move(next));
}

std::vector<NearbyDuty> OpenDutyIndex::Nearest(const GeoPoint& origin, int k,
                                               std::shared_ptr<const Generation>& keep) const {
  keep = current_.load();
  SearchQuery query;
  query.origin = origin;
  query.limit = std::clamp(k, kMinSearchLimit, kMaxSearchLimit);
  std::vector<NearbyDuty> out;
  auto hits = keep->snapshot->Nearest(query);
  if (!hits) return out;
  out.reserve(hits->size());
  for (const StationHit& hit : *hits) {
    const auto it = keep->places.find(hit.station->code);
    if (it == keep->places.end()) continue;
    out.push_back({hit.station, hit.distance_m, it->second});
  }
  return out;
}

}  // namespace yz
