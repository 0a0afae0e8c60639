// Small instances for the planning tests: random coverage models and brute force over subsets.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "domain/planning/coverage_model.h"
#include "domain/planning/random.h"
#include "domain/planning/site_selection.h"

namespace yz::testing {

// `points` demand points with integer weights 0..9 and `sites` sites each covering a random
// subset of the points (each point with probability `density`).
inline CoverageModel RandomModel(uint64_t seed, int points, int sites, double density) {
  SplitMix64 rng(seed);
  std::vector<double> weight(points);
  for (auto& w : weight) w = static_cast<double>(rng.Below(10));
  std::vector<std::vector<uint32_t>> lists(sites);
  for (auto& l : lists) {
    for (int p = 0; p < points; ++p) {
      if (rng.Uniform() < density) l.push_back(static_cast<uint32_t>(p));
    }
  }
  return MakeCoverageModel(weight, {}, lists);
}

// A cost of 1..9 yuan per site, drawn from `seed`.
inline std::vector<double> RandomCosts(uint64_t seed, int sites) {
  SplitMix64 rng(seed);
  std::vector<double> costs(sites);
  for (auto& c : costs) c = static_cast<double>(1 + rng.Below(9));
  return costs;
}

// The best covered row weight over all choices within `limit` (2^sites subsets).
inline double BruteForceMclp(const CoverageModel& m, const SiteLimit& limit) {
  double best = 0;
  for (uint32_t mask = 0; mask < (1u << m.site_count); ++mask) {
    std::vector<int> sites;
    for (int j = 0; j < m.site_count; ++j) {
      if (mask & (1u << j)) sites.push_back(j);
    }
    if (!limit.IsBudget() && static_cast<int>(sites.size()) > limit.max_sites) continue;
    if (limit.IsBudget() && TotalCost(limit, sites) > *limit.budget) continue;
    best = std::max(best, CoveredRowWeight(m, sites));
  }
  return best;
}

// The fewest sites covering every row (all rows are coverable by construction of the model).
inline int BruteForceLscp(const CoverageModel& m) {
  int best = std::numeric_limits<int>::max();
  const double all = m.CoverableWeight();
  for (uint32_t mask = 0; mask < (1u << m.site_count); ++mask) {
    std::vector<int> sites;
    for (int j = 0; j < m.site_count; ++j) {
      if (mask & (1u << j)) sites.push_back(j);
    }
    if (static_cast<int>(sites.size()) >= best) continue;
    // Compare row counts rather than weights: rows may weigh 0.
    std::vector<uint8_t> covered(m.row_weight.size(), 0);
    for (int j : sites) {
      for (uint32_t r : m.RowsOf(j)) covered[r] = 1;
    }
    bool ok = true;
    for (uint8_t c : covered) ok = ok && c;
    if (ok) best = static_cast<int>(sites.size());
  }
  (void)all;
  return best;
}

}  // namespace yz::testing
