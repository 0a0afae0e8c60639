#include "domain/planning/sphere_index.h"

#include <algorithm>
#include <numeric>

namespace yz {

SphereIndex::SphereIndex(std::span<const GeoPoint> points) {
  const std::size_t n = points.size();
  if (n == 0) return;
  // Build permutes ids_ over xyz_ in input order; both arrays are put in tree order afterwards.
  xyz_.resize(n);
  for (std::size_t i = 0; i < n; ++i) xyz_[i] = ToUnitVector(points[i]);
  ids_.resize(n);
  std::iota(ids_.begin(), ids_.end(), 0u);
  nodes_.reserve(2 * (n / kLeafSize + 1));
  Build(0, static_cast<uint32_t>(n));
  std::vector<UnitVector> ordered(n);
  points_.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    ordered[k] = xyz_[ids_[k]];
    points_[k] = points[ids_[k]];
  }
  xyz_ = std::move(ordered);
}

uint32_t SphereIndex::Build(uint32_t begin, uint32_t end) {
  const uint32_t index = static_cast<uint32_t>(nodes_.size());
  nodes_.push_back({});
  Node node{};
  node.begin = begin;
  node.end = end;
  for (int a = 0; a < 3; ++a) {
    node.lo[a] = 2;
    node.hi[a] = -2;
  }
  for (uint32_t k = begin; k < end; ++k) {
    const UnitVector& v = xyz_[ids_[k]];
    const double c[3] = {v.x, v.y, v.z};
    for (int a = 0; a < 3; ++a) {
      node.lo[a] = std::min(node.lo[a], c[a]);
      node.hi[a] = std::max(node.hi[a], c[a]);
    }
  }
  if (end - begin > kLeafSize) {
    int axis = 0;
    for (int a = 1; a < 3; ++a) {
      if (node.hi[a] - node.lo[a] > node.hi[axis] - node.lo[axis]) axis = a;
    }
    const uint32_t mid = begin + (end - begin) / 2;
    auto coordinate = [&](uint32_t id) {
      const UnitVector& v = xyz_[id];
      return axis == 0 ? v.x : axis == 1 ? v.y : v.z;
    };
    std::nth_element(ids_.begin() + begin, ids_.begin() + mid, ids_.begin() + end,
                     [&](uint32_t a, uint32_t b) { return coordinate(a) < coordinate(b); });
    node.left = Build(begin, mid);
    node.right = Build(mid, end);
  }
  nodes_[index] = node;
  return index;
}

SphereIndex::Bounds SphereIndex::BoundsFor(double radius_m) {
  // Chords computed from unit vectors carry absolute errors near 1e-16; the margin keeps every
  // point whose chord could disagree with DistanceMeters for the exact check.
  const double chord = MetersToChord(radius_m);
  const double margin = chord * 1e-9 + 1e-12;
  const double inner = std::max(0.0, chord - margin), outer = chord + margin;
  return {inner * inner, outer * outer, chord * chord};
}

double SphereIndex::BoxDistance2(const Node& n, const UnitVector& q) {
  const double c[3] = {q.x, q.y, q.z};
  double d2 = 0;
  for (int a = 0; a < 3; ++a) {
    const double d = c[a] < n.lo[a] ? n.lo[a] - c[a] : c[a] > n.hi[a] ? c[a] - n.hi[a] : 0.0;
    d2 += d * d;
  }
  return d2;
}

double SphereIndex::BoxFarthest2(const Node& n, const UnitVector& q) {
  const double c[3] = {q.x, q.y, q.z};
  double d2 = 0;
  for (int a = 0; a < 3; ++a) {
    const double d = std::max(c[a] - n.lo[a], n.hi[a] - c[a]);
    d2 += d * d;
  }
  return d2;
}

std::optional<SphereIndex::Neighbor> SphereIndex::Nearest(GeoPoint p) const {
  if (nodes_.empty()) return std::nullopt;
  const UnitVector q = ToUnitVector(p);
  double best2 = 1e300;
  uint32_t best = 0;
  uint32_t stack[64];
  int top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const Node& n = nodes_[stack[--top]];
    if (BoxDistance2(n, q) > best2) continue;
    if (n.left == 0) {
      for (uint32_t k = n.begin; k < n.end; ++k) {
        const double dx = xyz_[k].x - q.x, dy = xyz_[k].y - q.y, dz = xyz_[k].z - q.z;
        const double d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < best2) {
          best2 = d2;
          best = k;
        }
      }
      continue;
    }
    // Visit the nearer child first (pushed last).
    const double dl = BoxDistance2(nodes_[n.left], q), dr = BoxDistance2(nodes_[n.right], q);
    if (dl <= dr) {
      stack[top++] = n.right;
      stack[top++] = n.left;
    } else {
      stack[top++] = n.left;
      stack[top++] = n.right;
    }
  }
  return Neighbor{ids_[best], DistanceMeters(p, points_[best])};
}

}  // namespace yz
