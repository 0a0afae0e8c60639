// Lazy greedy for maximal covering (CELF): repeatedly adds the site with the largest newly
// covered weight (per yuan, under a budget), re-evaluating a site only when its stale gain —
// an upper bound, since gains only shrink as coverage grows — reaches the top.
#pragma once

#include <vector>

#include "domain/planning/site_selection.h"

namespace yz {

// The greedy choice under `limit`, in the order chosen. Sites that would add nothing are not
// chosen, so fewer than max_sites may come back. Under a budget the answer is the better of the
// gain-per-yuan greedy and the best single affordable site (which keeps a constant-factor
// guarantee). Deterministic: ties go to the lower site index.
std::vector<int> GreedyMaximalCover(const CoverageModel& m, const SiteLimit& limit);

}  // namespace yz
