// Location set covering (LSCP): the fewest new sites that cover every demand row (all demand
// that some candidate covers and no existing station does). Lazy greedy by rows newly covered,
// then redundancy elimination, and a proven lower bound on the fewest sites: the better of a
// disjoint-row packing and the Lagrangian (LP-dual) bound improved by subgradient ascent.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/planning/site_selection.h"

namespace yz {

struct LscpOptions {
  uint64_t seed = 1;            // tie-breaking of the randomized restarts
  double seconds = 10;          // time for restarts and the bound
  int bound_iterations = 1000;  // most subgradient steps
  ProgressFn progress;
};

struct LscpSolution {
  std::vector<SiteChoice> chosen;  // covers every row; in SequenceSites order
  int lower_bound = 0;             // proven: every cover needs at least this many sites
  int greedy_sites = 0;            // plain greedy before redundancy elimination
  int bound_iterations = 0;
};

LscpSolution SolveLscp(const CoverageModel& m, const LscpOptions& options);

// Lower bound on the fewest sites covering every row: max(packing, ceil(best Lagrangian value)).
// `upper` (a known cover's size) lets it stop early. Exposed for tests.
int LscpLowerBound(const CoverageModel& m, int upper, const Deadline& deadline, int max_iterations,
                   int* iterations = nullptr);

}  // namespace yz
