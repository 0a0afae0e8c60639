#include "domain/planning/mclp_annealing.h"

#include <gtest/gtest.h>

#include "domain/planning/mclp_greedy.h"
#include "planning_test_support.h"

namespace yz {
namespace {

using testing::BruteForceMclp;
using testing::RandomCosts;
using testing::RandomModel;

// 60 points in a row, weight 1 each; a site at every point covers it and the two points either
// side. 12 sites tile the row exactly (sites at 2, 7, …, 57): the optimum, 60, by construction.
CoverageModel Row() {
  const std::vector<double> w(60, 1.0);
  std::vector<std::vector<uint32_t>> sites(60);
  for (int s = 0; s < 60; ++s) {
    for (int p = std::max(0, s - 2); p <= std::min(59, s + 2); ++p) sites[s].push_back(static_cast<uint32_t>(p));
  }
  return MakeCoverageModel(w, {}, sites);
}

TEST(Annealing, TilesARowFromSitesPiledAtOneEnd) {
  const CoverageModel m = Row();
  SiteLimit limit;
  limit.max_sites = 12;
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    std::vector<int> sites{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    ASSERT_EQ(CoveredRowWeight(m, sites), 14);
    const LocalSearchStats stats = AnnealingSearch(m, limit, sites, seed, Deadline(0.2));
    EXPECT_GT(stats.annealing_steps, 0);
    EXPECT_EQ(sites.size(), 12u);
    EXPECT_EQ(CoveredRowWeight(m, sites), 60) << "seed " << seed;
  }
}

TEST(Annealing, NeverReturnsLessThanItsStartAndFindsMostOptimaOfTinyInstances) {
  int optimal = 0, total = 0;
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    const CoverageModel m = RandomModel(seed, 40, 10, 0.15);
    for (int p : {2, 3, 5}) {
      SiteLimit limit;
      limit.max_sites = p;
      std::vector<int> sites = GreedyMaximalCover(m, limit);
      if (sites.empty()) continue;
      const double start = CoveredRowWeight(m, sites);
      double last_reported = -1;
      AnnealingOptions o;
      o.improved = [&](double w) { last_reported = w; };
      AnnealingSearch(m, limit, sites, seed, Deadline(0.02), o);
      const double found = CoveredRowWeight(m, sites);
      const double best = BruteForceMclp(m, limit);
      ASSERT_GE(found, start) << "seed " << seed << " p " << p;
      ASSERT_LE(found, best);
      ASSERT_LE(static_cast<int>(sites.size()), p);
      EXPECT_EQ(last_reported, found) << "the last weight reported is the answer's";
      optimal += found == best;
      ++total;
    }
  }
  EXPECT_GE(optimal, total * 95 / 100) << optimal << " of " << total << " optimal";
}

TEST(Annealing, KeepsWithinABudget) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const CoverageModel m = RandomModel(seed, 40, 10, 0.2);
    const std::vector<double> costs = RandomCosts(seed * 7, m.site_count);
    SiteLimit limit;
    limit.budget = 12;
    limit.costs = costs;
    std::vector<int> sites = GreedyMaximalCover(m, limit);
    if (sites.empty()) continue;
    const double start = CoveredRowWeight(m, sites);
    AnnealingSearch(m, limit, sites, seed, Deadline(0.02));
    EXPECT_LE(TotalCost(limit, sites), 12) << "seed " << seed;
    EXPECT_GE(CoveredRowWeight(m, sites), start) << "seed " << seed;
  }
}

TEST(Annealing, StopsWhenAskedTo) {
  const CoverageModel m = Row();
  SiteLimit limit;
  limit.max_sites = 12;
  std::vector<int> sites{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  AnnealingOptions o;
  o.stop = [] { return true; };
  const LocalSearchStats stats = AnnealingSearch(m, limit, sites, 1, Deadline(30), o);
  EXPECT_EQ(stats.annealing_steps, 0) << "stopped before its first steps, not after 30 s";
}

// SolveMclp's search anneals only where the iterated search has not settled in its share of the
// time: never on a tiny instance, always when that share is nothing.
TEST(SearchMaximalCover, AnnealsOnlyWhenTheIteratedSearchHasNotSettled) {
  const CoverageModel m = Row();
  SiteLimit limit;
  limit.max_sites = 12;
  const std::vector<int> piled{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  std::vector<int> sites = piled;
  const LocalSearchStats settled = SearchMaximalCover(m, limit, sites, 1, Deadline(5), IteratedSearchOptions{});
  EXPECT_EQ(settled.annealing_steps, 0);
  EXPECT_EQ(CoveredRowWeight(m, sites), 60);
  sites = piled;
  const LocalSearchStats annealed =
      SearchMaximalCover(m, limit, sites, 1, Deadline(0.2), IteratedSearchOptions{}, AnnealingOptions{}, 0.0);
  EXPECT_GT(annealed.annealing_steps, 0);
  EXPECT_EQ(CoveredRowWeight(m, sites), 60);
}

}  // namespace
}  // namespace yz
