// A proven upper bound for maximal covering: the Lagrangian (LP-dual) bound, improved by
// subgradient steps. For any multipliers 0 <= λ_r <= w_r,
//
//     L(λ) = Σ_r (w_r − λ_r) + max { Σ_j x_j c_j(λ) : x ∈ [0,1]^J within the limit },
//     c_j(λ) = Σ_{r covered by j} λ_r,
//
// bounds every choice's covered weight from above: for a choice x with covered rows y,
// Σ w_r y_r <= Σ (w_r − λ_r) y_r + Σ λ_r Σ_j a_rj x_j <= L(λ). The inner maximum is the top
// max_sites values of c (cardinality) or the fractional knapsack (budget), both exact for the
// relaxation. Starting from λ = w on rows the incumbent leaves uncovered and 0 elsewhere, L is
// the submodularity bound f(S) + Σ top-p marginal gains; the steps only lower the best bound.
// See docs/decisions/0005-planning-bounds.md.
#pragma once

#include <vector>

#include "domain/planning/site_selection.h"

namespace yz {

struct MclpBound {
  double upper_bound = 0;        // >= the covered row weight of every choice within the limit
  int iterations = 0;
  std::vector<int> best_choice;  // the best feasible choice met on the way (the incumbent or better)
  double best_weight = 0;        // its covered row weight
};

// REQUIRES: `incumbent` is feasible under `limit`. Stops after `max_iterations`, at `deadline`,
// or when the bound is within `target_gap` (relative) of the best choice.
MclpBound MclpUpperBound(const CoverageModel& m, const SiteLimit& limit, std::span<const int> incumbent,
                         const Deadline& deadline, int max_iterations = 1000, double target_gap = 1e-6,
                         const ProgressFn& progress = {});

}  // namespace yz
