// The station: one outdoor-worker service station (服务站点 / 驿站) of the registry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/geo.h"
#include "core/money.h"
#include "core/opening_hours.h"
#include "domain/stations/codes.h"

namespace yz {

struct StationAmenity {
  Amenity amenity;
  AmenityState state = AmenityState::kWorking;
  friend bool operator==(const StationAmenity&, const StationAmenity&) = default;
};

struct StationPhoto {
  std::string path;     // storage-relative path of the re-encoded image
  std::string caption;  // may be empty
  friend bool operator==(const StationPhoto&, const StationPhoto&) = default;
};

struct Station {
  std::string code;     // IsValidStationCode; unique and stable (printed in the QR code)
  std::string name;     // non-empty
  std::string address;  // may be empty
  GeoPoint location;    // WGS-84
  std::string region;   // a region code, or "" when unknown
  std::optional<HostType> host_type;  // nullopt when unknown
  std::optional<int64_t> host_id;     // the co-building partner (Host), if recorded
  Level level = Level::kStandard;
  StationStatus status = StationStatus::kOpen;
  OpeningHours opening_hours;             // unknown when empty
  std::vector<StationAmenity> amenities;  // each amenity at most once, in Amenity order
  std::vector<Service> services;          // each at most once, in Service order
  std::string manager;                    // the responsible person (站点责任人); may be empty
  std::string phone;                      // personal data: shown masked by default
  std::string service_phone;              // the public service line; may be empty
  std::optional<Date> opened_on;
  std::optional<Money> investment;
  std::vector<StationPhoto> photos;
  // The approved star grade (星级, 1–5; 0 never graded). Kept by star grading
  // (domain/grading), read with the station, never written by the registry and not part of
  // SameStation: an import or an edit cannot change it.
  int stars = 0;

  // The state of `a` here, or nullopt when the station does not list it.
  std::optional<AmenityState> AmenityStateOf(Amenity a) const;
  // Present and working: what a search filter asks for.
  bool HasWorkingAmenity(Amenity a) const;
  bool HasService(Service s) const;
};

// Equality of every stored field (opening hours compared by text).
bool SameStation(const Station& a, const Station& b);

// Puts amenities and services in canonical order (by enum value), as stored.
void Canonicalize(Station& s);

// What a tel: link dials for a stored phone: its digits and '+' only ("0536-5212345" →
// "05365212345"); nothing else belongs in the URI.
std::string DialablePhone(std::string_view phone);

}  // namespace yz
