#include "domain/planning/mclp_local_search.h"

#include <algorithm>
#include <numeric>

#include "domain/planning/random.h"

namespace yz {
namespace {

// Cover counts of the current choice. For a row covered exactly once, `id_sum` is its one site.
class CoverState {
 public:
  CoverState(const CoverageModel& m, std::span<const int> sites)
      : m_(m), count_(m.row_weight.size(), 0), id_sum_(m.row_weight.size(), 0),
        loss_(m.site_count, 0.0), chosen_(m.site_count, 0) {
    for (int j : sites) Add(j);
  }

  bool chosen(int j) const { return chosen_[j] != 0; }
  // Weight lost by dropping chosen site j (rows only j covers).
  double loss(int j) const { return loss_[j]; }
  uint32_t count(uint32_t r) const { return count_[r]; }
  int sole_site(uint32_t r) const { return static_cast<int>(id_sum_[r]); }

  void Add(int j) {
    chosen_[j] = 1;
    for (uint32_t r : m_.RowsOf(j)) {
      const double w = m_.row_weight[r];
      if (count_[r] == 0) loss_[j] += w;
      else if (count_[r] == 1) loss_[sole_site(r)] -= w;
      ++count_[r];
      id_sum_[r] += static_cast<uint64_t>(j);
    }
  }

  void Remove(int j) {
    chosen_[j] = 0;
    loss_[j] = 0;
    for (uint32_t r : m_.RowsOf(j)) {
      --count_[r];
      id_sum_[r] -= static_cast<uint64_t>(j);
      if (count_[r] == 1) loss_[sole_site(r)] += m_.row_weight[r];
    }
  }

  // Recomputes losses from the counts, dropping the rounding that incremental updates gather.
  void RefreshLosses(std::span<const int> sites) {
    for (int j : sites) {
      double l = 0;
      for (uint32_t r : m_.RowsOf(j)) l += count_[r] == 1 ? m_.row_weight[r] : 0.0;
      loss_[j] = l;
    }
  }

 private:
  const CoverageModel& m_;
  std::vector<uint32_t> count_;
  std::vector<uint64_t> id_sum_;
  std::vector<double> loss_;
  std::vector<uint8_t> chosen_;
};

}  // namespace

LocalSearchStats ImproveBySwaps(const CoverageModel& m, const SiteLimit& limit, std::vector<int>& sites,
                                uint64_t seed, const Deadline& deadline) {
  LocalSearchStats stats;
  if (m.site_count == 0) return stats;
  CoverState state(m, sites);
  const double tolerance = 1e-10 * std::max(1.0, m.CoverableWeight());
  double cost = TotalCost(limit, sites);
  std::vector<double> extra(m.site_count, 0.0);
  std::vector<int> touched;
  std::vector<int> order(m.site_count);
  std::iota(order.begin(), order.end(), 0);
  SplitMix64 rng(seed);

  bool improved = true;
  while (improved && !deadline.Passed()) {
    improved = false;
    ++stats.passes;
    state.RefreshLosses(sites);
    for (int k = m.site_count - 1; k > 0; --k) std::swap(order[k], order[rng.Below(k + 1)]);
    for (int j : order) {
      if (state.chosen(j)) continue;
      const double cost_j = limit.IsBudget() ? limit.costs[j] : 0.0;
      if (limit.IsBudget() && cost_j > *limit.budget) continue;
      double gain = 0;
      for (uint32_t r : m.RowsOf(j)) {
        const uint32_t c = state.count(r);
        if (c == 0) {
          gain += m.row_weight[r];
        } else if (c == 1) {
          const int i = state.sole_site(r);
          if (extra[i] == 0) touched.push_back(i);
          extra[i] += m.row_weight[r];
        }
      }
      if (gain <= tolerance) {
        // extra[i] <= loss(i) for every i, so no move with j gains more than `gain`.
        for (int i : touched) extra[i] = 0;
        touched.clear();
        continue;
      }
      double best_delta = tolerance;
      int best_out = -2;  // -1: add without removing
      const bool room = limit.IsBudget() ? cost + cost_j <= *limit.budget
                                         : static_cast<int>(sites.size()) < limit.max_sites;
      if (room && gain > best_delta) {
        best_delta = gain;
        best_out = -1;
      }
      for (int i : sites) {
        if (limit.IsBudget() && cost - limit.costs[i] + cost_j > *limit.budget) continue;
        const double delta = gain + extra[i] - state.loss(i);
        if (delta > best_delta) {
          best_delta = delta;
          best_out = i;
        }
      }
      for (int i : touched) extra[i] = 0;
      touched.clear();
      if (best_out == -2) continue;
      if (best_out >= 0) {
        state.Remove(best_out);
        sites.erase(std::find(sites.begin(), sites.end(), best_out));
        if (limit.IsBudget()) cost -= limit.costs[best_out];
      }
      state.Add(j);
      sites.push_back(j);
      cost += cost_j;
      ++stats.moves;
      improved = true;
      if (deadline.Passed()) break;
    }
  }
  return stats;
}

}  // namespace yz

