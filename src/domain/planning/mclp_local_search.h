// Local search for maximal covering: exchanges of one chosen site for one unchosen site (and,
// when the limit leaves room, plain additions), taken as soon as one improves the covered
// weight (fast interchange: every exchange partner of a site is scored in one pass over that
// site's rows). Passes visit the unchosen sites in a random order drawn from `seed`.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "domain/planning/site_selection.h"

namespace yz {

struct LocalSearchStats {
  int moves = 0;
  int passes = 0;
  int restarts = 0;   // iterated local search: perturbations tried
  int improved = 0;   //   of which led to a better choice
  int64_t annealing_steps = 0;  // annealing: moves scored (mclp_annealing.h)
};

// Improves `sites` (feasible under `limit`) in place until a full pass finds no improving move
// or `deadline` passes. The result is feasible and covers at least as much as the input.
LocalSearchStats ImproveBySwaps(const CoverageModel& m, const SiteLimit& limit, std::vector<int>& sites,
                                uint64_t seed, const Deadline& deadline);

struct IteratedSearchOptions {
  int max_stale = 300;               // stop after this many perturbations in a row without improvement
  int perturbation = 6;              // chosen sites dropped (and random ones added) per perturbation
  double accept_worse = 0;           // the search walks on from a choice up to this share below the best
  std::function<bool()> stop;        // optional: polled between perturbations; true ends the search
  std::function<void(double)> improved;  // optional: called with the covered weight of each new best
};

// Iterated local search: exchanges to a local optimum, then repeatedly drops a few chosen sites
// of one neighbourhood, refills it with good random sites of that neighbourhood, runs exchanges
// within it and keeps the result when it covers at least as much (otherwise returns to the best). `sites` (feasible) is replaced by the best choice
// met; it never covers less than the input. Deterministic for a seed unless stopped by
// `deadline` or `options.stop`.
LocalSearchStats IteratedLocalSearch(const CoverageModel& m, const SiteLimit& limit, std::vector<int>& sites,
                                     uint64_t seed, const Deadline& deadline,
                                     const IteratedSearchOptions& options = {});

}  // namespace yz
