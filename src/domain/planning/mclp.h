// Maximal covering (MCLP): choose new sites within a limit (at most p, or a budget in yuan) to
// maximize the demand weight newly covered. Lazy greedy, then exchanges and an iterated local
// search (on large cities, where that would still be improving after a tenth of the time,
// simulated annealing for the rest: mclp_annealing.h), while (on a second thread) the Lagrangian
// upper bound is tightened, so that every answer carries a certified optimality gap.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/planning/site_selection.h"

namespace yz {

struct MclpOptions {
  SiteLimit limit;
  uint64_t seed = 1;              // order of the exchange passes and the perturbations
  double seconds = 20;            // time for the search and the bound (greedy always completes)
  int bound_iterations = 1000;    // most evaluations of the bound (sweeps of its descent)
  double target_gap = 1e-6;       // search and bound stop once this close
  int max_stale = 400;            // each iterated search stops after this many fruitless perturbations
  double accept_worse = 1e-3;     // the iterated search walks on through choices this much below its best
  int threads = 2;                // 2: search and bound run side by side; 1: one after the other
  ProgressFn progress;            // called from one thread at a time
};

struct MclpSolution {
  std::vector<SiteChoice> chosen;  // in order: each adds the most of what is left (SequenceSites)
  double new_weight = 0;           // row weight the chosen sites cover
  double upper_bound = 0;          // proven: no choice within the limit covers more
  double relaxation_lower = 0;     // the LP relaxation reaches at least this (diagnostic, 0: unknown)
  double greedy_weight = 0;        // what plain greedy covered
  double total_cost = 0;           // budget only
  int exchange_moves = 0;
  int restarts = 0;                // perturbations of the iterated search
  int64_t annealing_steps = 0;     // moves scored by annealing (large cities only)
  int bound_iterations = 0;

  // 1 − new_weight / upper_bound (0 when both are 0).
  double Gap() const { return upper_bound > 0 ? std::max(0.0, 1.0 - new_weight / upper_bound) : 0.0; }
};

// REQUIRES: limit.max_sites > 0 or a budget >= 0 with one cost >= 0 per site. The answer depends
// on timing only when the time runs out, the bound proves the target gap first, or annealing
// runs (its temperature follows the clock).
MclpSolution SolveMclp(const CoverageModel& m, const MclpOptions& options);

}  // namespace yz
