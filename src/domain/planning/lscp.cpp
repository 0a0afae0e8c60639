#include "domain/planning/lscp.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>

#include <fmt/format.h>

#include "domain/planning/random.h"

namespace yz {
namespace {

// Greedy cover: the site covering most uncovered rows next (ties by `rank`, then index), lazily.
std::vector<int> GreedyCover(const CoverageModel& m, const std::vector<uint32_t>& rank) {
  std::vector<uint8_t> covered(m.row_weight.size(), 0);
  auto gain_of = [&](int j) {
    int64_t g = 0;
    for (uint32_t r : m.RowsOf(j)) g += !covered[r];
    return g;
  };
  struct Entry {
    int64_t gain;
    uint32_t rank;
    int site;
    int stamp;
    bool operator<(const Entry& o) const {
      if (gain != o.gain) return gain < o.gain;
      if (rank != o.rank) return rank > o.rank;
      return site > o.site;
    }
  };
  std::priority_queue<Entry> heap;
  for (int j = 0; j < m.site_count; ++j) {
    if (const int64_t g = gain_of(j); g > 0) heap.push({g, rank[j], j, 0});
  }
  std::vector<int> chosen;
  while (!heap.empty()) {
    Entry top = heap.top();
    heap.pop();
    const int stamp = static_cast<int>(chosen.size());
    if (top.stamp != stamp) {
      if (const int64_t g = gain_of(top.site); g > 0) heap.push({g, top.rank, top.site, stamp});
      continue;
    }
    chosen.push_back(top.site);
    for (uint32_t r : m.RowsOf(top.site)) covered[r] = 1;
  }
  return chosen;
}

// Drops sites whose rows are all covered twice or more, the latest chosen first.
void RemoveRedundant(const CoverageModel& m, std::vector<int>& sites) {
  std::vector<uint32_t> count(m.row_weight.size(), 0);
  for (int j : sites) {
    for (uint32_t r : m.RowsOf(j)) ++count[r];
  }
  for (std::size_t k = sites.size(); k-- > 0;) {
    const int j = sites[k];
    const auto rows = m.RowsOf(j);
    if (std::all_of(rows.begin(), rows.end(), [&](uint32_t r) { return count[r] >= 2; })) {
      for (uint32_t r : rows) --count[r];
      sites.erase(sites.begin() + static_cast<std::ptrdiff_t>(k));
    }
  }
}

// Rows no two of which share a site: each needs a site of its own. Rows with fewer sites first.
std::vector<uint32_t> DisjointRows(const CoverageModel& m) {
  std::vector<uint32_t> rows(m.row_weight.size());
  std::iota(rows.begin(), rows.end(), 0u);
  std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
    return m.SitesOf(a).size() < m.SitesOf(b).size();
  });
  std::vector<uint8_t> used(m.site_count, 0);
  std::vector<uint32_t> packing;
  for (uint32_t r : rows) {
    const auto sites = m.SitesOf(r);
    if (std::any_of(sites.begin(), sites.end(), [&](uint32_t j) { return used[j]; })) continue;
    for (uint32_t j : sites) used[j] = 1;
    packing.push_back(r);
  }
  return packing;
}

}  // namespace

int LscpLowerBound(const CoverageModel& m, int upper, const Deadline& deadline, int max_iterations,
                   int* iterations) {
  // For multipliers u >= 0, L(u) = Σ_r u_r + Σ_j min(0, 1 − Σ_{r ∈ j} u_r) <= every cover's size.
  const std::size_t rows = m.row_weight.size();
  if (iterations) *iterations = 0;
  if (rows == 0) return 0;
  std::vector<double> u(rows, 0.0);
  const std::vector<uint32_t> packing = DisjointRows(m);
  for (uint32_t r : packing) u[r] = 1.0;
  int best = static_cast<int>(packing.size());
  std::vector<double> g(rows);
  std::vector<uint8_t> take(m.site_count);
  double theta = 1.0;
  double best_value = static_cast<double>(best);
  int stalled = 0;
  for (int it = 0; it < max_iterations && best < upper && !deadline.Passed(); ++it) {
    if (iterations) *iterations = it + 1;
    double value = std::accumulate(u.begin(), u.end(), 0.0);
    std::fill(g.begin(), g.end(), 1.0);
    for (int j = 0; j < m.site_count; ++j) {
      double s = 0;
      for (uint32_t r : m.RowsOf(j)) s += u[r];
      take[j] = s > 1.0;
      if (take[j]) {
        value += 1.0 - s;
        for (uint32_t r : m.RowsOf(j)) g[r] -= 1.0;
      }
    }
    // Rounding: the bound is an integer; allow for summation error before rounding up.
    best = std::max(best, static_cast<int>(std::ceil(value - 1e-6)));
    if (value > best_value + 1e-9) {
      best_value = value;
      stalled = 0;
    } else if (++stalled >= 5) {
      theta /= 2;
      stalled = 0;
    }
    if (best >= upper || theta < 1e-4) break;
    double norm2 = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      if (u[r] <= 0 && g[r] < 0) g[r] = 0;
      norm2 += g[r] * g[r];
    }
    if (norm2 <= 0) break;
    const double step = theta * (static_cast<double>(upper) - value) / norm2;
    for (std::size_t r = 0; r < rows; ++r) u[r] = std::max(0.0, u[r] + step * g[r]);
  }
  return std::min(best, upper);
}

LscpSolution SolveLscp(const CoverageModel& m, const LscpOptions& options) {
  LscpSolution out;
  const Deadline deadline(options.seconds);
  std::vector<uint32_t> rank(m.site_count, 0);
  std::vector<int> best = GreedyCover(m, rank);
  out.greedy_sites = static_cast<int>(best.size());
  RemoveRedundant(m, best);
  if (options.progress) {
    options.progress(fmt::format("贪心覆盖 greedy cover：{} 个站点，去掉多余站点后 {} 个", out.greedy_sites,
                                 best.size()));
  }
  const Deadline bound_deadline(deadline.SecondsLeft() / 2);
  out.lower_bound = LscpLowerBound(m, static_cast<int>(best.size()), bound_deadline, options.bound_iterations,
                                   &out.bound_iterations);
  // Restarts with random tie-breaking, while time is left and the bound is not met.
  SplitMix64 rng(options.seed);
  for (int restart = 0; restart < 20 && out.lower_bound < static_cast<int>(best.size()) && !deadline.Passed();
       ++restart) {
    for (auto& r : rank) r = static_cast<uint32_t>(rng.Next());
    std::vector<int> sites = GreedyCover(m, rank);
    RemoveRedundant(m, sites);
    if (sites.size() < best.size()) best = std::move(sites);
  }
  out.lower_bound = std::min(out.lower_bound, static_cast<int>(best.size()));
  out.chosen = SequenceSites(m, best);
  if (options.progress) {
    options.progress(fmt::format("覆盖方案 cover：{} 个站点，下界 lower bound {}", out.chosen.size(), out.lower_bound));
  }
  return out;
}

}  // namespace yz
