// Smaller cities with the large city's density (CitySizedLike), the instances of the
// heuristic-versus-CBC benchmark in miniature: the heuristic must reach 99.9 % of CBC's optimum
// (the goal of issue 6) and its bound must contain that optimum.
#include <gtest/gtest.h>

#include <cmath>

#include "domain/planning/city_instance.h"
#include "domain/planning/mclp.h"
#include "planning/optimum_checks.h"
#include "planning_exact/exact_models.h"

namespace yz {
namespace {

TEST(CitySizedLike, TheLargeCityIsTheDefaultInstance) {
  const CityInstanceOptions large = CitySizedLike(1'000'000, 20'000, 20250701);
  const CityInstanceOptions defaults;
  EXPECT_EQ(large.demand_points, defaults.demand_points);
  EXPECT_EQ(large.candidates, defaults.candidates);
  EXPECT_EQ(large.seed, defaults.seed);
  EXPECT_DOUBLE_EQ(large.radius_km, defaults.radius_km);
  EXPECT_DOUBLE_EQ(large.hot_spot_scale, defaults.hot_spot_scale);
}

TEST(CitySizedLike, ASmallerCityKeepsTheDensity) {
  const CityInstanceOptions o = CitySizedLike(40'000, 800, 3);
  EXPECT_DOUBLE_EQ(o.hot_spot_scale, 0.04);
  EXPECT_NEAR(o.radius_km, 6.0, 1e-9);  // 30 km × √0.04: the same workers per km²
  const CityInstance city = GenerateCityInstance(o);
  EXPECT_EQ(city.demand.size(), 40'000u);
  EXPECT_EQ(city.candidates.size(), 800u);
}

TEST(HeuristicVersusCbc, WithinATenthOfAPercentOnDenseCities) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const CoverageModel m = CandidateCoverageModel(GenerateCityInstance(CitySizedLike(16'000, 640, seed)), 500);
    const auto both = testing::SolveBothWays(m, 20, seed);
    ASSERT_TRUE(both) << "seed " << seed;
    EXPECT_GE(both->heuristic.new_weight, 0.999 * both->optimum.new_weight) << "seed " << seed;
    testing::ExpectOptimumBetweenChoiceAndBound(both->heuristic, both->optimum, seed);
  }
}

// The benchmark's cities (30,000 × 1,200 × p = 40): the certified gap must close to a few tenths
// of a percent (the bound's descent measured 0.04–0.25 % on seeds 1–8). Guards the descent's
// stopping rule: with heavier smoothing at the start it once stopped seed 1 after 32 sweeps,
// 19 % above the choice, because the unsmoothed bound had not moved yet.
TEST(HeuristicOnDenseCities, CertifiedGapBelowHalfAPercent) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const CoverageModel m = CandidateCoverageModel(GenerateCityInstance(CitySizedLike(30'000, 1'200, seed)), 500);
    MclpOptions mo;
    mo.limit.max_sites = 40;
    const MclpSolution h = SolveMclp(m, mo);
    EXPECT_LE(h.Gap(), 0.005) << "seed " << seed << ": " << h.new_weight << " under " << h.upper_bound << " after "
                              << h.bound_iterations << " sweeps";
  }
}

}  // namespace
}  // namespace yz
