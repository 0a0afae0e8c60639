#include "domain/planning/lscp.h"

#include <gtest/gtest.h>

#include "planning_test_support.h"

namespace yz {
namespace {

bool CoversEveryRow(const CoverageModel& m, const std::vector<SiteChoice>& chosen) {
  std::vector<uint8_t> covered(m.row_weight.size(), 0);
  for (const auto& c : chosen) {
    for (uint32_t r : m.RowsOf(c.site)) covered[r] = 1;
  }
  for (uint8_t c : covered) {
    if (!c) return false;
  }
  return true;
}

TEST(Lscp, FindsTheKnownMinimumOfAHandMadeInstance) {
  // Three disjoint pairs of points; one site per pair covers it, plus sites covering one point.
  const CoverageModel m = MakeCoverageModel(std::vector<double>{1, 1, 1, 1, 1, 1}, {},
                                            {{0, 1}, {2, 3}, {4, 5}, {0}, {3}, {1, 2}});
  const LscpSolution s = SolveLscp(m, {});
  EXPECT_EQ(s.chosen.size(), 3u);
  EXPECT_EQ(s.lower_bound, 3);  // the packing {0, 3, 5}... any three rows without a shared site
  EXPECT_TRUE(CoversEveryRow(m, s.chosen));
}

TEST(Lscp, RemovesSitesMadeRedundantByLaterOnes) {
  // Greedy takes the big site 0 first; sites 1 and 2 then cover everything it covered. (Sites 3
  // and 4 keep the points' site sets distinct, so that no rows merge.)
  const CoverageModel m = MakeCoverageModel(std::vector<double>{1, 1, 1, 1, 1, 1}, {},
                                            {{1, 2, 3, 4}, {0, 1, 2}, {3, 4, 5}, {1}, {3}});
  ASSERT_EQ(m.row_count(), 6);
  const LscpSolution s = SolveLscp(m, {});
  EXPECT_EQ(s.greedy_sites, 3);
  EXPECT_EQ(s.chosen.size(), 2u);
  EXPECT_TRUE(CoversEveryRow(m, s.chosen));
}

TEST(Lscp, BoundAndCoverBracketTheBruteForceMinimum) {
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    const CoverageModel m = testing::RandomModel(seed, 30, 12, 0.2);
    const LscpSolution s = SolveLscp(m, {});
    const int best = testing::BruteForceLscp(m);
    ASSERT_TRUE(CoversEveryRow(m, s.chosen)) << "seed " << seed;
    ASSERT_LE(s.lower_bound, best) << "seed " << seed;
    ASSERT_GE(static_cast<int>(s.chosen.size()), best);
    EXPECT_LE(static_cast<int>(s.chosen.size()), best + 1) << "seed " << seed;
  }
}

TEST(Lscp, NothingToCoverNeedsNoSite) {
  const CoverageModel m = MakeCoverageModel(std::vector<double>{1}, std::vector<uint8_t>{1}, {{0}});
  const LscpSolution s = SolveLscp(m, {});
  EXPECT_TRUE(s.chosen.empty());
  EXPECT_EQ(s.lower_bound, 0);
  EXPECT_EQ(m.existing_weight, 1);
}

}  // namespace
}  // namespace yz
