// What a nearby search asks for: the typed, validated form of `GET /api/v1/stations/nearby`
// (public-api.md section 5), independent of HTTP. The handler parses the request into a
// SearchQuery; StationSnapshot::Nearest answers it.
#pragma once

#include <bitset>
#include <cstddef>
#include <optional>

#include "core/geo.h"
#include "core/local_time.h"
#include "core/result.h"
#include "domain/stations/codes.h"

namespace yz {

// One bit per code, indexed by the enum value.
using AmenitySet = std::bitset<kAmenityCount>;
using ServiceSet = std::bitset<kServiceCount>;
using HostTypeSet = std::bitset<kHostTypeCount>;

inline void Include(AmenitySet& set, Amenity a) { set.set(static_cast<std::size_t>(a)); }
inline void Include(ServiceSet& set, Service s) { set.set(static_cast<std::size_t>(s)); }
inline void Include(HostTypeSet& set, HostType h) { set.set(static_cast<std::size_t>(h)); }

inline constexpr int kMinSearchLimit = 1;
inline constexpr int kMaxSearchLimit = 100;
inline constexpr int kDefaultSearchLimit = 10;

struct SearchQuery {
  // Where the worker is, WGS-84. Required; must be IsValid().
  GeoPoint origin;
  // At most this many hits, kMinSearchLimit..kMaxSearchLimit. Default 10.
  int limit = kDefaultSearchLimit;
  // Only stations with distance_m <= *radius_m (inclusive). Finite and > 0; nullopt: no limit.
  std::optional<double> radius_m;
  // Every amenity in the set must be listed by the station AND working (a broken one does not
  // count). Empty: no filter.
  AmenitySet amenities;
  // Every service in the set must be offered. Empty: no filter.
  ServiceSet services;
  // The station's host type must be one of these. Empty: no filter; with a filter, a station
  // whose host type is unknown never passes.
  HostTypeSet host_types;
  // Only stations graded at least this many stars (0..5; 0: no filter).
  int min_stars = 0;
  // Keep only stations known to be open at `at`; stations with unknown hours do not pass.
  bool open_now_only = false;
  // The station-local moment at which every hit's open_now is evaluated (weekday 0..6,
  // minute_of_day 0..1439).
  LocalTime at;

  // Ok, or an invalid_argument Error naming the first bad field.
  Result<void> Validate() const;
};

}  // namespace yz
