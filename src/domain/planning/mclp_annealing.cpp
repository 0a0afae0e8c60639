#include "domain/planning/mclp_annealing.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "domain/planning/cover_state.h"
#include "domain/planning/random.h"

namespace yz {
namespace {

constexpr std::size_t kFarPoolSize = 64;
constexpr std::size_t kScanChunk = 16;    // rows scored between tests of whether a move can still win

}  // namespace

LocalSearchStats AnnealingSearch(const CoverageModel& m, const SiteLimit& limit, std::vector<int>& sites,
                                 uint64_t seed, const Deadline& deadline, const AnnealingOptions& options) {
  LocalSearchStats stats;
  if (m.site_count == 0 || sites.empty()) return stats;
  const auto start = std::chrono::steady_clock::now();
  const double anneal_seconds = std::max(0.0, deadline.SecondsLeft()) * (1 - options.polish_share);
  CoverState state(m, sites);
  std::vector<int> current = sites;
  double cost = TotalCost(limit, current);
  double weight = CoveredRowWeight(m, current);
  std::vector<int> best = current;
  double best_weight = weight;
  const double mean_site = weight / static_cast<double>(current.size());
  const double t_start = options.start_share * mean_site, t_end = options.end_share * mean_site;
  // own[j]: the weight of all of j's rows, the most a move to j could gain.
  std::vector<double> own(m.site_count, 0.0);
  for (int j = 0; j < m.site_count; ++j) {
    for (uint32_t r : m.RowsOf(j)) own[j] += m.row_weight[r];
  }
  SplitMix64 rng(seed);
  std::vector<int> far = state.TopGains(kFarPoolSize, 0.0, limit);
  double temperature = t_start;
  double next_refresh = 1.0;
  bool reported = true;
  const uint64_t far_below = static_cast<uint64_t>(std::clamp(options.far_share, 0.0, 1.0) * 65536);
  for (uint64_t step = 0; t_start > 0; ++step) {
    if ((step & 255) == 0) {
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (elapsed >= anneal_seconds || (options.stop && options.stop())) break;
      temperature = t_start * std::pow(t_end / t_start, elapsed / anneal_seconds);
      if (elapsed >= next_refresh) {
        // Once a second: the far moves' pool, and the running weight and losses afresh (they
        // gather rounding; none for whole-number weights).
        next_refresh = elapsed + 1.0;
        far = state.TopGains(kFarPoolSize, 0.0, limit);
        state.RefreshLosses(current);
        weight = CoveredRowWeight(m, current);
        if (!reported && options.improved) options.improved(best_weight);
        reported = true;
      }
    }
    const std::size_t slot = rng.Below(current.size());
    const int i = current[slot];
    int j;
    if (!far.empty() && (rng.Next() & 65535) < far_below) {
      j = far[rng.Below(far.size())];
    } else {
      const auto rows = m.RowsOf(i);
      const auto near = m.SitesOf(static_cast<int>(rows[rng.Below(rows.size())]));
      j = static_cast<int>(near[rng.Below(near.size())]);
    }
    if (state.chosen(j)) continue;
    if (limit.IsBudget() && cost - limit.costs[i] + limit.costs[j] > *limit.budget) continue;
    ++stats.annealing_steps;
    // The move changes the cover by gain − loss(i), gain being the weight of j's rows that are
    // uncovered or covered by i alone. It is taken when that is >= T·ln(u), u uniform in (0, 1]:
    // the scan gives up as soon as the rows left could not reach that even if all of them
    // counted (most moves are refused, many of them early).
    const double loss = state.loss(i);
    const double need = loss + temperature * std::log(1.0 - rng.Uniform());
    const auto rows_j = m.RowsOf(j);
    const uint32_t self = static_cast<uint32_t>(i);
    double gain = 0, left = own[j];
    bool hopeless = false;
    for (std::size_t begin = 0; begin < rows_j.size() && !hopeless; begin += kScanChunk) {
      const std::size_t end = std::min(rows_j.size(), begin + kScanChunk);
      for (std::size_t k = begin; k < end; ++k) {
        const CoverState::Row& row = state.row(rows_j[k]);
        left -= row.weight;
        gain += (row.count == 0 || (row.count == 1 && row.id_sum == self)) ? row.weight : 0.0;
      }
      hopeless = gain + left < need;
    }
    if (hopeless || gain < need) continue;
    state.Remove(i);
    state.Add(j);
    current[slot] = j;
    if (limit.IsBudget()) cost += limit.costs[j] - limit.costs[i];
    weight += gain - loss;
    ++stats.moves;
    if (weight > best_weight * (1 + 1e-12)) {
      best_weight = weight;
      best = current;
      ++stats.improved;
      reported = false;
    }
  }
  // The iterated search from the best choice met, with the time left (polish_share).
  IteratedSearchOptions io;
  io.stop = options.stop;
  io.improved = options.improved;
  const LocalSearchStats polish = IteratedLocalSearch(m, limit, best, seed, deadline, io);
  stats.moves += polish.moves;
  stats.passes += polish.passes;
  stats.restarts += polish.restarts;
  sites = std::move(best);
  if (options.improved) options.improved(CoveredRowWeight(m, sites));
  return stats;
}

LocalSearchStats SearchMaximalCover(const CoverageModel& m, const SiteLimit& limit, std::vector<int>& sites,
                                    uint64_t seed, const Deadline& deadline, const IteratedSearchOptions& iterated,
                                    AnnealingOptions annealing, double iterated_share) {
  const Deadline iterated_until(std::max(0.0, deadline.SecondsLeft()) * iterated_share);
  LocalSearchStats stats = IteratedLocalSearch(m, limit, sites, seed, iterated_until, iterated);
  const bool settled = !iterated_until.Passed() || (iterated.stop && iterated.stop());
  if (settled || deadline.Passed() || sites.empty()) return stats;
  if (!annealing.stop) annealing.stop = iterated.stop;
  if (!annealing.improved) annealing.improved = iterated.improved;
  const LocalSearchStats annealed = AnnealingSearch(m, limit, sites, seed, deadline, annealing);
  stats.moves += annealed.moves;
  stats.passes += annealed.passes;
  stats.restarts += annealed.restarts;
  stats.improved += annealed.improved;
  stats.annealing_steps = annealed.annealing_steps;
  return stats;
}

}  // namespace yz
