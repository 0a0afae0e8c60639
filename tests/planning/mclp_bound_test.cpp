// The maximal-covering bound against CBC: it must contain the integer optimum under both kinds of
// limit, and its descent must close in on the LP relaxation (solved here by CBC's LP solver),
// which is the best any Lagrangian bound of its kind can do.
#include <gtest/gtest.h>

#include <Cbc_C_Interface.h>

#include <memory>

#include "domain/planning/city_instance.h"
#include "domain/planning/mclp.h"
#include "domain/planning/mclp_bound.h"
#include "domain/planning/mclp_greedy.h"
#include "domain/planning/random.h"
#include "planning/optimum_checks.h"
#include "planning_exact/exact_models.h"

namespace yz {
namespace {

struct CbcDeleter {
  void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};

// max Σ w_r y_r s.t. y_r <= Σ_{j covers r} x_j, the limit, 0 <= x, y <= 1 (x continuous).
double LpRelaxation(const CoverageModel& m, const SiteLimit& limit) {
  const int rows = m.row_count();
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value, lower, upper, objective;
  for (int j = 0; j < m.site_count; ++j) {
    for (uint32_t r : m.RowsOf(j)) {
      index.push_back(static_cast<int>(r));
      value.push_back(-1);
    }
    index.push_back(rows);
    value.push_back(limit.IsBudget() ? limit.costs[j] : 1.0);
    start.push_back(static_cast<CoinBigIndex>(index.size()));
    lower.push_back(0);
    upper.push_back(!limit.IsBudget() || limit.costs[j] <= *limit.budget ? 1 : 0);
    objective.push_back(0);
  }
  for (int r = 0; r < rows; ++r) {
    index.push_back(r);
    value.push_back(1);
    start.push_back(static_cast<CoinBigIndex>(index.size()));
    lower.push_back(0);
    upper.push_back(1);
    objective.push_back(-m.row_weight[r]);
  }
  std::vector<double> row_lo(rows + 1, -1e30), row_hi(rows + 1, 0.0);
  row_hi[rows] = limit.IsBudget() ? *limit.budget : limit.max_sites;
  std::unique_ptr<Cbc_Model, CbcDeleter> model(Cbc_newModel());
  Cbc_loadProblem(model.get(), static_cast<int>(lower.size()), rows + 1, start.data(), index.data(), value.data(),
                  lower.data(), upper.data(), objective.data(), row_lo.data(), row_hi.data());
  Cbc_setLogLevel(model.get(), 0);
  Cbc_solve(model.get());
  EXPECT_TRUE(Cbc_isProvenOptimal(model.get()));
  return -Cbc_getObjValue(model.get());
}

CoverageModel City(uint64_t seed, std::size_t demand, std::size_t candidates, double radius_km, double radius_m) {
  CityInstanceOptions o;
  o.demand_points = demand;
  o.candidates = candidates;
  o.radius_km = radius_km;
  o.seed = seed;
  return CandidateCoverageModel(GenerateCityInstance(o), radius_m);
}

TEST(MclpBoundVersusCbc, BoundContainsTheOptimumUnderACardinalityLimit) {
  for (uint64_t seed = 11; seed <= 14; ++seed) {
    const CoverageModel m = City(seed, 3000, 150, 5, 450);
    const auto both = testing::SolveBothWays(m, 8, seed);
    ASSERT_TRUE(both) << "seed " << seed;
    testing::ExpectOptimumBetweenChoiceAndBound(both->heuristic, both->optimum, seed);
    EXPECT_GE(both->heuristic.new_weight, 0.995 * both->optimum.new_weight) << "seed " << seed;
  }
}

TEST(MclpBoundVersusCbc, BoundContainsTheOptimumUnderABudget) {
  for (uint64_t seed = 21; seed <= 24; ++seed) {
    const CoverageModel m = City(seed, 3000, 150, 5, 450);
    SplitMix64 rng(seed);
    std::vector<double> costs(m.site_count);
    for (auto& c : costs) c = static_cast<double>(20 + rng.Below(80));  // some costs exceed the budget
    MclpOptions o;
    o.limit.budget = 400;
    o.limit.costs = costs;
    o.seed = seed;
    const MclpSolution h = SolveMclp(m, o);
    auto exact = SolveMclpExact(m, o.limit, {});
    ASSERT_TRUE(exact.ok());
    ASSERT_TRUE(exact->optimal);
    testing::ExpectOptimumBetweenChoiceAndBound(h, *exact, seed);
    EXPECT_LE(h.total_cost, 400);
  }
}

// No multipliers give less than the LP optimum, and the descent should get within a fraction of
// a percent of it on small cities; the fractional choice it reports must be LP-feasible.
TEST(MclpBoundVersusCbc, DescentClosesInOnTheLpRelaxation) {
  for (uint64_t seed = 31; seed <= 34; ++seed) {
    const CoverageModel m = City(seed, 5000, 250, 6, 500);
    for (bool budget : {false, true}) {
      SiteLimit limit;
      std::vector<double> costs(m.site_count);
      if (budget) {
        SplitMix64 rng(seed);
        for (auto& c : costs) c = static_cast<double>(1 + rng.Below(9));
        limit.budget = 50;
        limit.costs = costs;
      } else {
        limit.max_sites = 12;
      }
      const std::vector<int> greedy = GreedyMaximalCover(m, limit);
      const MclpBound b = MclpUpperBound(m, limit, greedy, Deadline(30));
      const double lp = LpRelaxation(m, limit);
      const double start = MclpUpperBound(m, limit, greedy, Deadline(30), 1).upper_bound;
      EXPECT_GE(b.upper_bound, lp * (1 - 1e-9)) << "seed " << seed << " budget " << budget;
      EXPECT_LE(b.upper_bound, lp * 1.003) << "seed " << seed << " budget " << budget << " (start " << start << ")";
      EXPECT_LE(b.relaxation_lower, lp * (1 + 1e-9)) << "seed " << seed << " budget " << budget;
    }
  }
}

// Where the LP relaxation is tight (sites that never overlap), the certified gap closes to zero.
TEST(MclpBoundVersusCbc, GapClosesWhenTheRelaxationIsTight) {
  SplitMix64 rng(5);
  std::vector<double> weight(400);
  for (auto& w : weight) w = static_cast<double>(1 + rng.Below(9));
  std::vector<std::vector<uint32_t>> sites(40);
  for (uint32_t p = 0; p < 400; ++p) sites[p / 10].push_back(p);
  const CoverageModel m = MakeCoverageModel(weight, {}, sites);
  MclpOptions o;
  o.limit.max_sites = 7;
  const MclpSolution h = SolveMclp(m, o);
  auto exact = SolveMclpExact(m, o.limit, {});
  ASSERT_TRUE(exact.ok());
  EXPECT_NEAR(h.new_weight, exact->new_weight, 1e-9);
  EXPECT_LE(h.Gap(), 1e-6);
}

}  // namespace
}  // namespace yz
