#include "core/crs.h"

#include <cmath>
#include <numbers>

namespace yz {
namespace {

constexpr double kPi = std::numbers::pi;
// GCJ-02 is defined on the Krasovsky 1940 ellipsoid.
constexpr double kKrasovskyA = 6378245.0;
constexpr double kKrasovskyEe = 0.00669342162296594323;
constexpr double kBdXPi = kPi * 3000.0 / 180.0;

// Fixed-point refinement stops once a step moves the estimate by less than this many degrees
// (about 1 mm); the GCJ-02 offset field is smooth enough that this takes 2 to 4 steps.
constexpr double kInverseToleranceDegrees = 1e-8;
constexpr int kMaxInverseSteps = 20;

double OffsetLat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double OffsetLng(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

GeoPoint Point(double lat, double lng) { return {Latitude(lat), Longitude(lng)}; }

}  // namespace

std::optional<Crs> ParseCrs(std::string_view text) {
  if (text == "wgs84") return Crs::kWgs84;
  if (text == "gcj02") return Crs::kGcj02;
  if (text == "bd09") return Crs::kBd09;
  return std::nullopt;
}

std::string_view CrsName(Crs crs) {
  switch (crs) {
    case Crs::kWgs84: return "wgs84";
    case Crs::kGcj02: return "gcj02";
    case Crs::kBd09: return "bd09";
  }
  return "wgs84";
}

bool InGcj02Box(GeoPoint wgs84) {
  const double lat = wgs84.lat.degrees();
  const double lng = wgs84.lng.degrees();
  return lng >= 72.004 && lng <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

GeoPoint Wgs84ToGcj02(GeoPoint wgs84) {
  if (!InGcj02Box(wgs84)) return wgs84;
  const double lat = wgs84.lat.degrees();
  const double lng = wgs84.lng.degrees();
  const double x = lng - 105.0;
  const double y = lat - 35.0;
  const double rad_lat = lat / 180.0 * kPi;
  const double s = std::sin(rad_lat);
  const double magic = 1.0 - kKrasovskyEe * s * s;
  const double sqrt_magic = std::sqrt(magic);
  const double d_lat =
      OffsetLat(x, y) * 180.0 / ((kKrasovskyA * (1.0 - kKrasovskyEe)) / (magic * sqrt_magic) * kPi);
  const double d_lng = OffsetLng(x, y) * 180.0 / (kKrasovskyA / sqrt_magic * std::cos(rad_lat) * kPi);
  return Point(lat + d_lat, lng + d_lng);
}

// Solves Wgs84ToGcj02(w) = gcj02 by fixed-point iteration w ← w + (gcj02 − Wgs84ToGcj02(w)).
// The offset changes by far less than a metre across the few hundred metres it shifts a
// point, so each step shrinks the error by about three orders of magnitude.
GeoPoint Gcj02ToWgs84(GeoPoint gcj02) {
  const double target_lat = gcj02.lat.degrees();
  const double target_lng = gcj02.lng.degrees();
  double lat = target_lat;
  double lng = target_lng;
  for (int step = 0; step < kMaxInverseSteps; ++step) {
    const GeoPoint forward = Wgs84ToGcj02(Point(lat, lng));
    const double d_lat = target_lat - forward.lat.degrees();
    const double d_lng = target_lng - forward.lng.degrees();
    lat += d_lat;
    lng += d_lng;
    if (std::abs(d_lat) < kInverseToleranceDegrees && std::abs(d_lng) < kInverseToleranceDegrees) break;
  }
  return Point(lat, lng);
}

GeoPoint Gcj02ToBd09(GeoPoint gcj02) {
  const double x = gcj02.lng.degrees();
  const double y = gcj02.lat.degrees();
  const double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kBdXPi);
  const double theta = std::atan2(y, x) + 0.000003 * std::cos(x * kBdXPi);
  return Point(z * std::sin(theta) + 0.006, z * std::cos(theta) + 0.0065);
}

// The published inverse drops second-order terms and is off by up to a few centimetres;
// refining it like Gcj02ToWgs84 makes Gcj02ToBd09(Bd09ToGcj02(p)) == p to about 1e-9°.
GeoPoint Bd09ToGcj02(GeoPoint bd09) {
  const double x = bd09.lng.degrees() - 0.0065;
  const double y = bd09.lat.degrees() - 0.006;
  const double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBdXPi);
  const double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBdXPi);
  double lat = z * std::sin(theta);
  double lng = z * std::cos(theta);
  for (int step = 0; step < kMaxInverseSteps; ++step) {
    const GeoPoint forward = Gcj02ToBd09(Point(lat, lng));
    const double d_lat = bd09.lat.degrees() - forward.lat.degrees();
    const double d_lng = bd09.lng.degrees() - forward.lng.degrees();
    lat += d_lat;
    lng += d_lng;
    if (std::abs(d_lat) < kInverseToleranceDegrees && std::abs(d_lng) < kInverseToleranceDegrees) break;
  }
  return Point(lat, lng);
}

GeoPoint ToWgs84(GeoPoint p, Crs from) {
  switch (from) {
    case Crs::kWgs84: return p;
    case Crs::kGcj02: return Gcj02ToWgs84(p);
    case Crs::kBd09: return Gcj02ToWgs84(Bd09ToGcj02(p));
  }
  return p;
}

GeoPoint FromWgs84(GeoPoint wgs84, Crs to) {
  switch (to) {
    case Crs::kWgs84: return wgs84;
    case Crs::kGcj02: return Wgs84ToGcj02(wgs84);
    case Crs::kBd09: return Gcj02ToBd09(Wgs84ToGcj02(wgs84));
  }
  return wgs84;
}

}  // namespace yz
