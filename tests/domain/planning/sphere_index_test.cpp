#include "domain/planning/sphere_index.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/planning/random.h"

namespace yz {
namespace {

GeoPoint At(double lat, double lng) { return {Latitude(lat), Longitude(lng)}; }

std::vector<GeoPoint> RandomPoints(uint64_t seed, int n, double lat0, double lng0, double spread_deg) {
  SplitMix64 rng(seed);
  std::vector<GeoPoint> pts;
  for (int i = 0; i < n; ++i) {
    pts.push_back(At(std::clamp(lat0 + rng.Uniform(-spread_deg, spread_deg), -90.0, 90.0),
                     std::clamp(lng0 + rng.Uniform(-spread_deg, spread_deg), -180.0, 180.0)));
  }
  return pts;
}

TEST(SphereIndex, RangeQueriesMatchABruteForceDistanceScan) {
  for (const auto& [lat, lng, spread] : {std::tuple{36.85, 118.74, 0.05}, std::tuple{89.9, 0.0, 0.5},
                                          std::tuple{0.0, 179.99, 0.05}, std::tuple{-33.9, 151.2, 2.0}}) {
    const auto pts = RandomPoints(7, 3000, lat, lng, spread);
    const SphereIndex index(pts);
    const auto queries = RandomPoints(8, 40, lat, lng, spread);
    for (double radius : {50.0, 500.0, 5000.0}) {
      for (const GeoPoint& q : queries) {
        std::vector<uint32_t> got;
        index.ForEachWithin(q, radius, [&](uint32_t i) { got.push_back(i); });
        std::sort(got.begin(), got.end());
        std::vector<uint32_t> want;
        for (uint32_t i = 0; i < pts.size(); ++i) {
          if (DistanceMeters(q, pts[i]) <= radius) want.push_back(i);
        }
        ASSERT_EQ(got, want) << "lat " << lat << " radius " << radius;
      }
    }
  }
}

TEST(SphereIndex, CountsAPointExactlyAtTheRadiusAsWithin) {
  const std::vector<GeoPoint> pts{At(36.85, 118.74), At(36.8545, 118.7433)};
  const SphereIndex index(pts);
  const GeoPoint q = At(36.851, 118.741);
  for (const GeoPoint& p : pts) {
    const double r = DistanceMeters(q, p);
    int hits = 0;
    index.ForEachWithin(q, r, [&](uint32_t i) { hits += pts[i] == p; });
    EXPECT_EQ(hits, 1);
    hits = 0;
    index.ForEachWithin(q, std::nextafter(r, 0.0), [&](uint32_t i) { hits += pts[i] == p; });
    EXPECT_EQ(hits, 0);
  }
}

TEST(SphereIndex, NearestMatchesABruteForceScan) {
  const auto pts = RandomPoints(11, 2000, 36.85, 118.74, 0.3);
  const SphereIndex index(pts);
  for (const GeoPoint& q : RandomPoints(12, 200, 36.85, 118.74, 0.4)) {
    double best = 1e300;
    for (const GeoPoint& p : pts) best = std::min(best, DistanceMeters(q, p));
    const auto n = index.Nearest(q);
    ASSERT_TRUE(n.has_value());
    EXPECT_NEAR(n->distance_m, best, 1e-6);
  }
}

TEST(SphereIndex, EmptyIndexFindsNothing) {
  const SphereIndex index(std::vector<GeoPoint>{});
  EXPECT_FALSE(index.Nearest(At(0, 0)).has_value());
  int hits = 0;
  index.ForEachWithin(At(0, 0), 1000, [&](uint32_t) { ++hits; });
  EXPECT_EQ(hits, 0);
}

}  // namespace
}  // namespace yz
