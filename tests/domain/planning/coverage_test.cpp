#include <gtest/gtest.h>

#include <set>

#include "domain/planning/city_instance.h"
#include "domain/planning/coverage_analysis.h"
#include "domain/planning/coverage_model.h"

namespace yz {
namespace {

CityInstance SmallCity(uint64_t seed) {
  CityInstanceOptions o;
  o.demand_points = 3000;
  o.candidates = 150;
  o.stations = 20;
  o.seed = seed;
  o.radius_km = 8;
  return GenerateCityInstance(o);
}

TEST(CoverageModel, CountsMatchABruteForceDistanceScan) {
  const CityInstance city = SmallCity(5);
  std::vector<GeoPoint> sites, existing;
  for (const auto& c : city.candidates) sites.push_back(c.location);
  for (const auto& s : city.stations) existing.push_back(s.location);
  const double radius = 600;
  const CoverageModel m = BuildCoverageModel(city.demand, sites, existing, radius, 2);

  double total = 0, by_existing = 0, uncoverable = 0;
  std::set<std::vector<int>> distinct_sets;
  std::vector<double> site_weight(sites.size(), 0);
  for (const DemandPoint& d : city.demand) {
    total += d.weight;
    bool near_station = false;
    for (const GeoPoint& s : existing) near_station = near_station || DistanceMeters(d.location, s) <= radius;
    if (near_station) {
      by_existing += d.weight;
      continue;
    }
    std::vector<int> covering;
    for (std::size_t j = 0; j < sites.size(); ++j) {
      if (DistanceMeters(d.location, sites[j]) <= radius) {
        covering.push_back(static_cast<int>(j));
        site_weight[j] += d.weight;
      }
    }
    if (covering.empty()) uncoverable += d.weight;
    else distinct_sets.insert(covering);
  }
  EXPECT_NEAR(m.total_weight, total, 1e-6);
  EXPECT_NEAR(m.existing_weight, by_existing, 1e-6);
  EXPECT_NEAR(m.uncoverable_weight, uncoverable, 1e-6);
  EXPECT_EQ(m.row_count(), static_cast<int>(distinct_sets.size()));
  for (std::size_t j = 0; j < sites.size(); ++j) {
    double w = 0;
    for (uint32_t r : m.RowsOf(static_cast<int>(j))) w += m.row_weight[r];
    ASSERT_NEAR(w, site_weight[j], 1e-6) << "site " << j;
  }
}

TEST(CoverageAnalysis, SharesAndNearestDistancesMatchABruteForceScan) {
  const CityInstance city = SmallCity(9);
  const double radius = 800;
  const CoverageReport r = AnalyzeCoverage(city.demand, city.stations, radius);
  double total = 0, within = 0, within2 = 0, sanitation = 0, sanitation_within = 0;
  for (std::size_t p = 0; p < city.demand.size(); ++p) {
    const DemandPoint& d = city.demand[p];
    double nearest = 1e300;
    for (const auto& s : city.stations) nearest = std::min(nearest, DistanceMeters(d.location, s.location));
    ASSERT_NEAR(r.nearest_m[p], nearest, 1e-6);
    total += d.weight;
    within += nearest <= radius ? d.weight : 0;
    within2 += nearest <= 2 * radius ? d.weight : 0;
    if (d.group == WorkerCategory::kSanitation) {
      sanitation += d.weight;
      sanitation_within += nearest <= radius ? d.weight : 0;
    }
  }
  EXPECT_NEAR(r.overall.weight, total, 1e-6);
  EXPECT_NEAR(r.overall.within_r, within, 1e-6);
  EXPECT_NEAR(r.overall.within_2r, within2, 1e-6);
  const auto& san = r.by_group[static_cast<int>(WorkerCategory::kSanitation)];
  EXPECT_NEAR(san.weight, sanitation, 1e-6);
  EXPECT_NEAR(san.within_r, sanitation_within, 1e-6);
  double region_weight = 0;
  for (const auto& [code, t] : r.by_region) region_weight += t.weight;
  EXPECT_NEAR(region_weight, total, 1e-6);

  // Clusters partition the uncovered demand, heaviest first, each within R of its centre.
  double cluster_weight = 0;
  std::size_t cluster_points = 0;
  for (std::size_t k = 0; k < r.clusters.size(); ++k) {
    cluster_weight += r.clusters[k].weight;
    cluster_points += r.clusters[k].points;
    EXPECT_LE(r.clusters[k].radius_m, radius + 1e-6);
    if (k > 0) {
      EXPECT_LE(r.clusters[k].weight, r.clusters[k - 1].weight);
    }
  }
  EXPECT_NEAR(cluster_weight, total - within, 1e-6);
  std::size_t uncovered_points = 0;
  for (double d : r.nearest_m) uncovered_points += !(d <= radius);
  EXPECT_EQ(cluster_points, uncovered_points);
}

TEST(CoverageAnalysis, WithoutStationsNothingIsCovered) {
  const CityInstance city = SmallCity(2);
  const CoverageReport r = AnalyzeCoverage(city.demand, {}, 500);
  EXPECT_EQ(r.overall.within_r, 0);
  EXPECT_EQ(r.by_region.size(), 1u);
  EXPECT_FALSE(r.clusters.empty());
}

TEST(CityInstance, SameSeedGivesTheSameFilesAndAnotherSeedDoesNot) {
  const std::string a = FormatDemandFile(SmallCity(4).demand);
  EXPECT_EQ(a, FormatDemandFile(SmallCity(4).demand));
  EXPECT_NE(a, FormatDemandFile(SmallCity(5).demand));
  EXPECT_EQ(FormatCandidateFile(SmallCity(4).candidates), FormatCandidateFile(SmallCity(4).candidates));
  const auto parsed = ParseDemandFile(a, Crs::kWgs84);
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.points.size(), 3000u);
}

}  // namespace
}  // namespace yz
