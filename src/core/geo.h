// Coordinates. The one place that fixes coordinate order and reference system:
// a GeoPoint is WGS-84 unless a Crs says otherwise; latitude and longitude are distinct types
// so they cannot be swapped; files and GeoJSON write longitude first, this code names both.
#pragma once

#include <cmath>

namespace yz {

// Mean Earth radius of the contract: distances are great-circle on this sphere, in metres.
inline constexpr double kEarthRadiusMeters = 6371008.8;

class Latitude {
 public:
  constexpr explicit Latitude(double degrees) : degrees_(degrees) {}
  constexpr double degrees() const { return degrees_; }
  // True for a finite value in [-90, 90].
  bool IsValid() const { return std::isfinite(degrees_) && degrees_ >= -90.0 && degrees_ <= 90.0; }
  friend constexpr bool operator==(Latitude, Latitude) = default;

 private:
  double degrees_;
};

class Longitude {
 public:
  constexpr explicit Longitude(double degrees) : degrees_(degrees) {}
  constexpr double degrees() const { return degrees_; }
  // True for a finite value in [-180, 180].
  bool IsValid() const { return std::isfinite(degrees_) && degrees_ >= -180.0 && degrees_ <= 180.0; }
  friend constexpr bool operator==(Longitude, Longitude) = default;

 private:
  double degrees_;
};

struct GeoPoint {
  Latitude lat{0.0};
  Longitude lng{0.0};

  bool IsValid() const { return lat.IsValid() && lng.IsValid(); }
  friend constexpr bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

// Great-circle distance in metres (haversine on kEarthRadiusMeters).
double DistanceMeters(GeoPoint a, GeoPoint b);

// A point with the terms of the haversine that depend on it alone, for code that measures from
// one point to many (the search): DistanceMeters(a, b) == DistanceMeters(HaversinePoint(a),
// HaversinePoint(b)) bit for bit, as DistanceMeters is that very computation.
struct HaversinePoint {
  explicit HaversinePoint(GeoPoint p);
  HaversinePoint(double phi_radians, double cos_phi, double lng_degrees)
      : phi(phi_radians), cos_phi(cos_phi), lng_degrees(lng_degrees) {}
  double phi;          // latitude in radians
  double cos_phi;      // std::cos(phi)
  double lng_degrees;  // longitude
};
double DistanceMeters(const HaversinePoint& a, const HaversinePoint& b);

// The point as a unit vector on the sphere (x towards 0°E on the equator, z towards the north
// pole). Chord length between unit vectors orders points exactly as great-circle distance does.
struct UnitVector {
  double x, y, z;
};
UnitVector ToUnitVector(GeoPoint p);
// Great-circle distance in metres for a chord length between two unit vectors.
double ChordToMeters(double chord);
// The chord length of a great-circle distance in metres (inverse of ChordToMeters).
double MetersToChord(double meters);

}  // namespace yz
