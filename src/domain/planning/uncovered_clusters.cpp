#include "domain/planning/uncovered_clusters.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <queue>
#include <unordered_map>

#include "domain/planning/sphere_index.h"

namespace yz {
namespace {

constexpr double kMetersPerDegree = std::numbers::pi * kEarthRadiusMeters / 180.0;

struct Cell {
  double weight = 0;
  double lat_sum = 0, lng_sum = 0;  // weighted by weight, or by 1 when the cell weighs nothing
  double plain_lat = 0, plain_lng = 0;
  std::size_t points = 0;
  std::array<double, kWorkerCategoryCount> group_weight{};
  GeoPoint Centroid() const {
    if (weight > 0) return {Latitude(lat_sum / weight), Longitude(lng_sum / weight)};
    return {Latitude(plain_lat / points), Longitude(plain_lng / points)};
  }
};

uint64_t CellKey(GeoPoint p, double side_m) {
  const double side_deg = side_m / kMetersPerDegree;
  const int64_t iy = static_cast<int64_t>(std::floor(p.lat.degrees() / side_deg));
  const double row_lat = (static_cast<double>(iy) + 0.5) * side_deg;
  const double shrink = std::max(std::cos(row_lat * std::numbers::pi / 180.0), 1e-3);
  const int64_t ix = static_cast<int64_t>(std::floor(p.lng.degrees() * shrink / side_deg));
  return (static_cast<uint64_t>(iy) << 32) ^ static_cast<uint64_t>(static_cast<uint32_t>(ix));
}

}  // namespace

std::vector<UncoveredCluster> FindUncoveredClusters(std::span<const DemandPoint> points, double radius_m) {
  std::vector<Cell> cells;
  {
    std::unordered_map<uint64_t, uint32_t> index;
    for (const DemandPoint& d : points) {
      const auto [it, inserted] = index.emplace(CellKey(d.location, radius_m / 2), static_cast<uint32_t>(cells.size()));
      if (inserted) cells.emplace_back();
      Cell& c = cells[it->second];
      c.weight += d.weight;
      c.lat_sum += d.weight * d.location.lat.degrees();
      c.lng_sum += d.weight * d.location.lng.degrees();
      c.plain_lat += d.location.lat.degrees();
      c.plain_lng += d.location.lng.degrees();
      ++c.points;
      if (d.group) c.group_weight[static_cast<int>(*d.group)] += d.weight;
    }
  }
  std::vector<GeoPoint> centroid(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) centroid[i] = cells[i].Centroid();
  const SphereIndex index(centroid);
  std::vector<std::vector<uint32_t>> near(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    index.ForEachWithin(centroid[i], radius_m, [&](uint32_t k) { near[i].push_back(k); });
    std::sort(near[i].begin(), near[i].end());
  }

  std::vector<uint8_t> assigned(cells.size(), 0);
  struct Gain {
    double weight;
    std::size_t points;
    bool operator<(const Gain& o) const { return weight != o.weight ? weight < o.weight : points < o.points; }
  };
  auto gain_of = [&](std::size_t i) {
    Gain g{0, 0};
    for (uint32_t k : near[i]) {
      if (!assigned[k]) {
        g.weight += cells[k].weight;
        g.points += cells[k].points;
      }
    }
    return g;
  };
  struct Entry {
    Gain gain;
    uint32_t cell;
    std::size_t stamp;
    bool operator<(const Entry& o) const {
      if (gain < o.gain || o.gain < gain) return gain < o.gain;
      return cell > o.cell;
    }
  };
  std::priority_queue<Entry> heap;
  for (std::size_t i = 0; i < cells.size(); ++i) heap.push({gain_of(i), static_cast<uint32_t>(i), 0});
  std::vector<UncoveredCluster> clusters;
  while (!heap.empty()) {
    Entry top = heap.top();
    heap.pop();
    if (top.gain.points == 0) continue;
    if (top.stamp != clusters.size()) {
      heap.push({gain_of(top.cell), top.cell, clusters.size()});
      continue;
    }
    UncoveredCluster c;
    c.center = centroid[top.cell];
    std::array<double, kWorkerCategoryCount> groups{};
    for (uint32_t k : near[top.cell]) {
      if (assigned[k]) continue;
      assigned[k] = 1;
      c.weight += cells[k].weight;
      c.points += cells[k].points;
      c.radius_m = std::max(c.radius_m, DistanceMeters(c.center, centroid[k]));
      for (int g = 0; g < kWorkerCategoryCount; ++g) groups[g] += cells[k].group_weight[g];
    }
    const auto heaviest = std::max_element(groups.begin(), groups.end());
    if (*heaviest > 0) c.main_group = static_cast<WorkerCategory>(heaviest - groups.begin());
    clusters.push_back(c);
  }
  std::stable_sort(clusters.begin(), clusters.end(), [](const UncoveredCluster& a, const UncoveredCluster& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.points > b.points;
  });
  return clusters;
}

}  // namespace yz
