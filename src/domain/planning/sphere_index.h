// A static k-d tree over points on the sphere (as 3-D unit vectors) for exact great-circle
// range and nearest-neighbour queries. "Within R" means DistanceMeters(a, b) <= R, inclusive,
// exactly as the contract computes distances: the tree compares chord lengths, which order
// points as great-circle distance does, and decides the few points within a hair of the
// boundary with DistanceMeters itself.
//
// Immutable after construction; queries are safe from several threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/geo.h"

namespace yz {

class SphereIndex {
 public:
  // Indexes `points` (WGS-84); query results are indices into this span. Copies what it needs.
  explicit SphereIndex(std::span<const GeoPoint> points);

  std::size_t size() const { return ids_.size(); }

  // Calls visit(i) once for every point i with DistanceMeters(center, points[i]) <= radius_m,
  // in no particular order. REQUIRES: 0 <= radius_m <= 2,000 km.
  template <class Visit>
  void ForEachWithin(GeoPoint center, double radius_m, Visit&& visit) const;

  struct Neighbor {
    uint32_t index;
    double distance_m;
  };
  // The point nearest to `p` (ties broken arbitrarily), or nullopt when the index is empty.
  std::optional<Neighbor> Nearest(GeoPoint p) const;

 private:
  static constexpr uint32_t kLeafSize = 12;
  struct Node {
    double lo[3], hi[3];     // bounding box of the node's points
    uint32_t begin, end;     // the node's points: [begin, end) in tree order
    uint32_t left, right;    // children (0 for a leaf: the root is never a child)
  };
  struct Bounds {
    double inner2, outer2, chord2;  // squared chords: surely inside, surely outside, nominal
  };
  static Bounds BoundsFor(double radius_m);
  uint32_t Build(uint32_t begin, uint32_t end);
  static double BoxDistance2(const Node& n, const UnitVector& q);
  static double BoxFarthest2(const Node& n, const UnitVector& q);

  std::vector<UnitVector> xyz_;    // tree order
  std::vector<GeoPoint> points_;   // tree order
  std::vector<uint32_t> ids_;      // tree order → input index
  std::vector<Node> nodes_;
};

template <class Visit>
void SphereIndex::ForEachWithin(GeoPoint center, double radius_m, Visit&& visit) const {
  if (nodes_.empty()) return;
  const UnitVector q = ToUnitVector(center);
  const Bounds b = BoundsFor(radius_m);
  uint32_t stack[64];
  int top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const Node& n = nodes_[stack[--top]];
    if (BoxDistance2(n, q) > b.outer2) continue;
    if (BoxFarthest2(n, q) < b.inner2) {
      for (uint32_t k = n.begin; k < n.end; ++k) visit(ids_[k]);
      continue;
    }
    if (n.left == 0) {
      for (uint32_t k = n.begin; k < n.end; ++k) {
        const double dx = xyz_[k].x - q.x, dy = xyz_[k].y - q.y, dz = xyz_[k].z - q.z;
        const double d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < b.inner2 || (d2 <= b.outer2 && DistanceMeters(center, points_[k]) <= radius_m)) {
          visit(ids_[k]);
        }
      }
      continue;
    }
    stack[top++] = n.left;
    stack[top++] = n.right;
  }
}

}  // namespace yz
