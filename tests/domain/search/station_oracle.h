// What the search tests share: stations and queries made at random from a seed, and the
// brute-force oracle every search answer must equal.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "domain/stations/search/station_snapshot.h"

namespace yz::search_testing {

inline GeoPoint At(double lat, double lng) { return GeoPoint{Latitude(lat), Longitude(lng)}; }

inline OpeningHours Hours(std::string_view text) {
  Result<OpeningHours> h = OpeningHours::Parse(text);
  EXPECT_TRUE(h.ok()) << text;
  return h.ok() ? *h : OpeningHours();
}

inline Station MakeStation(std::string code, GeoPoint where) {
  Station s;
  s.name = "站点 " + code;
  s.code = std::move(code);
  s.location = where;
  return s;
}

inline SearchQuery QueryAt(GeoPoint origin, int limit = 10) {
  SearchQuery q;
  q.origin = origin;
  q.limit = limit;
  return q;
}

inline std::vector<std::string> Codes(const std::vector<StationHit>& hits) {
  std::vector<std::string> codes;
  for (const StationHit& h : hits) codes.push_back(h.station->code);
  return codes;
}

// The oracle: every open station, every filter, DistanceMeters, sorted by (distance, code).
inline std::vector<StationHit> BruteForce(const std::vector<Station>& stations,
                                          const SearchQuery& q) {
  std::vector<StationHit> hits;
  for (const Station& s : stations) {
    if (s.status != StationStatus::kOpen) continue;
    bool ok = true;
    for (int a = 0; a < kAmenityCount; ++a) {
      if (q.amenities[a] && !s.HasWorkingAmenity(static_cast<Amenity>(a))) ok = false;
    }
    for (int v = 0; v < kServiceCount; ++v) {
      if (q.services[v] && !s.HasService(static_cast<Service>(v))) ok = false;
    }
    if (q.host_types.any() &&
        (!s.host_type || !q.host_types[static_cast<std::size_t>(*s.host_type)])) {
      ok = false;
    }
    const std::optional<bool> open = s.opening_hours.IsOpen(q.at);
    if (q.open_now_only && !open.value_or(false)) ok = false;
    const double d = DistanceMeters(q.origin, s.location);
    if (q.radius_m && d > *q.radius_m) ok = false;
    if (s.stars < q.min_stars) ok = false;
    if (ok) hits.push_back({&s, d, open});
  }
  std::sort(hits.begin(), hits.end(), [](const StationHit& a, const StationHit& b) {
    return a.distance_m < b.distance_m ||
           (a.distance_m == b.distance_m && a.station->code < b.station->code);
  });
  if (hits.size() > static_cast<std::size_t>(q.limit)) hits.resize(q.limit);
  return hits;
}

// Random stations with random amenity mixes, hours and statuses; some share points exactly.
class RandomStations {
 public:
  explicit RandomStations(uint32_t seed) : rng_(seed) {}

  Station Make(int i, GeoPoint where) {
    static const char* kHours[] = {"",
                                   "",
                                   "24/7",
                                   "Mo-Fr 08:00-18:00",
                                   "Mo-Su 06:00-22:00",
                                   "Sa,Su 09:00-17:00",
                                   "22:00-06:00",
                                   "Mo-Fr 08:00-12:00,14:00-18:00",
                                   "Mo-Sa 07:30-19:45"};
    Station s = MakeStation("R" + std::to_string(i), where);
    for (int a = 0; a < kAmenityCount; ++a) {
      const double p = a == static_cast<int>(Amenity::kAed) ? 0.03 : 0.4;
      if (Uniform(0, 1) < p) {
        const double r = Uniform(0, 1);
        s.amenities.push_back({static_cast<Amenity>(a), r < 0.8   ? AmenityState::kWorking
                                                        : r < 0.9 ? AmenityState::kBroken
                                                                  : AmenityState::kMissing});
      }
    }
    for (int v = 0; v < kServiceCount; ++v) {
      if (Uniform(0, 1) < 0.3) s.services.push_back(static_cast<Service>(v));
    }
    const int host = Int(-1, kHostTypeCount - 1);
    if (host >= 0) s.host_type = static_cast<HostType>(host);
    s.opening_hours = Hours(kHours[Int(0, std::size(kHours) - 1)]);
    const double r = Uniform(0, 1);
    s.status = r < 0.85   ? StationStatus::kOpen
               : r < 0.9  ? StationStatus::kSuspended
               : r < 0.95 ? StationStatus::kClosed
                          : StationStatus::kPlanned;
    // Grades: most stations none or few stars, five stars rare.
    const double g = Uniform(0, 1);
    s.stars = g < 0.4 ? 0 : g < 0.6 ? 1 : g < 0.75 ? 2 : g < 0.87 ? 3 : g < 0.97 ? 4 : 5;
    return s;
  }

  SearchQuery Query(GeoPoint origin) {
    SearchQuery q = QueryAt(origin, Int(1, 100));
    if (Uniform(0, 1) < 0.3) q.radius_m = std::exp(Uniform(std::log(50.0), std::log(3e6)));
    if (Uniform(0, 1) < 0.4) Include(q.amenities, static_cast<Amenity>(Int(0, kAmenityCount - 1)));
    if (Uniform(0, 1) < 0.15) Include(q.amenities, Amenity::kAed);
    if (Uniform(0, 1) < 0.1) Include(q.amenities, static_cast<Amenity>(Int(0, kAmenityCount - 1)));
    if (Uniform(0, 1) < 0.2) Include(q.services, static_cast<Service>(Int(0, kServiceCount - 1)));
    if (Uniform(0, 1) < 0.2) {
      for (int k = Int(1, 3); k > 0; --k)
        Include(q.host_types, static_cast<HostType>(Int(0, kHostTypeCount - 1)));
    }
    q.open_now_only = Uniform(0, 1) < 0.3;
    q.at = LocalTime{.weekday = Int(0, 6), .minute_of_day = Int(0, 1439)};
    if (Uniform(0, 1) < 0.25) q.min_stars = Int(1, 5);
    return q;
  }

  double Uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng_);
  }
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  std::mt19937_64 rng_;
};

}  // namespace yz::search_testing
