#include "core/geo.h"

#include <algorithm>
#include <numbers>

namespace yz {
namespace {
constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;
}

HaversinePoint::HaversinePoint(GeoPoint p)
    : phi(p.lat.degrees() * kRadiansPerDegree), cos_phi(std::cos(phi)), lng_degrees(p.lng.degrees()) {}

double DistanceMeters(const HaversinePoint& a, const HaversinePoint& b) {
  const double dphi = b.phi - a.phi;
  const double dlambda = (b.lng_degrees - a.lng_degrees) * kRadiansPerDegree;
  const double s1 = std::sin(dphi / 2);
  const double s2 = std::sin(dlambda / 2);
  const double h = std::clamp(s1 * s1 + a.cos_phi * b.cos_phi * s2 * s2, 0.0, 1.0);
  return 2.0 * kEarthRadiusMeters * std::asin(std::sqrt(h));
}

double DistanceMeters(GeoPoint a, GeoPoint b) { return DistanceMeters(HaversinePoint(a), HaversinePoint(b)); }

UnitVector ToUnitVector(GeoPoint p) {
  const double phi = p.lat.degrees() * kRadiansPerDegree;
  const double lambda = p.lng.degrees() * kRadiansPerDegree;
  const double cos_phi = std::cos(phi);  // once: the compiler may not merge the calls (errno)
  return {cos_phi * std::cos(lambda), cos_phi * std::sin(lambda), std::sin(phi)};
}

double ChordToMeters(double chord) {
  return 2.0 * kEarthRadiusMeters * std::asin(std::clamp(chord / 2.0, 0.0, 1.0));
}

double MetersToChord(double meters) {
  const double angle = std::min(meters / kEarthRadiusMeters, std::numbers::pi);
  return 2.0 * std::sin(angle / 2.0);
}

}  // namespace yz
