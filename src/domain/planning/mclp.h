// Maximal covering (MCLP): choose new sites within a limit (at most p, or a budget in yuan) to
// maximize the demand weight newly covered. Lazy greedy, then exchanges, then a Lagrangian
// upper bound, so that every answer carries a certified optimality gap.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/planning/site_selection.h"

namespace yz {

struct MclpOptions {
  SiteLimit limit;
  uint64_t seed = 1;              // order of the exchange passes
  double seconds = 20;            // time for exchanges and the bound (greedy always completes)
  int bound_iterations = 1000;    // most subgradient steps
  double target_gap = 1e-6;       // the bound stops once this close
  ProgressFn progress;
};

struct MclpSolution {
  std::vector<SiteChoice> chosen;  // in order: each adds the most of what is left (SequenceSites)
  double new_weight = 0;           // row weight the chosen sites cover
  double upper_bound = 0;          // proven: no choice within the limit covers more
  double greedy_weight = 0;        // what plain greedy covered
  double total_cost = 0;           // budget only
  int exchange_moves = 0;
  int bound_iterations = 0;

  // 1 − new_weight / upper_bound (0 when both are 0).
  double Gap() const { return upper_bound > 0 ? std::max(0.0, 1.0 - new_weight / upper_bound) : 0.0; }
};

// REQUIRES: limit.max_sites > 0 or a budget >= 0 with one cost >= 0 per site.
MclpSolution SolveMclp(const CoverageModel& m, const MclpOptions& options);

}  // namespace yz
