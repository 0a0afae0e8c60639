// Local search for maximal covering: exchanges of one chosen site for one unchosen site (and,
// when the limit leaves room, plain additions), taken as soon as one improves the covered
// weight (fast interchange: every exchange partner of a site is scored in one pass over that
// site's rows). Passes visit the unchosen sites in a random order drawn from `seed`.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/planning/site_selection.h"

namespace yz {

struct LocalSearchStats {
  int moves = 0;
  int passes = 0;
};

// Improves `sites` (feasible under `limit`) in place until a full pass finds no improving move
// or `deadline` passes. The result is feasible and covers at least as much as the input.
LocalSearchStats ImproveBySwaps(const CoverageModel& m, const SiteLimit& limit, std::vector<int>& sites,
                                uint64_t seed, const Deadline& deadline);

}  // namespace yz
