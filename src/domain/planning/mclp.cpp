#include "domain/planning/mclp.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "domain/planning/mclp_bound.h"
#include "domain/planning/mclp_greedy.h"
#include "domain/planning/mclp_local_search.h"

namespace yz {

MclpSolution SolveMclp(const CoverageModel& m, const MclpOptions& options) {
  MclpSolution out;
  const Deadline deadline(options.seconds);
  std::mutex progress_mutex;
  auto progress = [&](std::string_view message) {
    if (!options.progress) return;
    const std::lock_guard lock(progress_mutex);
    options.progress(message);
  };
  std::vector<int> sites = GreedyMaximalCover(m, options.limit);
  out.greedy_weight = CoveredRowWeight(m, sites);
  progress(fmt::format("greedy: {} sites, weight {:.1f}", sites.size(), out.greedy_weight));

  // The search publishes its best weight for the bound's stopping test; once the bound has
  // finished, the search stops as soon as the gap is small enough.
  std::atomic<double> best_known{out.greedy_weight};
  std::atomic<bool> bound_done{false};
  MclpBound bound;
  const std::vector<int> greedy = sites;
  auto run_bound = [&](const Deadline& until) {
    MclpBoundOptions bo;
    bo.max_iterations = options.bound_iterations;
    bo.target_gap = options.target_gap;
    bo.best_known = [&] { return best_known.load(); };
    bo.progress = progress;
    bound = MclpUpperBound(m, options.limit, greedy, until, bo);
    bound_done = true;
  };
  IteratedSearchOptions io;
  io.max_stale = options.max_stale;
  io.accept_worse = options.accept_worse;
  io.improved = [&](double weight) { best_known = std::max(best_known.load(), weight); };
  io.stop = [&] {
    if (!bound_done) return false;
    const double f = best_known.load();
    return bound.upper_bound - f <= options.target_gap * std::max(f, 1e-300);
  };

  LocalSearchStats search;
  if (options.threads >= 2) {
    std::thread bound_thread(run_bound, std::cref(deadline));
    search = IteratedLocalSearch(m, options.limit, sites, options.seed, deadline, io);
    bound_thread.join();
  } else {
    const Deadline search_deadline(std::max(0.0, deadline.SecondsLeft() / 2));
    search = IteratedLocalSearch(m, options.limit, sites, options.seed, search_deadline, io);
    run_bound(deadline);
  }
  out.exchange_moves = search.moves;
  out.restarts = search.restarts;
  out.bound_iterations = bound.iterations;
  out.chosen = SequenceSites(m, sites);
  for (const auto& c : out.chosen) out.new_weight += c.added_weight;
  out.upper_bound = std::max(bound.upper_bound, out.new_weight);
  out.relaxation_lower = bound.relaxation_lower;
  out.total_cost = TotalCost(options.limit, sites);
  progress(fmt::format("search: {} exchanges, {} perturbations ({} improved), weight {:.1f}", search.moves,
                       search.restarts, search.improved, out.new_weight));
  progress(fmt::format("bound: {:.1f} after {} sweeps, gap {:.3f}% (the LP relaxation reaches {:.1f})", out.upper_bound,
                       out.bound_iterations, 100 * out.Gap(), out.relaxation_lower));
  return out;
}

}  // namespace yz
