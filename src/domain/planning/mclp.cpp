#include "domain/planning/mclp.h"

#include <algorithm>

#include <fmt/format.h>

#include "domain/planning/mclp_bound.h"
#include "domain/planning/mclp_greedy.h"
#include "domain/planning/mclp_local_search.h"

namespace yz {

MclpSolution SolveMclp(const CoverageModel& m, const MclpOptions& options) {
  MclpSolution out;
  const Deadline deadline(options.seconds);
  std::vector<int> sites = GreedyMaximalCover(m, options.limit);
  out.greedy_weight = CoveredRowWeight(m, sites);
  if (options.progress) options.progress(fmt::format("greedy: {} sites, weight {:.1f}", sites.size(), out.greedy_weight));

  // Exchanges get at most half the time; the bound needs the rest.
  const Deadline exchange_deadline(std::max(0.0, deadline.SecondsLeft() / 2));
  out.exchange_moves = ImproveBySwaps(m, options.limit, sites, options.seed, exchange_deadline).moves;
  if (options.progress) {
    options.progress(fmt::format("exchanges: {} moves, weight {:.1f}", out.exchange_moves, CoveredRowWeight(m, sites)));
  }

  MclpBound bound = MclpUpperBound(m, options.limit, sites, deadline, options.bound_iterations, options.target_gap,
                                   options.progress);
  out.bound_iterations = bound.iterations;
  if (bound.best_weight > CoveredRowWeight(m, sites)) {
    sites = std::move(bound.best_choice);
    out.exchange_moves += ImproveBySwaps(m, options.limit, sites, options.seed + 1, deadline).moves;
  }
  out.chosen = SequenceSites(m, sites);
  for (const auto& c : out.chosen) out.new_weight += c.added_weight;
  out.upper_bound = std::max(bound.upper_bound, out.new_weight);
  out.total_cost = TotalCost(options.limit, sites);
  if (options.progress) {
    options.progress(fmt::format("bound: {:.1f} after {} iterations, gap {:.3f}%", out.upper_bound,
                                 out.bound_iterations, 100 * out.Gap()));
  }
  return out;
}

}  // namespace yz
