// The registry's storage interfaces. Implementations live in src/storage (SQLite, PostgreSQL)
// and pass one conformance suite (tests/storage); storage/store.h gathers them with the other
// areas' repositories. Every method is safe to call from several
// threads; a failing call changes nothing and returns an Error (kUnavailable when the store
// cannot be reached, kInternal for anything unexpected).
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/stations/codes.h"
#include "domain/stations/registry_types.h"
#include "domain/stations/station.h"

namespace yz {

class StationRepository {
 public:
  virtual ~StationRepository() = default;

  // Every station, whatever its status, ordered by code.
  virtual Result<std::vector<Station>> ListStations() = 0;
  // The station with this code, or nullopt.
  virtual Result<std::optional<Station>> FindStation(std::string_view code) = 0;
  // Inserts each station, or replaces every stored field of the station with its code (photos
  // included), in one transaction: all are written or none. REQUIRES: codes unique in `stations`.
  virtual Result<void> SaveStations(std::span<const Station> stations) = 0;
  // SaveStations, answering the registry's version just before and just after this write, both
  // read in its transaction with the registry locked against other writers: `before` equal to the
  // version a reader loaded at means no other change came in between.
  struct VersionStep {
    int64_t before = 0;
    int64_t after = 0;
  };
  virtual Result<VersionStep> SaveStationsVersioned(std::span<const Station> stations) = 0;
  virtual Result<int64_t> CountStations() = 0;
  // A number that moves whenever any station or station photo changes, by any process or server
  // sharing the store (equal numbers: nothing changed in between).
  virtual Result<int64_t> RegistryVersion() = 0;
};

class RegionRepository {
 public:
  virtual ~RegionRepository() = default;
  // Every region, ordered by code.
  virtual Result<std::vector<Region>> ListRegions() = 0;
  // Inserts or renames each region, all or nothing.
  virtual Result<void> SaveRegions(std::span<const Region> regions) = 0;
};

class HostRepository {
 public:
  virtual ~HostRepository() = default;
  // Every host, ordered by id.
  virtual Result<std::vector<Host>> ListHosts() = 0;
  // Stores a new host (its `id` ignored) and returns the id given to it.
  virtual Result<int64_t> AddHost(const Host& host) = 0;
};

// The amenity standard (十个一) is data a city configures: which amenity codes every station
// must have, in the order the checklist shows them. A new store holds the contract's default.
class StandardRepository {
 public:
  virtual ~StandardRepository() = default;
  virtual Result<std::vector<Amenity>> StandardAmenities() = 0;
  // REQUIRES: no duplicates. Replaces the whole list.
  virtual Result<void> SetStandardAmenities(std::span<const Amenity> amenities) = 0;
};

}  // namespace yz
