// The CBC integer programs against brute force, and the heuristics against CBC, on random
// small instances.
#include <gtest/gtest.h>

#include "domain/planning/city_instance.h"
#include "domain/planning/lscp.h"
#include "domain/planning/mclp.h"
#include "domain/planning/planning_test_support.h"
#include "planning/optimum_checks.h"
#include "planning_exact/exact_models.h"

namespace yz {
namespace {

using testing::BruteForceLscp;
using testing::BruteForceMclp;
using testing::RandomModel;

TEST(ExactMclp, AgreesWithBruteForceOnTinyInstances) {
  for (uint64_t seed = 1; seed <= 15; ++seed) {
    const CoverageModel m = RandomModel(seed, 30, 10, 0.2);
    for (int p : {1, 3}) {
      SiteLimit limit;
      limit.max_sites = p;
      auto exact = SolveMclpExact(m, limit, {});
      ASSERT_TRUE(exact.ok());
      ASSERT_TRUE(exact->optimal);
      EXPECT_NEAR(exact->new_weight, BruteForceMclp(m, limit), 1e-9) << "seed " << seed << " p " << p;
      EXPECT_LE(static_cast<int>(exact->sites.size()), p);
    }
  }
}

TEST(ExactMclp, BudgetAgreesWithBruteForce) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    const CoverageModel m = RandomModel(seed, 30, 10, 0.2);
    SplitMix64 rng(seed);
    std::vector<double> costs(m.site_count);
    for (auto& c : costs) c = static_cast<double>(1 + rng.Below(9));
    SiteLimit limit;
    limit.budget = 10;
    limit.costs = costs;
    auto exact = SolveMclpExact(m, limit, {});
    ASSERT_TRUE(exact.ok());
    EXPECT_NEAR(exact->new_weight, BruteForceMclp(m, limit), 1e-9) << "seed " << seed;
    EXPECT_LE(TotalCost(limit, exact->sites), 10);
  }
}

TEST(ExactLscp, AgreesWithBruteForceOnTinyInstances) {
  for (uint64_t seed = 1; seed <= 15; ++seed) {
    const CoverageModel m = RandomModel(seed, 25, 12, 0.2);
    auto exact = SolveLscpExact(m, {});
    ASSERT_TRUE(exact.ok());
    ASSERT_TRUE(exact->optimal);
    EXPECT_EQ(static_cast<int>(exact->sites.size()), BruteForceLscp(m)) << "seed " << seed;
    EXPECT_EQ(exact->lower_bound, static_cast<int>(exact->sites.size()));
  }
}

// Generated city instances too large for brute force: the heuristic's bound must contain CBC's
// optimum and its solution must come close to it.
TEST(HeuristicsVersusCbc, BoundsContainTheOptimumOnGeneratedCities) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    CityInstanceOptions o;
    o.demand_points = 4000;
    o.candidates = 200;
    o.radius_km = 6;
    o.seed = seed;
    const CoverageModel m = CandidateCoverageModel(GenerateCityInstance(o), 400);
    const auto both = testing::SolveBothWays(m, 10, seed);
    ASSERT_TRUE(both) << "seed " << seed;
    testing::ExpectOptimumBetweenChoiceAndBound(both->heuristic, both->optimum, seed);
    EXPECT_GE(both->heuristic.new_weight, 0.99 * both->optimum.new_weight) << "seed " << seed;

    const LscpSolution ls = SolveLscp(m, {});
    auto exact_cover = SolveLscpExact(m, {});
    ASSERT_TRUE(exact_cover.ok());
    ASSERT_TRUE(exact_cover->optimal);
    EXPECT_LE(ls.lower_bound, static_cast<int>(exact_cover->sites.size()));
    EXPECT_GE(ls.chosen.size(), exact_cover->sites.size());
  }
}

}  // namespace
}  // namespace yz
