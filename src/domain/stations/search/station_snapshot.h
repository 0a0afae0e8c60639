// The in-memory search snapshot of the open stations: lookup by code and exact great-circle
// k-nearest search with filters (amenities, services, host types, open now).
//
// A snapshot is immutable once built. It is shared as std::shared_ptr<const StationSnapshot>
// (see SnapshotHolder); any number of threads may call its const methods at once without locking.
// A change to any station means building a new snapshot and swapping it in.
//
// Nearest() is exact: its answer equals a brute-force scan that keeps the stations passing every
// filter, computes DistanceMeters(origin, station.location) for each, orders them by
// (distance_m, code) and keeps the first `limit`. The spatial index (a static bounding-box tree
// over unit-sphere 3-D points, walked best-first by lower-bound chord distance) only prunes, with
// a safety margin; final distances and the order come from DistanceMeters itself, so ties are
// decided exactly as the scan decides them. Subtrees whose aggregated amenities, services, host
// types or open-time buckets cannot satisfy the filters are skipped whole, so a rare filter does
// not turn a query into a scan; amenities working at no more than 1 in 8 stations also get a tree
// of their own, which a query requiring one of them walks instead.
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/opening_hours.h"
#include "core/result.h"
#include "domain/stations/search/search_query.h"
#include "domain/stations/station.h"

namespace yz {

struct StationHit {
  // Points into the snapshot that answered: valid while that snapshot is alive.
  const Station* station = nullptr;
  // DistanceMeters(query.origin, station->location).
  double distance_m = 0.0;
  // Open at query.at? nullopt when the station's hours are unknown.
  std::optional<bool> open_now;
};

class StationSnapshot {
 public:
  // Builds a snapshot of the stations whose status is open; the others are dropped. Station codes
  // must be unique (as the registry guarantees); with duplicates, which one FindByCode answers is
  // unspecified. Takes the stations by value: move them in to avoid a copy.
  // O(n log n): about one second for 200,000 stations.
  static std::shared_ptr<const StationSnapshot> Build(std::vector<Station> stations);

  // A snapshot without stations.
  static std::shared_ptr<const StationSnapshot> Empty();

  StationSnapshot(const StationSnapshot&) = delete;
  StationSnapshot& operator=(const StationSnapshot&) = delete;

  // The open stations, in the snapshot's internal (spatial) order.
  std::span<const Station> stations() const { return stations_; }
  std::size_t size() const { return stations_.size(); }

  // The open station with this code, or nullptr (unknown, or not open).
  const Station* FindByCode(std::string_view code) const;
  // The open station of rank `rank` (0-based) in code order. REQUIRES: rank < size().
  const Station& ByCodeRank(std::size_t rank) const { return stations_[by_code_[rank]]; }

  // The nearest open stations passing the query's filters, ordered by distance_m then code, at
  // most query.limit of them. An invalid query (SearchQuery::Validate) gives its Error.
  Result<std::vector<StationHit>> Nearest(const SearchQuery& query) const;
  // The same, into `out` (cleared first), so a caller can reuse its capacity. Apart from growing
  // `out`, a query allocates nothing once the calling thread's scratch buffers have grown. With
  // `extra`, up to query.limit + extra hits (for a caller that drops some of them).
  Result<void> Nearest(const SearchQuery& query, std::vector<StationHit>& out,
                       std::size_t extra = 0) const;

  // Approximate bytes held: the index plus the station copies (with their strings).
  std::size_t MemoryBytes() const;
  // Approximate bytes of the index alone (what search adds on top of the stations).
  std::size_t IndexMemoryBytes() const;

 private:
  // Per-station data of one tree while it is built, in tree order.
  struct Entry {
    double x, y, z;      // ToUnitVector(location)
    double lat, lng;     // location, degrees: the exact inputs of DistanceMeters
    uint32_t amenities;  // working amenities, bit = enum value
    uint32_t hours;      // index into hours_, or kUnknownHours
    uint32_t code_rank;  // position of the code in code order: the tie-breaker
    uint32_t station;    // index into stations_
    uint8_t services;
    uint8_t host_type;  // enum value, or kUnknownHostType
    uint8_t stars;      // the approved star grade, 0..5
  };
  // What the walk reads for every station of a leaf it opens, split in two so that a query
  // without filters reads 12 bytes per station (a leaf of 32 is six cache lines), and one with
  // filters reads the other 12 only for the leaves it opens. The coordinates are floats (within
  // 1e-7 of the exact unit vector): the walk prunes with a margin that covers that, and exact
  // distances come from ExactEntry.
  struct WalkPoint {
    float x, y, z;
  };
  struct WalkFilter {
    uint32_t amenities;
    uint32_t hours;
    uint8_t services;
    uint8_t host_type;
    uint8_t stars;
  };
  // What only the few stations that survive the walk need.
  struct ExactEntry {
    double phi, cos_phi, lng;  // HaversinePoint(location)
    uint32_t code_rank;
    uint32_t station;
  };
  // A node of a tree, preorder: the left child is the next node. 32 bytes, two to a cache line.
  // Boxes are rounded outwards to float. An inner node has `end == kInner` and `begin` = its
  // right child; a leaf's stations are entries [begin, end).
  static constexpr uint32_t kInner = 0xFFFFFFFF;
  struct Node {
    float lo[3], hi[3];
    uint32_t begin, end;
    bool leaf() const { return end != kInner; }
    uint32_t right() const { return begin; }
  };
  // What the filters below a node can match, read only by queries with filters.
  struct NodeFilter {
    uint32_t amenities;   // OR of the working amenities below
    uint16_t host_types;  // OR of the known host types below
    uint8_t services;     // OR of the services below
    uint8_t max_stars;    // the most stars below
  };
  static constexpr int kWeekBuckets = 7 * 24 * 4;  // 15-minute buckets of the week
  using WeekBuckets = std::bitset<kWeekBuckets>;
  struct Tree {
    std::vector<Entry> entries;  // while building only: split into walk/exact at the end
    std::vector<WalkPoint> points;
    std::vector<WalkFilter> filters;
    std::vector<ExactEntry> exact;
    std::vector<Node> nodes;
    std::vector<NodeFilter> node_filters;
    std::vector<WeekBuckets> node_open;  // per node: buckets in which some station below is open
    std::size_t MemoryBytes() const;
  };

  StationSnapshot() { rare_tree_of_.fill(-1); }
  // A tree over `entries` (reordered); hours_buckets[h] are the open buckets of hours_[h].
  static Tree BuildTree(std::vector<Entry> entries, const std::vector<WeekBuckets>& hours_buckets);
  // Splits the finished tree's entries into points, filters and exact data.
  static void Compact(Tree& tree);
  // The tree a query walks: the smallest of those holding every station that can match it.
  const Tree& TreeFor(const SearchQuery& query) const;
  void Search(const Tree& tree, const SearchQuery& query, std::vector<StationHit>& out) const;

  std::vector<Station> stations_;  // in the order of main_.entries
  Tree main_;                      // every open station
  // A small tree per rare amenity (working at few stations) over just those stations, so a query
  // requiring it walks only them.
  std::vector<Tree> rare_trees_;
  std::array<int, kAmenityCount> rare_tree_of_{};  // index into rare_trees_, or -1
  std::vector<uint32_t> by_code_;                  // station indices ordered by code
  std::vector<const OpeningHours*> hours_;         // distinct known hours, pointing into stations_
  std::size_t station_bytes_ = 0;                  // estimated, computed once at build
};

}  // namespace yz
