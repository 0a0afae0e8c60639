#include "domain/planning/mclp_greedy.h"

#include <limits>
#include <queue>

namespace yz {
namespace {

struct Entry {
  double key;  // gain, or gain per yuan
  int site;
  int stamp;   // number of sites chosen when `key` was computed
  bool operator<(const Entry& o) const { return key != o.key ? key < o.key : site > o.site; }
};

std::vector<int> Greedy(const CoverageModel& m, const SiteLimit& limit) {
  std::vector<uint8_t> covered(m.row_weight.size(), 0);
  auto gain_of = [&](int j) {
    double g = 0;
    for (uint32_t r : m.RowsOf(j)) g += covered[r] ? 0.0 : m.row_weight[r];
    return g;
  };
  auto key_of = [&](int j, double gain) {
    if (!limit.IsBudget()) return gain;
    const double cost = limit.costs[j];
    return cost > 0 ? gain / cost : (gain > 0 ? std::numeric_limits<double>::infinity() : 0.0);
  };
  double remaining = limit.IsBudget() ? *limit.budget : 0;
  std::priority_queue<Entry> heap;
  for (int j = 0; j < m.site_count; ++j) {
    if (limit.IsBudget() && limit.costs[j] > remaining) continue;
    const double g = gain_of(j);
    if (g > 0) heap.push({key_of(j, g), j, 0});
  }
  std::vector<int> chosen;
  while (!heap.empty()) {
    if (!limit.IsBudget() && static_cast<int>(chosen.size()) >= limit.max_sites) break;
    Entry top = heap.top();
    heap.pop();
    if (limit.IsBudget() && limit.costs[top.site] > remaining) continue;  // never affordable again
    const int stamp = static_cast<int>(chosen.size());
    if (top.stamp != stamp) {
      const double g = gain_of(top.site);
      if (g > 0) heap.push({key_of(top.site, g), top.site, stamp});
      continue;
    }
    chosen.push_back(top.site);
    for (uint32_t r : m.RowsOf(top.site)) covered[r] = 1;
    if (limit.IsBudget()) remaining -= limit.costs[top.site];
  }
  return chosen;
}

}  // namespace

std::vector<int> GreedyMaximalCover(const CoverageModel& m, const SiteLimit& limit) {
  std::vector<int> chosen = Greedy(m, limit);
  if (!limit.IsBudget()) return chosen;
  int best_single = -1;
  double best_gain = 0;
  for (int j = 0; j < m.site_count; ++j) {
    if (limit.costs[j] > *limit.budget) continue;
    double g = 0;
    for (uint32_t r : m.RowsOf(j)) g += m.row_weight[r];
    if (g > best_gain) {
      best_gain = g;
      best_single = j;
    }
  }
  if (best_single >= 0 && best_gain > CoveredRowWeight(m, chosen)) return {best_single};
  return chosen;
}

}  // namespace yz
