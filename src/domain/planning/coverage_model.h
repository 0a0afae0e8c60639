// The covering structure the site-selection models share: demand rows against candidate sites.
//
// Demand points already covered by an existing station, and points that no candidate covers,
// are left out (their weight is kept in the totals). The remaining points are merged into rows:
// points covered by exactly the same set of candidates become one row whose weight is their
// sum. Merging identical rows changes neither the maximal-covering nor the set-covering optimum.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "core/geo.h"
#include "domain/planning/planning_input.h"

namespace yz {

// Receives short progress messages from long computations (for standard error).
using ProgressFn = std::function<void(std::string_view)>;

struct CoverageModel {
  int site_count = 0;
  std::vector<double> row_weight;     // > 0 not required; every row is covered by >= 1 site
  std::vector<uint64_t> site_begin;   // site j covers site_rows[site_begin[j] .. site_begin[j+1])
  std::vector<uint32_t> site_rows;    //   ascending
  std::vector<uint64_t> row_begin;    // row r is covered by row_sites[row_begin[r] .. row_begin[r+1])
  std::vector<uint32_t> row_sites;    //   ascending

  double total_weight = 0;            // all demand
  double existing_weight = 0;         // demand within R of an existing station
  double uncoverable_weight = 0;      // demand covered by neither an existing station nor a candidate
  std::size_t demand_points = 0;
  std::size_t existing_points = 0;
  std::size_t uncoverable_points = 0;

  int row_count() const { return static_cast<int>(row_weight.size()); }
  // Total weight of the rows: the most new sites could add.
  double CoverableWeight() const;
  std::span<const uint32_t> RowsOf(int site) const {
    return {site_rows.data() + site_begin[site], site_rows.data() + site_begin[site + 1]};
  }
  std::span<const uint32_t> SitesOf(int row) const {
    return {row_sites.data() + row_begin[row], row_sites.data() + row_begin[row + 1]};
  }
};

// The model of demand points with weights `weight` (one per point), of which those with
// `existing[p]` set are already covered (an empty span: none), and of sites covering the points
// listed in `site_points` (indices into `weight`, any order, no duplicates).
// Rows are numbered in the order their first point comes in `point_order` (a permutation of the
// points; empty: 0, 1, …). BuildCoverageModel passes a spatial order, so that the rows one site
// covers lie close together in memory (the search and the bound read them site by site).
CoverageModel MakeCoverageModel(std::span<const double> weight, std::span<const uint8_t> existing,
                                const std::vector<std::vector<uint32_t>>& site_points,
                                std::span<const uint32_t> point_order = {});

// Computes which demand points each site and each existing station covers (great-circle
// distance <= radius_m, inclusive) and makes the model. `threads` >= 1 share the range queries.
// REQUIRES: 0 < radius_m <= 1,000 km.
CoverageModel BuildCoverageModel(std::span<const DemandPoint> demand, std::span<const GeoPoint> sites,
                                 std::span<const GeoPoint> existing, double radius_m, int threads = 1,
                                 const ProgressFn& progress = {});

}  // namespace yz
