#include "domain/planning/coverage_analysis.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "domain/planning/sphere_index.h"

namespace yz {
namespace {

void Count(CoverageTotals& t, double weight, double distance, double radius_m) {
  ++t.points;
  t.weight += weight;
  if (distance <= radius_m) t.within_r += weight;
  if (distance <= 2 * radius_m) t.within_2r += weight;
}

DistanceSummary Summarize(std::span<const DemandPoint> demand, const std::vector<double>& distance) {
  DistanceSummary s;
  std::vector<uint32_t> order;
  double total = 0;
  for (std::size_t p = 0; p < demand.size(); ++p) {
    if (distance[p] == std::numeric_limits<double>::infinity()) continue;
    order.push_back(static_cast<uint32_t>(p));
    total += demand[p].weight;
    s.mean_m += demand[p].weight * distance[p];
    s.max_m = std::max(s.max_m, distance[p]);
  }
  if (order.empty() || total <= 0) return s;
  s.mean_m /= total;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return distance[a] < distance[b]; });
  double seen = 0;
  bool median_set = false;
  for (uint32_t p : order) {
    seen += demand[p].weight;
    if (!median_set && seen >= 0.5 * total) {
      s.median_m = distance[p];
      median_set = true;
    }
    if (seen >= 0.9 * total) {
      s.p90_m = distance[p];
      break;
    }
  }
  return s;
}

}  // namespace

CoverageReport AnalyzeCoverage(std::span<const DemandPoint> demand, std::span<const ExistingStation> stations,
                               double radius_m, const ProgressFn& progress) {
  CoverageReport report;
  report.radius_m = radius_m;
  std::vector<GeoPoint> locations(stations.size());
  for (std::size_t s = 0; s < stations.size(); ++s) locations[s] = stations[s].location;
  const SphereIndex index(locations);
  report.nearest_station.assign(demand.size(), -1);
  report.nearest_m.assign(demand.size(), std::numeric_limits<double>::infinity());
  std::vector<DemandPoint> uncovered;
  for (std::size_t p = 0; p < demand.size(); ++p) {
    const DemandPoint& d = demand[p];
    std::string_view region;
    if (const auto n = index.Nearest(d.location)) {
      report.nearest_station[p] = static_cast<int32_t>(n->index);
      report.nearest_m[p] = n->distance_m;
      region = stations[n->index].region;
    }
    const double distance = report.nearest_m[p];
    Count(report.overall, d.weight, distance, radius_m);
    Count(d.group ? report.by_group[static_cast<int>(*d.group)] : report.no_group, d.weight, distance, radius_m);
    auto it = report.by_region.find(region);
    if (it == report.by_region.end()) it = report.by_region.emplace(std::string(region), CoverageTotals{}).first;
    Count(it->second, d.weight, distance, radius_m);
    if (!(distance <= radius_m)) uncovered.push_back(d);
  }
  if (progress) progress(fmt::format("已为 {} 个需求点找到最近的站点 (nearest stations)", demand.size()));
  report.distance = Summarize(demand, report.nearest_m);
  report.clusters = FindUncoveredClusters(uncovered, radius_m);
  if (progress) progress(fmt::format("{} 个未覆盖的聚集区 (uncovered clusters)", report.clusters.size()));
  return report;
}

}  // namespace yz
