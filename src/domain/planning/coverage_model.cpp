#include "domain/planning/coverage_model.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include <fmt/format.h>

#include "domain/planning/sphere_index.h"

namespace yz {
namespace {

// Interleaves the bits of x and y (Morton / z-order): nearby points get nearby keys, mostly.
uint64_t Interleave(uint32_t x, uint32_t y) {
  auto spread = [](uint64_t v) {
    v = (v | (v << 16)) & 0x0000FFFF0000FFFFULL;
    v = (v | (v << 8)) & 0x00FF00FF00FF00FFULL;
    v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FULL;
    v = (v | (v << 2)) & 0x3333333333333333ULL;
    v = (v | (v << 1)) & 0x5555555555555555ULL;
    return v;
  };
  return spread(x) | (spread(y) << 1);
}

// The points sorted by z-order of their coordinates (ties by index, so the order is reproducible).
std::vector<uint32_t> SpatialOrder(std::span<const DemandPoint> demand) {
  std::vector<std::pair<uint64_t, uint32_t>> keyed(demand.size());
  for (std::size_t p = 0; p < demand.size(); ++p) {
    const double x = (demand[p].location.lng.degrees() + 180.0) / 360.0;
    const double y = (demand[p].location.lat.degrees() + 90.0) / 180.0;
    auto quantize = [](double u) { return static_cast<uint32_t>(std::clamp(u, 0.0, 1.0) * 4294967295.0); };
    keyed[p] = {Interleave(quantize(x), quantize(y)), static_cast<uint32_t>(p)};
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<uint32_t> order(demand.size());
  for (std::size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].second;
  return order;
}

uint64_t HashSites(std::span<const uint32_t> sites) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ sites.size();
  for (uint32_t s : sites) {
    h ^= s + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    h *= 0xFF51AFD7ED558CCDULL;
  }
  return h ^ (h >> 29);
}

}  // namespace

double CoverageModel::CoverableWeight() const {
  double sum = 0;
  for (double w : row_weight) sum += w;
  return sum;
}

CoverageModel MakeCoverageModel(std::span<const double> weight, std::span<const uint8_t> existing,
                                const std::vector<std::vector<uint32_t>>& site_points,
                                std::span<const uint32_t> point_order) {
  CoverageModel m;
  const std::size_t n = weight.size();
  m.site_count = static_cast<int>(site_points.size());
  m.demand_points = n;
  auto is_existing = [&](std::size_t p) { return !existing.empty() && existing[p] != 0; };

  // Point → sites (ascending, as sites are scanned in order), for the points still open.
  std::vector<uint64_t> point_begin(n + 1, 0);
  for (const auto& points : site_points) {
    for (uint32_t p : points) {
      if (!is_existing(p)) ++point_begin[p + 1];
    }
  }
  for (std::size_t p = 0; p < n; ++p) point_begin[p + 1] += point_begin[p];
  std::vector<uint32_t> point_sites(point_begin[n]);
  {
    std::vector<uint64_t> fill(point_begin.begin(), point_begin.end() - 1);
    for (std::size_t j = 0; j < site_points.size(); ++j) {
      for (uint32_t p : site_points[j]) {
        if (!is_existing(p)) point_sites[fill[p]++] = static_cast<uint32_t>(j);
      }
    }
  }

  // Merge points with identical site sets into rows (open addressing on the sets' hashes).
  std::size_t capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  std::vector<uint32_t> slot(capacity, UINT32_MAX);  // row id
  std::vector<uint64_t> row_hash;
  std::vector<uint32_t> row_point;  // a representative point of each row
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t p = point_order.empty() ? i : point_order[i];
    m.total_weight += weight[p];
    if (is_existing(p)) {
      m.existing_weight += weight[p];
      ++m.existing_points;
      continue;
    }
    const std::span<const uint32_t> sites(point_sites.data() + point_begin[p],
                                          point_sites.data() + point_begin[p + 1]);
    if (sites.empty()) {
      m.uncoverable_weight += weight[p];
      ++m.uncoverable_points;
      continue;
    }
    const uint64_t h = HashSites(sites);
    std::size_t s = h & (capacity - 1);
    while (true) {
      const uint32_t row = slot[s];
      if (row == UINT32_MAX) {
        slot[s] = static_cast<uint32_t>(m.row_weight.size());
        m.row_weight.push_back(weight[p]);
        row_hash.push_back(h);
        row_point.push_back(static_cast<uint32_t>(p));
        break;
      }
      if (row_hash[row] == h) {
        const uint32_t q = row_point[row];
        if (std::equal(sites.begin(), sites.end(), point_sites.begin() + static_cast<std::ptrdiff_t>(point_begin[q]),
                       point_sites.begin() + static_cast<std::ptrdiff_t>(point_begin[q + 1]))) {
          m.row_weight[row] += weight[p];
          break;
        }
      }
      s = (s + 1) & (capacity - 1);
    }
  }
  slot = {};

  const std::size_t rows = m.row_weight.size();
  m.row_begin.assign(rows + 1, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    const uint32_t q = row_point[r];
    m.row_begin[r + 1] = m.row_begin[r] + (point_begin[q + 1] - point_begin[q]);
  }
  m.row_sites.resize(m.row_begin[rows]);
  for (std::size_t r = 0; r < rows; ++r) {
    const uint32_t q = row_point[r];
    std::copy(point_sites.begin() + static_cast<std::ptrdiff_t>(point_begin[q]),
              point_sites.begin() + static_cast<std::ptrdiff_t>(point_begin[q + 1]),
              m.row_sites.begin() + static_cast<std::ptrdiff_t>(m.row_begin[r]));
  }
  point_sites = {};
  point_begin = {};

  m.site_begin.assign(static_cast<std::size_t>(m.site_count) + 1, 0);
  for (uint32_t j : m.row_sites) ++m.site_begin[j + 1];
  for (int j = 0; j < m.site_count; ++j) m.site_begin[j + 1] += m.site_begin[j];
  m.site_rows.resize(m.row_sites.size());
  std::vector<uint64_t> fill(m.site_begin.begin(), m.site_begin.end() - 1);
  for (std::size_t r = 0; r < rows; ++r) {
    for (uint32_t j : m.SitesOf(static_cast<int>(r))) m.site_rows[fill[j]++] = static_cast<uint32_t>(r);
  }
  return m;
}

CoverageModel BuildCoverageModel(std::span<const DemandPoint> demand, std::span<const GeoPoint> sites,
                                 std::span<const GeoPoint> existing, double radius_m, int threads,
                                 const ProgressFn& progress) {
  std::vector<GeoPoint> locations(demand.size());
  std::vector<double> weight(demand.size());
  for (std::size_t p = 0; p < demand.size(); ++p) {
    locations[p] = demand[p].location;
    weight[p] = demand[p].weight;
  }
  const SphereIndex index(locations);
  locations = {};
  if (progress) progress(fmt::format("已索引 {} 个需求点 (demand points indexed)", demand.size()));

  std::vector<uint8_t> covered(demand.size(), 0);
  for (const GeoPoint& s : existing) {
    index.ForEachWithin(s, radius_m, [&](uint32_t p) { covered[p] = 1; });
  }

  std::vector<std::vector<uint32_t>> site_points(sites.size());
  std::atomic<std::size_t> next{0};
  constexpr std::size_t kChunk = 64;
  auto work = [&] {
    while (true) {
      const std::size_t begin = next.fetch_add(kChunk);
      if (begin >= sites.size()) return;
      const std::size_t end = std::min(sites.size(), begin + kChunk);
      for (std::size_t j = begin; j < end; ++j) {
        auto& list = site_points[j];
        index.ForEachWithin(sites[j], radius_m, [&](uint32_t p) {
          if (!covered[p]) list.push_back(p);
        });
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (progress) {
    std::size_t pairs = 0;
    for (const auto& l : site_points) pairs += l.size();
    progress(fmt::format("覆盖集合 coverage sets：{} 个站点–需求点对", pairs));
  }
  CoverageModel m = MakeCoverageModel(weight, covered, site_points, SpatialOrder(demand));
  if (progress) {
    progress(fmt::format("模型 model：{} 个需求行（覆盖相同的点已合并），{} 个候选站点，{} 个非零元",
                         m.row_count(), m.site_count, m.site_rows.size()));
  }
  return m;
}

}  // namespace yz
