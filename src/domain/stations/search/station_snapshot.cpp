#include "domain/stations/search/station_snapshot.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace yz {
namespace {

// Leaves of 16 to 32 stations: small enough that the filter bitsets of a leaf still prune, large
// enough that the tree is a few percent of the entries.
constexpr uint32_t kLeafSize = 32;
constexpr uint32_t kUnknownHours = std::numeric_limits<uint32_t>::max();
constexpr uint8_t kUnknownHostType = 0xFF;
constexpr int kBucketMinutes = 15;
constexpr int kBucketsPerDay = 24 * 60 / kBucketMinutes;
// An amenity working at no more than this share of the stations gets a tree of its own.
constexpr double kRareAmenityShare = 1.0 / 8;

// Pruning compares chords of unit vectors with bounds derived from a haversine distance (the
// radius) or from another chord (the limit-th nearest so far). The haversine and the chord
// disagree by rounding only: at most ~0.1 m in angle near antipodal points (where the haversine's
// asin is ill-conditioned) and ~1e-15 in chord. The walk's unit vectors are floats: each
// coordinate within 6e-8 of the exact one, so a chord within 1.04e-7 (0.66 m) of the exact chord,
// and a bound built from one float chord and tested against another needs twice that. Three
// metres of slack and a chord pad far above 1e-15 cover all of it, so a pruned node or skipped
// station is certainly farther than the bound and the exact (distance, code) order of
// DistanceMeters is never cut short, ties included.
constexpr double kMarginMeters = 3.0;
constexpr double kChordPad = 1e-12;
// The same slack in unit-sphere chord: chord(θ + δ) <= chord(θ) + δ, so adding this to a chord
// covers kMarginMeters of distance.
constexpr double kChordMargin = kMarginMeters / kEarthRadiusMeters + kChordPad;

// The squared chord beyond which nothing is within `meters` (with the margins above).
double PruneChord2(double meters) {
  const double chord = MetersToChord(meters + kMarginMeters) + kChordPad;
  return chord * chord;
}

float FloatBelow(double v) {
  float f = static_cast<float>(v);
  if (static_cast<double>(f) > v) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
  return f;
}

float FloatAbove(double v) {
  float f = static_cast<float>(v);
  if (static_cast<double>(f) < v) f = std::nextafter(f, std::numeric_limits<float>::infinity());
  return f;
}

std::size_t StringHeapBytes(const std::string& s) {
  static const std::size_t kInline = std::string().capacity();
  return s.capacity() > kInline ? s.capacity() + 1 : 0;
}

std::size_t StationBytes(const Station& s) {
  std::size_t bytes = sizeof(Station);
  for (const std::string* text : {&s.code, &s.name, &s.address, &s.region, &s.manager, &s.phone,
                                  &s.service_phone, &s.opening_hours.text()}) {
    bytes += StringHeapBytes(*text);
  }
  bytes += s.amenities.capacity() * sizeof(StationAmenity);
  bytes += s.services.capacity() * sizeof(Service);
  bytes += s.photos.capacity() * sizeof(StationPhoto);
  for (const StationPhoto& p : s.photos)
    bytes += StringHeapBytes(p.path) + StringHeapBytes(p.caption);
  return bytes;
}

struct QueuedNode {
  double lb2;  // squared lower bound of the chord from the origin to the node's box
  uint32_t node;
};

struct Candidate {
  double distance;
  uint32_t code_rank;
  uint32_t index;
};

struct Pending {
  double chord2;   // squared chord from the origin
  uint32_t index;  // entry of the tree
};

// (distance, code) order; code_rank order is code order.
bool Before(const Candidate& a, const Candidate& b) {
  return a.distance < b.distance || (a.distance == b.distance && a.code_rank < b.code_rank);
}

// Per-thread buffers so a query does not allocate once they have grown.
struct Scratch {
  std::vector<QueuedNode> queue;       // the depth-first stack
  std::vector<Pending> pending;        // stations within the bound when met
  std::vector<double> nearest_chord2;  // max-heap: the `limit` smallest chords met so far
  std::vector<Candidate> best;         // the survivors of `pending`, with exact distances
};

}  // namespace

StationSnapshot::Tree StationSnapshot::BuildTree(std::vector<Entry> entries,
                                                 const std::vector<WeekBuckets>& hours_buckets) {
  Tree tree;
  const auto n = static_cast<uint32_t>(entries.size());
  if (n == 0) return tree;
  tree.nodes.reserve(2 * (n / (kLeafSize / 2) + 1));
  tree.node_filters.reserve(tree.nodes.capacity());

  // Median split on the widest axis of the box, nodes in preorder.
  auto build = [&](auto& self, uint32_t begin, uint32_t end) -> uint32_t {
    const auto index = static_cast<uint32_t>(tree.nodes.size());
    tree.nodes.push_back(Node{});
    tree.node_filters.push_back(NodeFilter{});
    tree.nodes[index].begin = begin;
    tree.nodes[index].end = end;
    if (end - begin <= kLeafSize) return index;
    double lo[3] = {2, 2, 2};
    double hi[3] = {-2, -2, -2};
    for (uint32_t i = begin; i < end; ++i) {
      const double c[3] = {entries[i].x, entries[i].y, entries[i].z};
      for (int a = 0; a < 3; ++a) {
        lo[a] = std::min(lo[a], c[a]);
        hi[a] = std::max(hi[a], c[a]);
      }
    }
    int axis = 0;
    for (int a = 1; a < 3; ++a) {
      if (hi[a] - lo[a] > hi[axis] - lo[axis]) axis = a;
    }
    const auto key = [axis](const Entry& e) { return axis == 0 ? e.x : axis == 1 ? e.y : e.z; };
    const uint32_t mid = begin + (end - begin) / 2;
    std::nth_element(entries.begin() + begin, entries.begin() + mid, entries.begin() + end,
                     [&](const Entry& x, const Entry& y) { return key(x) < key(y); });
    self(self, begin, mid);
    const uint32_t right = self(self, mid, end);
    tree.nodes[index].begin = right;
    tree.nodes[index].end = kInner;
    return index;
  };
  build(build, 0, n);

  // Boxes and filter aggregates bottom-up: in preorder, children come after their parent.
  tree.node_open.assign(tree.nodes.size(), WeekBuckets{});
  for (std::size_t k = tree.nodes.size(); k-- > 0;) {
    Node& node = tree.nodes[k];
    NodeFilter& filter = tree.node_filters[k];
    WeekBuckets& open = tree.node_open[k];
    if (node.leaf()) {
      double lo[3] = {2, 2, 2};
      double hi[3] = {-2, -2, -2};
      for (uint32_t i = node.begin; i < node.end; ++i) {
        const Entry& e = entries[i];
        const double c[3] = {e.x, e.y, e.z};
        for (int a = 0; a < 3; ++a) {
          lo[a] = std::min(lo[a], c[a]);
          hi[a] = std::max(hi[a], c[a]);
        }
        filter.amenities |= e.amenities;
        filter.services |= e.services;
        filter.max_stars = std::max(filter.max_stars, e.stars);
        if (e.host_type != kUnknownHostType)
          filter.host_types |= static_cast<uint16_t>(1u << e.host_type);
        if (e.hours != kUnknownHours) open |= hours_buckets[e.hours];
      }
      for (int a = 0; a < 3; ++a) {
        node.lo[a] = FloatBelow(lo[a]);
        node.hi[a] = FloatAbove(hi[a]);
      }
    } else {
      const Node& left = tree.nodes[k + 1];
      const Node& right = tree.nodes[node.right()];
      for (int a = 0; a < 3; ++a) {
        node.lo[a] = std::min(left.lo[a], right.lo[a]);
        node.hi[a] = std::max(left.hi[a], right.hi[a]);
      }
      const NodeFilter& lf = tree.node_filters[k + 1];
      const NodeFilter& rf = tree.node_filters[node.right()];
      filter.amenities = lf.amenities | rf.amenities;
      filter.services = lf.services | rf.services;
      filter.host_types = lf.host_types | rf.host_types;
      filter.max_stars = std::max(lf.max_stars, rf.max_stars);
      open = tree.node_open[k + 1] | tree.node_open[node.right()];
    }
  }
  tree.entries = std::move(entries);
  return tree;
}

std::shared_ptr<const StationSnapshot> StationSnapshot::Build(std::vector<Station> stations) {
  std::erase_if(stations, [](const Station& s) { return s.status != StationStatus::kOpen; });
  if (stations.size() >= std::numeric_limits<uint32_t>::max() / 2) {
    throw std::length_error("too many stations for one snapshot");
  }
  const auto n = static_cast<uint32_t>(stations.size());
  std::shared_ptr<StationSnapshot> snapshot(new StationSnapshot());
  StationSnapshot& s = *snapshot;

  // Equal texts compile to equal hours: each distinct text gets its week buckets once.
  std::vector<uint32_t> hours_of(n, kUnknownHours);
  std::vector<uint32_t> hours_first_station;
  std::vector<WeekBuckets> hours_buckets;
  {
    std::unordered_map<std::string_view, uint32_t> ids;
    for (uint32_t i = 0; i < n; ++i) {
      const OpeningHours& h = stations[i].opening_hours;
      if (h.unknown()) continue;
      const auto [it, inserted] = ids.try_emplace(h.text(), static_cast<uint32_t>(ids.size()));
      if (inserted) {
        hours_first_station.push_back(i);
        WeekBuckets& buckets = hours_buckets.emplace_back();
        for (int day = 0; day < 7; ++day) {
          const std::bitset<1440>& minutes = h.OpenMinutes(day);
          for (int m = 0; m < 1440; ++m) {
            if (minutes[m]) buckets.set(day * kBucketsPerDay + m / kBucketMinutes);
          }
        }
      }
      hours_of[i] = it->second;
    }
  }

  std::vector<Entry> entries(n);
  std::array<uint32_t, kAmenityCount> amenity_count{};
  for (uint32_t i = 0; i < n; ++i) {
    const Station& station = stations[i];
    Entry& e = entries[i];
    const UnitVector u = ToUnitVector(station.location);
    e.x = u.x;
    e.y = u.y;
    e.z = u.z;
    e.lat = station.location.lat.degrees();
    e.lng = station.location.lng.degrees();
    for (const StationAmenity& a : station.amenities) {
      if (a.state != AmenityState::kWorking) continue;
      e.amenities |= 1u << static_cast<unsigned>(a.amenity);
      ++amenity_count[static_cast<std::size_t>(a.amenity)];
    }
    for (Service v : station.services)
      e.services |= static_cast<uint8_t>(1u << static_cast<unsigned>(v));
    e.host_type = station.host_type ? static_cast<uint8_t>(*station.host_type) : kUnknownHostType;
    e.stars = static_cast<uint8_t>(std::clamp(station.stars, 0, 5));
    e.hours = hours_of[i];
    e.station = i;
  }
  s.main_ = BuildTree(std::move(entries), hours_buckets);

  // Stations in main-tree order, so a leaf's stations are neighbours in memory too.
  std::vector<uint32_t> position(n);
  s.stations_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    Entry& e = s.main_.entries[i];
    position[e.station] = i;
    s.stations_.push_back(std::move(stations[e.station]));
    e.station = i;
  }
  s.hours_.reserve(hours_first_station.size());
  for (uint32_t first : hours_first_station)
    s.hours_.push_back(&s.stations_[position[first]].opening_hours);

  s.by_code_.resize(n);
  std::iota(s.by_code_.begin(), s.by_code_.end(), 0u);
  std::sort(s.by_code_.begin(), s.by_code_.end(), [&](uint32_t a, uint32_t b) {
    const int c = s.stations_[a].code.compare(s.stations_[b].code);
    return c < 0 || (c == 0 && a < b);
  });
  for (uint32_t r = 0; r < n; ++r) s.main_.entries[s.by_code_[r]].code_rank = r;

  for (int a = 0; a < kAmenityCount; ++a) {
    const uint32_t count = amenity_count[a];
    if (count == 0 || count > n * kRareAmenityShare) continue;
    std::vector<Entry> members;
    members.reserve(count);
    for (const Entry& e : s.main_.entries) {
      if (e.amenities & (1u << a)) members.push_back(e);
    }
    s.rare_tree_of_[a] = static_cast<int>(s.rare_trees_.size());
    s.rare_trees_.push_back(BuildTree(std::move(members), hours_buckets));
  }

  Compact(s.main_);
  for (Tree& t : s.rare_trees_) Compact(t);
  for (const Station& station : s.stations_) s.station_bytes_ += StationBytes(station);
  return snapshot;
}

void StationSnapshot::Compact(Tree& tree) {
  static_assert(sizeof(Node) == 32, "two nodes to a cache line");
  tree.points.reserve(tree.entries.size());
  tree.filters.reserve(tree.entries.size());
  tree.exact.reserve(tree.entries.size());
  for (const Entry& e : tree.entries) {
    // Rounded to nearest: within the node box, whose bounds were rounded outwards from the doubles.
    tree.points.push_back(
        {static_cast<float>(e.x), static_cast<float>(e.y), static_cast<float>(e.z)});
    tree.filters.push_back({e.amenities, e.hours, e.services, e.host_type, e.stars});
    const HaversinePoint h(GeoPoint{Latitude(e.lat), Longitude(e.lng)});
    tree.exact.push_back({h.phi, h.cos_phi, h.lng_degrees, e.code_rank, e.station});
  }
  tree.entries.clear();
  tree.entries.shrink_to_fit();
}

std::shared_ptr<const StationSnapshot> StationSnapshot::Empty() {
  return std::shared_ptr<const StationSnapshot>(new StationSnapshot());
}

const Station* StationSnapshot::FindByCode(std::string_view code) const {
  const auto it =
      std::lower_bound(by_code_.begin(), by_code_.end(), code,
                       [&](uint32_t i, std::string_view c) { return stations_[i].code < c; });
  if (it == by_code_.end() || stations_[*it].code != code) return nullptr;
  return &stations_[*it];
}

Result<std::vector<StationHit>> StationSnapshot::Nearest(const SearchQuery& query) const {
  std::vector<StationHit> hits;
  if (Result<void> r = Nearest(query, hits); !r) return r.error();
  return hits;
}

Result<void> StationSnapshot::Nearest(const SearchQuery& query, std::vector<StationHit>& out,
                                      std::size_t extra) const {
  out.clear();
  if (Result<void> valid = query.Validate(); !valid) return valid;
  if (extra > 0) {
    // Validated above; Search itself takes any limit.
    SearchQuery wider = query;
    wider.limit += static_cast<int>(std::min<std::size_t>(extra, 1'000'000));
    Search(TreeFor(wider), wider, out);
    return Ok();
  }
  Search(TreeFor(query), query, out);
  return Ok();
}

const StationSnapshot::Tree& StationSnapshot::TreeFor(const SearchQuery& query) const {
  // Every hit has every required amenity, so the smallest tree of a required rare amenity holds
  // them all.
  const Tree* tree = &main_;
  for (int a = 0; a < kAmenityCount; ++a) {
    if (!query.amenities[a] || rare_tree_of_[a] < 0) continue;
    const Tree& candidate = rare_trees_[rare_tree_of_[a]];
    if (candidate.points.size() < tree->points.size()) tree = &candidate;
  }
  return *tree;
}

void StationSnapshot::Search(const Tree& tree, const SearchQuery& query,
                             std::vector<StationHit>& out) const {
  if (tree.nodes.empty()) return;
  const auto amenities = static_cast<uint32_t>(query.amenities.to_ulong());
  const auto services = static_cast<uint8_t>(query.services.to_ulong());
  const auto host_types = static_cast<uint16_t>(query.host_types.to_ulong());
  const int open_bucket = query.open_now_only ? query.at.weekday * kBucketsPerDay +
                                                    query.at.minute_of_day / kBucketMinutes
                                              : -1;
  // Without filters the walk reads coordinates only.
  const auto min_stars = static_cast<uint8_t>(query.min_stars);
  const bool filtered =
      amenities != 0 || services != 0 || host_types != 0 || open_bucket >= 0 || min_stars != 0;
  const auto limit = static_cast<std::size_t>(query.limit);
  const UnitVector u = ToUnitVector(query.origin);
  const double radius_chord2 =
      query.radius_m ? PruneChord2(*query.radius_m) : std::numeric_limits<double>::infinity();
  double bound_chord2 = radius_chord2;  // nothing farther can still enter the answer

  thread_local Scratch scratch;
  std::vector<QueuedNode>& queue = scratch.queue;
  std::vector<Pending>& pending = scratch.pending;
  std::vector<double>& nearest_chord2 = scratch.nearest_chord2;
  std::vector<Candidate>& best = scratch.best;
  queue.clear();
  pending.clear();
  nearest_chord2.clear();
  best.clear();
  // Depth first, nearer child first: the first leaves reached fill `best` and shrink the bound
  // quickly, and a stack costs less per node than a priority queue. Every node whose box is
  // within the final bound is still visited (the bound only shrinks), so the answer is the same.
  // Returns the node's squared lower-bound chord, or infinity when its filters rule it out.
  const auto lower_bound2 = [&](uint32_t index) {
    const Node& n = tree.nodes[index];
    if (filtered) {
      constexpr double kOut = std::numeric_limits<double>::infinity();
      const NodeFilter& f = tree.node_filters[index];
      if ((f.amenities & amenities) != amenities) return kOut;
      if ((f.services & services) != services) return kOut;
      if (host_types != 0 && (f.host_types & host_types) == 0) return kOut;
      if (f.max_stars < min_stars) return kOut;
      if (open_bucket >= 0 && !tree.node_open[index][open_bucket]) return kOut;
    }
    const double q[3] = {u.x, u.y, u.z};
    double lb2 = 0.0;
    for (int a = 0; a < 3; ++a) {
      const double lo = n.lo[a];
      const double hi = n.hi[a];
      const double d = q[a] < lo ? lo - q[a] : (q[a] > hi ? q[a] - hi : 0.0);
      lb2 += d * d;
    }
    return lb2;
  };

  if (const double root = lower_bound2(0); root <= bound_chord2) queue.push_back({root, 0});
  while (!queue.empty()) {
    const QueuedNode next = queue.back();
    queue.pop_back();
    if (next.lb2 > bound_chord2) continue;  // the bound shrank since it was pushed
    const Node& node = tree.nodes[next.node];
    if (!node.leaf()) {
      const uint32_t left = next.node + 1;
      const uint32_t right = node.right();
      const double left2 = lower_bound2(left);
      const double right2 = lower_bound2(right);
      // Push the farther child first so that the nearer one is taken next.
      const bool left_nearer = left2 <= right2;
      const QueuedNode near{left_nearer ? left2 : right2, left_nearer ? left : right};
      const QueuedNode far{left_nearer ? right2 : left2, left_nearer ? right : left};
      if (far.lb2 <= bound_chord2) queue.push_back(far);
      if (near.lb2 <= bound_chord2) {
        queue.push_back(near);
        // It is taken next: start loading what that will read (its children's boxes, or its
        // stations) while this iteration finishes.
        const Node& next_node = tree.nodes[near.node];
        if (next_node.leaf()) {
          const char* first = reinterpret_cast<const char*>(&tree.points[next_node.begin]);
          const char* last = reinterpret_cast<const char*>(&tree.points[next_node.end - 1]);
          for (const char* p = first; p <= last; p += 64) __builtin_prefetch(p);
        } else {
          __builtin_prefetch(&tree.nodes[near.node + 1]);
          __builtin_prefetch(&tree.nodes[next_node.right()]);
        }
      }
      continue;
    }
    for (uint32_t i = node.begin; i < node.end; ++i) {
      if (filtered) {
        const WalkFilter& f = tree.filters[i];
        if ((f.amenities & amenities) != amenities) continue;
        if ((f.services & services) != services) continue;
        if (f.stars < min_stars) continue;
        if (host_types != 0 &&
            (f.host_type == kUnknownHostType || ((host_types >> f.host_type) & 1u) == 0)) {
          continue;
        }
      }
      const WalkPoint& e = tree.points[i];
      const double dx = static_cast<double>(e.x) - u.x;
      const double dy = static_cast<double>(e.y) - u.y;
      const double dz = static_cast<double>(e.z) - u.z;
      const double chord2 = dx * dx + dy * dy + dz * dz;
      if (chord2 > bound_chord2) continue;
      if (open_bucket >= 0) {
        const uint32_t hours = tree.filters[i].hours;
        if (hours == kUnknownHours || !hours_[hours]->IsOpen(query.at).value_or(false)) continue;
      }
      // Ordered by chord for now: the exact distances are computed once, for the survivors.
      pending.push_back({chord2, i});
      if (nearest_chord2.size() < limit) {
        nearest_chord2.push_back(chord2);
        std::push_heap(nearest_chord2.begin(), nearest_chord2.end());
      } else if (chord2 < nearest_chord2.front()) {
        std::pop_heap(nearest_chord2.begin(), nearest_chord2.end());
        nearest_chord2.back() = chord2;
        std::push_heap(nearest_chord2.begin(), nearest_chord2.end());
      } else {
        continue;
      }
      if (nearest_chord2.size() == limit) {
        const double chord = std::sqrt(nearest_chord2.front()) + kChordMargin;
        bound_chord2 = std::min(radius_chord2, chord * chord);
      }
    }
  }

  // Every station of the exact answer is within the final bound: `limit` stations lie within
  // the limit-th smallest chord, so the limit-th smallest distance is at most that chord's
  // distance plus rounding, and the bound adds a metre. The others are dropped before the
  // (costlier) haversine.
  const HaversinePoint origin(query.origin);
  // The survivors' exact entries and hours lie far apart: start every cache miss at once rather
  // than one after the other (each distance is a function call the processor cannot look past).
  for (const Pending& p : pending) {
    if (p.chord2 > bound_chord2) continue;
    __builtin_prefetch(&tree.exact[p.index]);
    __builtin_prefetch(&tree.filters[p.index]);
  }
  for (const Pending& p : pending) {
    if (p.chord2 > bound_chord2) continue;
    const ExactEntry& e = tree.exact[p.index];
    const double distance = DistanceMeters(origin, HaversinePoint(e.phi, e.cos_phi, e.lng));
    if (query.radius_m && distance > *query.radius_m) continue;
    best.push_back({distance, e.code_rank, p.index});
  }
  const auto kept = std::min(best.size(), limit);
  std::partial_sort(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(kept), best.end(),
                    Before);
  best.resize(kept);
  out.reserve(best.size());
  for (const Candidate& c : best) {
    StationHit hit;
    hit.station = &stations_[tree.exact[c.index].station];
    hit.distance_m = c.distance;
    const uint32_t hours = tree.filters[c.index].hours;
    if (hours != kUnknownHours) hit.open_now = hours_[hours]->IsOpen(query.at);
    out.push_back(hit);
  }
}

std::size_t StationSnapshot::Tree::MemoryBytes() const {
  return entries.capacity() * sizeof(Entry) + points.capacity() * sizeof(WalkPoint) +
         filters.capacity() * sizeof(WalkFilter) + exact.capacity() * sizeof(ExactEntry) +
         nodes.capacity() * sizeof(Node) + node_filters.capacity() * sizeof(NodeFilter) +
         node_open.capacity() * sizeof(WeekBuckets);
}

std::size_t StationSnapshot::IndexMemoryBytes() const {
  std::size_t bytes = sizeof(*this) + main_.MemoryBytes() + rare_trees_.capacity() * sizeof(Tree) +
                      by_code_.capacity() * sizeof(uint32_t) +
                      hours_.capacity() * sizeof(const OpeningHours*);
  for (const Tree& t : rare_trees_) bytes += t.MemoryBytes();
  return bytes;
}

std::size_t StationSnapshot::MemoryBytes() const {
  return IndexMemoryBytes() + (stations_.capacity() - stations_.size()) * sizeof(Station) +
         station_bytes_;
}

}  // namespace yz
