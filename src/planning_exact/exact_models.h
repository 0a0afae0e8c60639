// The site-selection models as integer programs solved by CBC, the exact cross-check of the
// heuristics in domain/planning (`yizhan plan … --exact`, and the agreement tests).
//
// MCLP:  max Σ_r w_r y_r  s.t.  y_r <= Σ_{j covers r} x_j,  Σ_j x_j <= p  (or Σ_j cost_j x_j <= B),
//        x binary, 0 <= y <= 1 (y is integral at an optimum because x is).
// LSCP:  min Σ_j x_j      s.t.  Σ_{j covers r} x_j >= 1 for every row, x binary.
// Rows are the CoverageModel's merged demand rows, so the programs are exactly the models the
// heuristics solve.
#pragma once

#include <vector>

#include "core/result.h"
#include "domain/planning/coverage_model.h"
#include "domain/planning/site_selection.h"

namespace yz {

struct ExactOptions {
  double seconds = 300;          // CBC's time limit; the best solution and bound so far are returned
  std::vector<int> start;        // a feasible choice to start from (optional)
};

struct ExactMclpResult {
  std::vector<int> sites;        // the best choice found
  double new_weight = 0;         // its covered row weight
  double upper_bound = 0;        // CBC's proven bound (== new_weight when optimal)
  bool optimal = false;          // CBC finished and proved optimality
  double seconds = 0;            // building and solving
};

struct ExactLscpResult {
  std::vector<int> sites;        // a cover of every row (empty when none was found in time)
  int lower_bound = 0;           // CBC's proven bound, rounded up
  bool optimal = false;
  double seconds = 0;
};

// kInternal when CBC fails unexpectedly. REQUIRES as SolveMclp.
Result<ExactMclpResult> SolveMclpExact(const CoverageModel& m, const SiteLimit& limit, const ExactOptions& options);
Result<ExactLscpResult> SolveLscpExact(const CoverageModel& m, const ExactOptions& options);

}  // namespace yz
