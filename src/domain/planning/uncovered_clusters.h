// Uncovered demand grouped into clusters a planner can act on: each cluster is the demand one new
// station at its centre would reach, ranked by weight.
//
// Points are first pooled into grid cells of R/2 (their weighted centroids stand for them);
// then, greedily, the cell whose radius-R neighbourhood holds the most unassigned weight seeds a
// cluster of those cells. The seeds' neighbourhoods are disjoint in assignment, so cluster
// weights add up to the uncovered weight. Deterministic for a given input order.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "domain/planning/planning_input.h"

namespace yz {

struct UncoveredCluster {
  GeoPoint center;                          // WGS-84: the seed cell's weighted centroid
  double weight = 0;                        // demand weight of the member points
  std::size_t points = 0;                   // member demand points
  double radius_m = 0;                      // farthest member cell centroid from the centre (<= R)
  std::optional<WorkerCategory> main_group; // the group with the most weight, nullopt if none given
};

// Clusters of `points` (the uncovered demand) for a station radius of `radius_m`, heaviest first
// (ties: more points, then the earlier seed). REQUIRES: radius_m > 0.
std::vector<UncoveredCluster> FindUncoveredClusters(std::span<const DemandPoint> points, double radius_m);

}  // namespace yz
