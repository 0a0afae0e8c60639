#include "domain/planning/mclp.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "domain/planning/mclp_annealing.h"
#include "domain/planning/mclp_bound.h"
#include "domain/planning/mclp_greedy.h"
#include "domain/planning/mclp_local_search.h"

namespace yz {

namespace {

// The choice the bound's relaxation makes at its best multipliers: the sites of largest value
// c_j(λ) (cardinality), or of largest value per yuan that fit the budget, free sites first.
// Where the relaxation is tight it points at the optimum's neighbourhood of choices, which the
// search started from greedy may never reach.
std::vector<int> RelaxationChoice(const SiteLimit& limit, const std::vector<double>& value) {
  std::vector<int> order;
  for (int j = 0; j < static_cast<int>(value.size()); ++j) {
    if (value[j] > 0) order.push_back(j);
  }
  auto per_yuan = [&](int j) { return limit.costs[j] > 0 ? value[j] / limit.costs[j] : HUGE_VAL; };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return limit.IsBudget() ? per_yuan(a) > per_yuan(b) : value[a] > value[b];
  });
  std::vector<int> out;
  double spent = 0;
  for (int j : order) {
    if (!limit.IsBudget()) {
      if (static_cast<int>(out.size()) == limit.max_sites) break;
      out.push_back(j);
    } else if (spent + limit.costs[j] <= *limit.budget) {
      spent += limit.costs[j];
      out.push_back(j);
    }
  }
  return out;
}

}  // namespace

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
  progress(fmt::format("贪心选址 greedy：{} 个站点，覆盖 {:.1f}", sites.size(), out.greedy_weight));

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
    progress(fmt::format("上界计算完成 bound done：{:.1f}（{} 轮），当前最好方案覆盖 {:.1f}", bound.upper_bound, bound.iterations,
                         best_known.load()));
  };
  // A second search, from the relaxation's choice, with the time the bound leaves (on the
  // bound's thread when there are two).
  std::vector<int> second;
  LocalSearchStats second_search;
  IteratedSearchOptions io;
  auto run_second = [&](const Deadline& until) {
    if (until.Passed() || bound.site_value.empty()) return;
    second = RelaxationChoice(options.limit, bound.site_value);
    second_search = IteratedLocalSearch(m, options.limit, second, options.seed + 1, until, io);
  };
  io.max_stale = options.max_stale;
  io.accept_worse = options.accept_worse;
  // Both searches report their new best choices here (under a mutex: two threads); a line of
  // progress at most once a second, since a large city improves hundreds of times.
  std::mutex improved_mutex;
  auto last_improved_report = std::chrono::steady_clock::time_point{};
  io.improved = [&](double weight) {
    const std::lock_guard lock(improved_mutex);
    if (weight <= best_known.load()) return;
    best_known = weight;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_improved_report >= std::chrono::seconds(1)) {
      last_improved_report = now;
      progress(fmt::format("搜索 search：目前最好的方案覆盖 {:.1f}", weight));
    }
  };
  io.stop = [&] {
    if (!bound_done) return false;
    const double f = best_known.load();
    return bound.upper_bound - f <= options.target_gap * std::max(f, 1e-300);
  };

  LocalSearchStats search;
  if (options.threads >= 2) {
    std::thread bound_thread([&] {
      run_bound(deadline);
      run_second(deadline);
    });
    search = SearchMaximalCover(m, options.limit, sites, options.seed, deadline, io);
    bound_thread.join();
  } else {
    const Deadline search_deadline(std::max(0.0, deadline.SecondsLeft() / 2));
    search = SearchMaximalCover(m, options.limit, sites, options.seed, search_deadline, io);
    run_bound(deadline);
    run_second(deadline);
  }
  if (!second.empty() && CoveredRowWeight(m, second) > CoveredRowWeight(m, sites)) sites = second;
  search.moves += second_search.moves;
  search.restarts += second_search.restarts;
  search.improved += second_search.improved;
  out.exchange_moves = search.moves;
  out.restarts = search.restarts;
  out.annealing_steps = search.annealing_steps;
  out.bound_iterations = bound.iterations;
  out.chosen = SequenceSites(m, sites);
  for (const auto& c : out.chosen) out.new_weight += c.added_weight;
  out.upper_bound = std::max(bound.upper_bound, out.new_weight);
  out.relaxation_lower = bound.relaxation_lower;
  out.total_cost = TotalCost(options.limit, sites);
  progress(fmt::format("搜索结束 search：{} 次交换，{} 次扰动（{} 次改进），模拟退火 {} 步，覆盖 {:.1f}", search.moves,
                       search.restarts, search.improved, search.annealing_steps, out.new_weight));
  progress(fmt::format("上界 bound：{:.1f}（{} 轮），最优性差距 gap {:.3f}%（线性松弛 LP 至少 {:.1f}）", out.upper_bound,
                       out.bound_iterations, 100 * out.Gap(), out.relaxation_lower));
  return out;
}

}  // namespace yz
