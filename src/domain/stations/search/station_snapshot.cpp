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

// Leaves of 4 to 8 stations: small enough that the filter bitsets of a leaf still prune, large
// enough that the tree is a few percent of the entries.
constexpr uint32_t kLeafSize = 8;
constexpr uint32_t kUnknownHours = std::numeric_limits<uint32_t>::max();
constexpr uint8_t kUnknownHostType = 0xFF;
constexpr int kBucketMinutes = 15;
constexpr int kBucketsPerDay = 24 * 60 / kBucketMinutes;

// Pruning compares chords of unit vectors with a bound derived from a haversine distance. The two
// formulas disagree by rounding only: at most ~0.1 m in angle near antipodal points (where the
// haversine's asin is ill-conditioned) and ~1e-15 in chord. One metre of slack and a chord pad
// far above 1e-15 make a pruned node or skipped station certainly farther than the bound, so the
// exact (distance, code) order of DistanceMeters is never cut short, ties included.
constexpr double kMarginMeters = 1.0;
constexpr double kChordPad = 1e-12;

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

double Coordinate(const UnitVector& v, int axis) { return axis == 0 ? v.x : axis == 1 ? v.y : v.z; }

std::size_t StringHeapBytes(const std::string& s) {
  static const std::size_t kInline = std::string().capacity();
  return s.capacity() > kInline ? s.capacity() + 1 : 0;
}

std::size_t StationBytes(const Station& s) {
  std::size_t bytes = sizeof(Station);
  for (const std::string* text : {&s.code, &s.name, &s.address, &s.region, &s.manager, &s.phone,
                                  &s.opening_hours.text()}) {
    bytes += StringHeapBytes(*text);
  }
  bytes += s.amenities.capacity() * sizeof(StationAmenity);
  bytes += s.services.capacity() * sizeof(Service);
  bytes += s.photos.capacity() * sizeof(StationPhoto);
  for (const StationPhoto& p : s.photos) bytes += StringHeapBytes(p.path) + StringHeapBytes(p.caption);
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

// (distance, code) order; code_rank order is code order.
bool Before(const Candidate& a, const Candidate& b) {
  return a.distance < b.distance || (a.distance == b.distance && a.code_rank < b.code_rank);
}

// Per-thread buffers so a query does not allocate once they have grown.
struct Scratch {
  std::vector<QueuedNode> queue;  // min-heap by lb2
  std::vector<Candidate> best;    // max-heap by Before: the worst kept candidate on top
};

}  // namespace

std::shared_ptr<const StationSnapshot> StationSnapshot::Build(std::vector<Station> stations) {
  std::erase_if(stations, [](const Station& s) { return s.status != StationStatus::kOpen; });
  if (stations.size() >= std::numeric_limits<uint32_t>::max() / 2) {
    throw std::length_error("too many stations for one snapshot");
  }
  const auto n = static_cast<uint32_t>(stations.size());
  std::shared_ptr<StationSnapshot> snapshot(new StationSnapshot());
  StationSnapshot& s = *snapshot;

  // Equal texts compile to equal hours: each distinct text is evaluated once per query at most,
  // and its week buckets are computed once here.
  std::vector<uint32_t> hours_of(n, kUnknownHours);
  std::vector<uint32_t> hours_first_station;
  {
    std::unordered_map<std::string_view, uint32_t> ids;
    for (uint32_t i = 0; i < n; ++i) {
      const OpeningHours& h = stations[i].opening_hours;
      if (h.unknown()) continue;
      const auto [it, inserted] = ids.try_emplace(h.text(), static_cast<uint32_t>(ids.size()));
      if (inserted) hours_first_station.push_back(i);
      hours_of[i] = it->second;
    }
  }

  std::vector<UnitVector> points(n);
  for (uint32_t i = 0; i < n; ++i) points[i] = ToUnitVector(stations[i].location);

  // Median split on the widest axis of the box, nodes in preorder.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  auto build = [&](auto& self, uint32_t begin, uint32_t end) -> uint32_t {
    const auto index = static_cast<uint32_t>(s.nodes_.size());
    s.nodes_.push_back(Node{});
    s.nodes_[index].begin = begin;
    s.nodes_[index].end = end;
    if (end - begin <= kLeafSize) {
      s.nodes_[index].leaf = 1;
      return index;
    }
    double lo[3] = {2, 2, 2};
    double hi[3] = {-2, -2, -2};
    for (uint32_t i = begin; i < end; ++i) {
      for (int a = 0; a < 3; ++a) {
        const double c = Coordinate(points[order[i]], a);
        lo[a] = std::min(lo[a], c);
        hi[a] = std::max(hi[a], c);
      }
    }
    int axis = 0;
    for (int a = 1; a < 3; ++a) {
      if (hi[a] - lo[a] > hi[axis] - lo[axis]) axis = a;
    }
    const uint32_t mid = begin + (end - begin) / 2;
    std::nth_element(order.begin() + begin, order.begin() + mid, order.begin() + end,
                     [&](uint32_t x, uint32_t y) {
                       return Coordinate(points[x], axis) < Coordinate(points[y], axis);
                     });
    self(self, begin, mid);
    const uint32_t right = self(self, mid, end);
    s.nodes_[index].right = right;
    return index;
  };
  if (n > 0) build(build, 0, n);
  s.nodes_.shrink_to_fit();

  // Stations and their hot entries in tree order.
  std::vector<uint32_t> position(n);
  s.stations_.reserve(n);
  s.entries_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t from = order[i];
    position[from] = i;
    Station& station = stations[from];
    Entry e{};
    e.x = points[from].x;
    e.y = points[from].y;
    e.z = points[from].z;
    e.lat = station.location.lat.degrees();
    e.lng = station.location.lng.degrees();
    for (const StationAmenity& a : station.amenities) {
      if (a.state == AmenityState::kWorking) e.amenities |= 1u << static_cast<unsigned>(a.amenity);
    }
    for (Service sv : station.services) e.services |= static_cast<uint8_t>(1u << static_cast<unsigned>(sv));
    e.host_type = station.host_type ? static_cast<uint8_t>(*station.host_type) : kUnknownHostType;
    e.hours = hours_of[from];
    s.entries_.push_back(e);
    s.stations_.push_back(std::move(station));
  }
  s.hours_.reserve(hours_first_station.size());
  for (uint32_t first : hours_first_station) s.hours_.push_back(&s.stations_[position[first]].opening_hours);

  s.by_code_.resize(n);
  std::iota(s.by_code_.begin(), s.by_code_.end(), 0u);
  std::sort(s.by_code_.begin(), s.by_code_.end(), [&](uint32_t a, uint32_t b) {
    const int c = s.stations_[a].code.compare(s.stations_[b].code);
    return c < 0 || (c == 0 && a < b);
  });
  for (uint32_t r = 0; r < n; ++r) s.entries_[s.by_code_[r]].code_rank = r;

  std::vector<WeekBuckets> hours_buckets(s.hours_.size());
  for (std::size_t h = 0; h < s.hours_.size(); ++h) {
    for (int day = 0; day < 7; ++day) {
      const std::bitset<1440>& minutes = s.hours_[h]->OpenMinutes(day);
      for (int m = 0; m < 1440; ++m) {
        if (minutes[m]) hours_buckets[h].set(day * kBucketsPerDay + m / kBucketMinutes);
      }
    }
  }

  // Boxes and filter aggregates bottom-up: in preorder, children come after their parent.
  s.node_open_.assign(s.nodes_.size(), WeekBuckets{});
  for (std::size_t k = s.nodes_.size(); k-- > 0;) {
    Node& node = s.nodes_[k];
    WeekBuckets& open = s.node_open_[k];
    if (node.leaf) {
      double lo[3] = {2, 2, 2};
      double hi[3] = {-2, -2, -2};
      for (uint32_t i = node.begin; i < node.end; ++i) {
        const Entry& e = s.entries_[i];
        const double c[3] = {e.x, e.y, e.z};
        for (int a = 0; a < 3; ++a) {
          lo[a] = std::min(lo[a], c[a]);
          hi[a] = std::max(hi[a], c[a]);
        }
        node.amenities |= e.amenities;
        node.services |= e.services;
        if (e.host_type != kUnknownHostType) node.host_types |= static_cast<uint16_t>(1u << e.host_type);
        if (e.hours != kUnknownHours) open |= hours_buckets[e.hours];
      }
      for (int a = 0; a < 3; ++a) {
        node.lo[a] = FloatBelow(lo[a]);
        node.hi[a] = FloatAbove(hi[a]);
      }
    } else {
      const Node& left = s.nodes_[k + 1];
      const Node& right = s.nodes_[node.right];
      for (int a = 0; a < 3; ++a) {
        node.lo[a] = std::min(left.lo[a], right.lo[a]);
        node.hi[a] = std::max(left.hi[a], right.hi[a]);
      }
      node.amenities = left.amenities | right.amenities;
      node.services = left.services | right.services;
      node.host_types = left.host_types | right.host_types;
      open = s.node_open_[k + 1] | s.node_open_[node.right];
    }
  }

  for (const Station& station : s.stations_) s.station_bytes_ += StationBytes(station);
  return snapshot;
}

std::shared_ptr<const StationSnapshot> StationSnapshot::Empty() {
  return std::shared_ptr<const StationSnapshot>(new StationSnapshot());
}

const Station* StationSnapshot::FindByCode(std::string_view code) const {
  const auto it = std::lower_bound(by_code_.begin(), by_code_.end(), code,
                                   [&](uint32_t i, std::string_view c) { return stations_[i].code < c; });
  if (it == by_code_.end() || stations_[*it].code != code) return nullptr;
  return &stations_[*it];
}

bool StationSnapshot::NodePasses(uint32_t node, uint32_t amenities, uint8_t services,
                                 uint16_t host_types, int open_bucket) const {
  const Node& n = nodes_[node];
  if ((n.amenities & amenities) != amenities) return false;
  if ((n.services & services) != services) return false;
  if (host_types != 0 && (n.host_types & host_types) == 0) return false;
  if (open_bucket >= 0 && !node_open_[node][open_bucket]) return false;
  return true;
}

Result<std::vector<StationHit>> StationSnapshot::Nearest(const SearchQuery& query) const {
  std::vector<StationHit> hits;
  if (Result<void> r = Nearest(query, hits); !r) return r.error();
  return hits;
}

Result<void> StationSnapshot::Nearest(const SearchQuery& query, std::vector<StationHit>& out) const {
  out.clear();
  if (Result<void> valid = query.Validate(); !valid) return valid;
  if (nodes_.empty()) return Ok();

  const auto amenities = static_cast<uint32_t>(query.amenities.to_ulong());
  const auto services = static_cast<uint8_t>(query.services.to_ulong());
  const auto host_types = static_cast<uint16_t>(query.host_types.to_ulong());
  const int open_bucket = query.open_now_only ? query.at.weekday * kBucketsPerDay +
                                                    query.at.minute_of_day / kBucketMinutes
                                              : -1;
  const auto limit = static_cast<std::size_t>(query.limit);
  const UnitVector u = ToUnitVector(query.origin);
  const double radius_chord2 =
      query.radius_m ? PruneChord2(*query.radius_m) : std::numeric_limits<double>::infinity();
  double bound_chord2 = radius_chord2;  // nothing farther can still enter the answer

  thread_local Scratch scratch;
  std::vector<QueuedNode>& queue = scratch.queue;
  std::vector<Candidate>& best = scratch.best;
  queue.clear();
  best.clear();
  const auto farther = [](const QueuedNode& a, const QueuedNode& b) { return a.lb2 > b.lb2; };

  const auto box_lb2 = [&](const Node& n) {
    const double q[3] = {u.x, u.y, u.z};
    double sum = 0.0;
    for (int a = 0; a < 3; ++a) {
      const double lo = n.lo[a];
      const double hi = n.hi[a];
      const double d = q[a] < lo ? lo - q[a] : (q[a] > hi ? q[a] - hi : 0.0);
      sum += d * d;
    }
    return sum;
  };
  const auto enqueue = [&](uint32_t node) {
    if (!NodePasses(node, amenities, services, host_types, open_bucket)) return;
    const double lb2 = box_lb2(nodes_[node]);
    if (lb2 > bound_chord2) return;
    queue.push_back({lb2, node});
    std::push_heap(queue.begin(), queue.end(), farther);
  };

  enqueue(0);
  while (!queue.empty()) {
    std::pop_heap(queue.begin(), queue.end(), farther);
    const QueuedNode next = queue.back();
    queue.pop_back();
    if (next.lb2 > bound_chord2) break;  // every queued node is at least this far
    const Node& node = nodes_[next.node];
    if (!node.leaf) {
      enqueue(next.node + 1);
      enqueue(node.right);
      continue;
    }
    for (uint32_t i = node.begin; i < node.end; ++i) {
      const Entry& e = entries_[i];
      if ((e.amenities & amenities) != amenities) continue;
      if ((e.services & services) != services) continue;
      if (host_types != 0 &&
          (e.host_type == kUnknownHostType || ((host_types >> e.host_type) & 1u) == 0)) {
        continue;
      }
      const double dx = e.x - u.x;
      const double dy = e.y - u.y;
      const double dz = e.z - u.z;
      if (dx * dx + dy * dy + dz * dz > bound_chord2) continue;
      if (open_bucket >= 0 &&
          (e.hours == kUnknownHours || !hours_[e.hours]->IsOpen(query.at).value_or(false))) {
        continue;
      }
      const double distance =
          DistanceMeters(query.origin, GeoPoint{Latitude(e.lat), Longitude(e.lng)});
      if (query.radius_m && distance > *query.radius_m) continue;
      const Candidate c{distance, e.code_rank, i};
      if (best.size() < limit) {
        best.push_back(c);
        std::push_heap(best.begin(), best.end(), Before);
      } else if (Before(c, best.front())) {
        std::pop_heap(best.begin(), best.end(), Before);
        best.back() = c;
        std::push_heap(best.begin(), best.end(), Before);
      } else {
        continue;
      }
      if (best.size() == limit) {
        bound_chord2 = std::min(radius_chord2, PruneChord2(best.front().distance));
      }
    }
  }

  std::sort_heap(best.begin(), best.end(), Before);
  out.reserve(best.size());
  for (const Candidate& c : best) {
    const Entry& e = entries_[c.index];
    StationHit hit;
    hit.station = &stations_[c.index];
    hit.distance_m = c.distance;
    if (e.hours != kUnknownHours) hit.open_now = hours_[e.hours]->IsOpen(query.at);
    out.push_back(hit);
  }
  return Ok();
}

std::size_t StationSnapshot::IndexMemoryBytes() const {
  return sizeof(*this) + entries_.capacity() * sizeof(Entry) + nodes_.capacity() * sizeof(Node) +
         node_open_.capacity() * sizeof(WeekBuckets) + by_code_.capacity() * sizeof(uint32_t) +
         hours_.capacity() * sizeof(const OpeningHours*);
}

std::size_t StationSnapshot::MemoryBytes() const {
  return IndexMemoryBytes() + (stations_.capacity() - stations_.size()) * sizeof(Station) +
         station_bytes_;
}

}  // namespace yz
