// The cover counts of a choice of sites, kept up to date as sites come and go: what the
// exchange searches (mclp_local_search, mclp_annealing) score moves against.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "domain/planning/coverage_model.h"
#include "domain/planning/site_selection.h"

namespace yz {

// Cover counts of the current choice. For a row covered exactly once, `id_sum` (the sum of the
// covering sites' ids, modulo 2^32) is its one site. A row's weight, count and id sum sit side by
// side, so that scoring a site costs one cache line per row.
class CoverState {
 public:
  CoverState(const CoverageModel& m, std::span<const int> sites)
      : m_(m), row_(m.row_weight.size()), loss_(m.site_count, 0.0), chosen_(m.site_count, 0) {
    for (std::size_t r = 0; r < row_.size(); ++r) row_[r].weight = m.row_weight[r];
    for (int j : sites) Add(j);
  }

  struct Row {
    double weight = 0;
    uint32_t count = 0;
    uint32_t id_sum = 0;
  };

  bool chosen(int j) const { return chosen_[j] != 0; }
  // Weight lost by dropping chosen site j (rows only j covers).
  double loss(int j) const { return loss_[j]; }
  const Row& row(uint32_t r) const { return row_[r]; }
  uint32_t count(uint32_t r) const { return row_[r].count; }

  // Weight site j would add: its rows nothing covers.
  double Gain(int j) const {
    double gain = 0;
    for (uint32_t r : m_.RowsOf(j)) gain += row_[r].count == 0 ? row_[r].weight : 0.0;
    return gain;
  }

  // The `count` unchosen sites that would add the most (more than `min_gain`), best first;
  // under a budget, only sites costing no more than the whole budget.
  std::vector<int> TopGains(std::size_t count, double min_gain, const SiteLimit& limit) const {
    std::vector<std::pair<double, int>> gains;
    for (int j = 0; j < m_.site_count; ++j) {
      if (chosen(j) || (limit.IsBudget() && limit.costs[j] > *limit.budget)) continue;
      const double g = Gain(j);
      if (g > min_gain) gains.emplace_back(-g, j);
    }
    count = std::min(count, gains.size());
    std::partial_sort(gains.begin(), gains.begin() + static_cast<std::ptrdiff_t>(count), gains.end());
    std::vector<int> out;
    for (std::size_t i = 0; i < count; ++i) out.push_back(gains[i].second);
    return out;
  }

  void Add(int j) {
    chosen_[j] = 1;
    for (uint32_t r : m_.RowsOf(j)) {
      Row& x = row_[r];
      if (x.count == 0) loss_[j] += x.weight;
      else if (x.count == 1) loss_[x.id_sum] -= x.weight;
      ++x.count;
      x.id_sum += static_cast<uint32_t>(j);
    }
  }

  void Remove(int j) {
    chosen_[j] = 0;
    loss_[j] = 0;
    for (uint32_t r : m_.RowsOf(j)) {
      Row& x = row_[r];
      --x.count;
      x.id_sum -= static_cast<uint32_t>(j);
      if (x.count == 1) loss_[x.id_sum] += x.weight;
    }
  }

  // Recomputes losses from the counts, dropping the rounding that incremental updates gather.
  void RefreshLosses(std::span<const int> sites) {
    for (int j : sites) {
      double l = 0;
      for (uint32_t r : m_.RowsOf(j)) l += row_[r].count == 1 ? row_[r].weight : 0.0;
      loss_[j] = l;
    }
  }

 private:
  const CoverageModel& m_;
  std::vector<Row> row_;
  std::vector<double> loss_;
  std::vector<uint8_t> chosen_;
};

}  // namespace yz
