#include "domain/planning/mclp.h"

#include <gtest/gtest.h>

#include "domain/planning/mclp_bound.h"
#include "domain/planning/mclp_greedy.h"
#include "planning_test_support.h"

namespace yz {
namespace {

using testing::BruteForceMclp;
using testing::RandomCosts;
using testing::RandomModel;

// Greedy's trap: site 0 covers the middle of two groups, sites 1 and 2 each cover one group.
// With p = 2 greedy takes 0 first (weight 6) and then one group's rest; the optimum is {1, 2}.
CoverageModel GreedyTrap() {
  const std::vector<double> w{1, 1, 1, 1, 1, 1, 1, 1};  // points 0-3 group A, 4-7 group B
  const std::vector<std::vector<uint32_t>> sites{{1, 2, 3, 4, 5, 6}, {0, 1, 2, 3}, {4, 5, 6, 7}};
  return MakeCoverageModel(w, {}, sites);
}

TEST(Mclp, GreedyFallsIntoTheTrapAndExchangesFindTheOptimum) {
  const CoverageModel m = GreedyTrap();
  SiteLimit limit;
  limit.max_sites = 2;
  EXPECT_EQ(CoveredRowWeight(m, GreedyMaximalCover(m, limit)), 7);
  MclpOptions o;
  o.limit = limit;
  const MclpSolution s = SolveMclp(m, o);
  EXPECT_EQ(s.greedy_weight, 7);
  EXPECT_EQ(s.new_weight, 8);
  EXPECT_NEAR(s.upper_bound, 8, 1e-9);
  EXPECT_NEAR(s.Gap(), 0, 1e-9);
  ASSERT_EQ(s.chosen.size(), 2u);
  EXPECT_EQ(s.chosen[0].added_weight + s.chosen[1].added_weight, 8);
}

TEST(Mclp, MergesPointsCoveredByTheSameSites) {
  const CoverageModel m = GreedyTrap();
  // Rows: {0}→site1 only, {1,2,3}→sites 0,1, {4,5,6}→sites 0,2, {7}→site 2.
  EXPECT_EQ(m.row_count(), 4);
  EXPECT_EQ(m.CoverableWeight(), 8);
}

TEST(Mclp, StopsWhenNoSiteAddsAnything) {
  const CoverageModel m = MakeCoverageModel(std::vector<double>{5, 1}, {}, {{0}, {0}, {1}});
  MclpOptions o;
  o.limit.max_sites = 3;
  const MclpSolution s = SolveMclp(m, o);
  EXPECT_EQ(s.chosen.size(), 2u);
  EXPECT_EQ(s.new_weight, 6);
  EXPECT_EQ(s.Gap(), 0);
}

TEST(Mclp, BoundIsValidAndSolutionMatchesBruteForceOnTinyInstances) {
  int optimal = 0, total = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    const CoverageModel m = RandomModel(seed, 40, 10, 0.15);
    for (int p : {1, 2, 3, 5}) {
      MclpOptions o;
      o.limit.max_sites = p;
      o.seed = seed;
      const MclpSolution s = SolveMclp(m, o);
      const double best = BruteForceMclp(m, o.limit);
      ASSERT_LE(s.new_weight, best + 1e-9) << "seed " << seed << " p " << p;
      ASSERT_GE(s.upper_bound, best - 1e-9) << "seed " << seed << " p " << p;
      ASSERT_LE(static_cast<int>(s.chosen.size()), p);
      EXPECT_GE(s.new_weight, s.greedy_weight);
      optimal += s.new_weight == best;
      ++total;
    }
  }
  EXPECT_GE(optimal, total * 95 / 100) << optimal << " of " << total << " optimal";
}

TEST(Mclp, BudgetVariantRespectsTheBudgetAndBoundsTheOptimum) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const CoverageModel m = RandomModel(seed, 40, 10, 0.2);
    const std::vector<double> costs = RandomCosts(seed * 7, m.site_count);
    MclpOptions o;
    o.limit.budget = 12;
    o.limit.costs = costs;
    const MclpSolution s = SolveMclp(m, o);
    const double best = BruteForceMclp(m, o.limit);
    std::vector<int> sites;
    for (const auto& c : s.chosen) sites.push_back(c.site);
    ASSERT_LE(TotalCost(o.limit, sites), 12);
    ASSERT_LE(s.new_weight, best + 1e-9);
    ASSERT_GE(s.upper_bound, best - 1e-9) << "seed " << seed;
    EXPECT_GE(s.new_weight, 0.9 * best) << "seed " << seed;
  }
}

TEST(Mclp, ZeroCostSitesAreTakenUnderAnyBudget) {
  const CoverageModel m = MakeCoverageModel(std::vector<double>{3, 4}, {}, {{0}, {1}});
  const std::vector<double> costs{0, 10};
  MclpOptions o;
  o.limit.budget = 0;
  o.limit.costs = costs;
  const MclpSolution s = SolveMclp(m, o);
  EXPECT_EQ(s.new_weight, 3);
  EXPECT_NEAR(s.upper_bound, 3, 1e-9);
}

TEST(MclpBound, StartsNoWorseThanTheSubmodularityBound) {
  const CoverageModel m = RandomModel(3, 200, 14, 0.05);
  SiteLimit limit;
  limit.max_sites = 4;
  const std::vector<int> s = GreedyMaximalCover(m, limit);
  // f(S) + the four largest marginal gains.
  std::vector<uint8_t> covered(m.row_weight.size(), 0);
  for (int j : s) {
    for (uint32_t r : m.RowsOf(j)) covered[r] = 1;
  }
  std::vector<double> gains;
  for (int j = 0; j < m.site_count; ++j) {
    double g = 0;
    for (uint32_t r : m.RowsOf(j)) g += covered[r] ? 0 : m.row_weight[r];
    gains.push_back(g);
  }
  std::sort(gains.rbegin(), gains.rend());
  const double submodular = CoveredRowWeight(m, s) + gains[0] + gains[1] + gains[2] + gains[3];
  const MclpBound b = MclpUpperBound(m, limit, s, Deadline(10), 1);
  EXPECT_LE(b.upper_bound, submodular + 1e-9);
  EXPECT_GE(b.upper_bound, BruteForceMclp(m, limit) - 1e-9);
}

}  // namespace
}  // namespace yz
