// Simulated annealing for maximal covering, and the search SolveMclp runs: the iterated search
// (mclp_local_search.h) where it settles quickly, annealing where it does not.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "domain/planning/mclp_local_search.h"
#include "domain/planning/site_selection.h"

namespace yz {

// Temperatures are shares of the mean weight a chosen site covers at the start, so that one
// setting fits cities of any weight. Tuned on the benchmark's large city, six seeds a setting,
// and checked on two other generated cities (ADR 0005; bench/README "search spread").
struct AnnealingOptions {
  double start_share = 0.05;
  double end_share = 0.003;
  double far_share = 0.02;               // of the steps, moves to a site anywhere in the city
  double polish_share = 0.05;            // of the time, the iterated search from the best choice met
  std::function<bool()> stop;            // optional: polled every few hundred steps; true ends it
  std::function<void(double)> improved;  // optional: the covered weight of new best choices
};

// Each step moves one chosen site i, drawn at random, to an unchosen site j: near i (a random
// site of a random row of i, so sites whose cover overlaps i's most are likeliest) or, for
// `far_share` of the steps, one of the 64 sites that would add most (refreshed every second).
// The move's delta is scored in one pass over j's rows, which gives up as soon as the rest of
// them could not make the move acceptable; it is taken when delta >= 0 or with probability
// exp(delta / T). T falls geometrically with the clock from the start to the end temperature
// over all but `polish_share` of the time to `deadline`; the iterated search from the best
// choice met has the rest. `sites` (feasible, non-empty) becomes that result, never worse than
// the input. A budget limit is kept by refusing moves that would exceed it. The result depends
// on timing: the temperature follows the clock.
LocalSearchStats AnnealingSearch(const CoverageModel& m, const SiteLimit& limit, std::vector<int>& sites,
                                 uint64_t seed, const Deadline& deadline, const AnnealingOptions& options = {});

// SolveMclp's search: the iterated search, for at most `iterated_share` of the time to
// `deadline`; if it has not stopped by itself by then (a large city: it would still be
// improving), annealing from its best choice for the rest. Small and middling cities settle
// in a fraction of a second and get the iterated search's answer alone, as before annealing
// existed. `iterated.stop`/`improved` serve both phases.
LocalSearchStats SearchMaximalCover(const CoverageModel& m, const SiteLimit& limit, std::vector<int>& sites,
                                    uint64_t seed, const Deadline& deadline, const IteratedSearchOptions& iterated,
                                    AnnealingOptions annealing = {}, double iterated_share = 0.1);

}  // namespace yz
