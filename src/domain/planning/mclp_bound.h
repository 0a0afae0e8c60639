// A proven upper bound for maximal covering: the Lagrangian (LP-dual) bound. For any multipliers
// 0 <= λ_r <= w_r,
//
//     L(λ) = Σ_r (w_r − λ_r) + max { Σ_j x_j c_j(λ) : x ∈ [0,1]^J within the limit },
//     c_j(λ) = Σ_{r covered by j} λ_r,
//
// bounds every choice's covered weight from above: for a choice x with covered rows y,
// Σ w_r y_r <= Σ (w_r − λ_r) y_r + Σ λ_r Σ_j a_rj x_j <= L(λ). The inner maximum is the top
// max_sites values of c (cardinality) or the fractional knapsack over the affordable sites
// (budget), both exact for the relaxation. Starting from λ = w on rows the incumbent leaves
// uncovered and 0 elsewhere, L is the submodularity bound f(S) + Σ top-p marginal gains.
//
// The multipliers are then improved by exact coordinate descent, row by row, on a smoothed L
// (the inner maximum with a quadratic penalty η/2·Σ x_j², η shrinking sweep by sweep); L itself is
// evaluated after every sweep and the best value is kept, so smoothing never enters the bound.
// See docs/decisions/0005-planning-bounds.md.
#pragma once

#include <functional>
#include <vector>

#include "domain/planning/site_selection.h"

namespace yz {

struct MclpBound {
  double upper_bound = 0;        // >= the covered row weight of every choice within the limit
  int iterations = 0;            // evaluations of L: the start, then one per sweep
  std::vector<int> best_choice;  // the incumbent (kept for callers that read it)
  double best_weight = 0;        // its covered row weight
  std::vector<double> site_value;  // c_j(λ) at the best multipliers: a ranking of the sites
  double relaxation_lower = 0;   // the LP-relaxation value of a fractional choice met on the way
                                 //   (0 if none): min_λ L(λ) >= this, so no bound of this kind
                                 //   certifies less
};

struct MclpBoundOptions {
  int max_iterations = 1000;          // most evaluations of L (1: the submodularity bound only)
  double target_gap = 1e-6;           // stop once the bound is within this (relative) of the best choice
  std::function<double()> best_known; // optional: covered weight of the best choice found so far by
                                      //   someone else (called between sweeps, from this thread)
  ProgressFn progress;
};

// REQUIRES: `incumbent` is feasible under `limit`. Stops after `options.max_iterations`, at
// `deadline`, or when the bound is within `target_gap` of the best known choice. Single-threaded;
// reads `m` only.
MclpBound MclpUpperBound(const CoverageModel& m, const SiteLimit& limit, std::span<const int> incumbent,
                         const Deadline& deadline, const MclpBoundOptions& options);

inline MclpBound MclpUpperBound(const CoverageModel& m, const SiteLimit& limit, std::span<const int> incumbent,
                                const Deadline& deadline, int max_iterations = 1000, double target_gap = 1e-6,
                                const ProgressFn& progress = {}) {
  MclpBoundOptions o;
  o.max_iterations = max_iterations;
  o.target_gap = target_gap;
  o.progress = progress;
  return MclpUpperBound(m, limit, incumbent, deadline, o);
}

}  // namespace yz
