// Coverage analysis of the existing network (`yizhan plan coverage`): how much demand weight lies
// within R and within 2R of an open station, overall, per worker group and per region; each demand
// point's nearest station; and the uncovered demand as clusters ranked by weight.
//
// Region: demand files carry no region, so a demand point counts towards the region of its
// nearest station (the station's region code as stored, "" when the station has none or there is
// no station at all). Distances are great-circle (DistanceMeters); within R is inclusive.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "domain/planning/coverage_model.h"
#include "domain/planning/uncovered_clusters.h"

namespace yz {

struct ExistingStation {
  std::string code;
  GeoPoint location;   // WGS-84
  std::string region;  // may be empty
};

struct CoverageTotals {
  std::size_t points = 0;
  double weight = 0;
  double within_r = 0;   // weight within R of a station
  double within_2r = 0;  // weight within 2R

  double ShareR() const { return weight > 0 ? within_r / weight : 0.0; }
  double Share2R() const { return weight > 0 ? within_2r / weight : 0.0; }
};

struct DistanceSummary {   // weighted by demand, over points that have a nearest station
  double mean_m = 0, median_m = 0, p90_m = 0, max_m = 0;
};

struct CoverageReport {
  double radius_m = 0;
  CoverageTotals overall;
  std::array<CoverageTotals, kWorkerCategoryCount> by_group{};  // indexed by WorkerCategory
  CoverageTotals no_group;                                      // points without a group
  std::map<std::string, CoverageTotals, std::less<>> by_region;             // nearest station's region
  std::vector<int32_t> nearest_station;   // per demand point: index into the stations, -1 if none
  std::vector<double> nearest_m;          // per demand point: distance, +inf if no station
  DistanceSummary distance;
  std::vector<UncoveredCluster> clusters; // the demand beyond R, heaviest first
};

// REQUIRES: radius_m > 0.
CoverageReport AnalyzeCoverage(std::span<const DemandPoint> demand, std::span<const ExistingStation> stations,
                               double radius_m, const ProgressFn& progress = {});

}  // namespace yz
