#include "domain/planning/site_selection.h"

#include <queue>

namespace yz {

double CoveredRowWeight(const CoverageModel& m, std::span<const int> sites) {
  std::vector<uint8_t> covered(m.row_weight.size(), 0);
  double sum = 0;
  for (int j : sites) {
    for (uint32_t r : m.RowsOf(j)) {
      if (!covered[r]) {
        covered[r] = 1;
        sum += m.row_weight[r];
      }
    }
  }
  return sum;
}

std::vector<SiteChoice> SequenceSites(const CoverageModel& m, std::span<const int> sites) {
  std::vector<uint8_t> covered(m.row_weight.size(), 0);
  auto gain_of = [&](int j) {
    double g = 0;
    for (uint32_t r : m.RowsOf(j)) g += covered[r] ? 0.0 : m.row_weight[r];
    return g;
  };
  // Lazy greedy: stale gains are upper bounds because coverage gains only shrink.
  struct Entry {
    double gain;
    int site;
    bool operator<(const Entry& o) const { return gain != o.gain ? gain < o.gain : site > o.site; }
  };
  std::priority_queue<Entry> heap;
  for (int j : sites) heap.push({gain_of(j), j});
  std::vector<SiteChoice> order;
  order.reserve(sites.size());
  while (!heap.empty()) {
    Entry top = heap.top();
    heap.pop();
    const double fresh = gain_of(top.site);
    if (!heap.empty() && Entry{fresh, top.site} < heap.top()) {
      heap.push({fresh, top.site});
      continue;
    }
    for (uint32_t r : m.RowsOf(top.site)) covered[r] = 1;
    order.push_back({top.site, fresh});
  }
  return order;
}

double TotalCost(const SiteLimit& limit, std::span<const int> sites) {
  if (!limit.IsBudget()) return 0;
  double sum = 0;
  for (int j : sites) sum += limit.costs[j];
  return sum;
}

}  // namespace yz
