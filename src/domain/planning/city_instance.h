// A deterministic synthetic planning instance for one large city (tests, benchmarks and the
// `gen-planning-instance` tool). Demand is clustered the way outdoor work is: sanitation crews
// along road sections, delivery riders at crossroads, couriers around sorting districts, drivers
// at transport hubs, and smaller groups elsewhere, denser towards the centre. Candidate sites are
// host premises (banks, community centres, shops, gas stations …) near the demand, with costs in
// yuan by host type. The same options give byte-identical files on every platform that formats
// doubles the same way: only SplitMix64 and its own distributions are used.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/planning/coverage_analysis.h"
#include "domain/planning/coverage_model.h"
#include "domain/planning/planning_input.h"

namespace yz {

struct CityInstanceOptions {
  std::size_t demand_points = 1'000'000;
  std::size_t candidates = 20'000;
  std::size_t stations = 0;        // existing open stations to place
  uint64_t seed = 20250701;
  double center_lat = 32.05;       // the city centre (WGS-84)
  double center_lng = 118.78;
  double radius_km = 30;           // the built-up area's reach
  // How many hot spots the city has (districts, crossroads, sorting districts, hubs, building
  // sites, parks, housing estates, swept roads), relative to the large city's 48 districts and
  // 4,000 crossroads. 1 is the large city (1M workers in 30 km). A smaller city with the large
  // one's workers per crossroad and per km² uses demand_points / 1M and radius 30 km × √ that
  // (CitySizedLike); leaving 1 with fewer workers spreads them thinly over the same skeleton.
  double hot_spot_scale = 1;
};

// Options for a city of `demand_points` workers with the large city's density: its hot spots
// and its area scaled by demand_points / 1,000,000 (see hot_spot_scale).
CityInstanceOptions CitySizedLike(std::size_t demand_points, std::size_t candidates, uint64_t seed);

struct CityInstance {
  std::vector<DemandPoint> demand;
  std::vector<CandidateSite> candidates;  // every one with a cost and a host type
  std::vector<ExistingStation> stations;
};

CityInstance GenerateCityInstance(const CityInstanceOptions& options);

// The instance's candidate sites as a coverage model at `radius_m`, its existing stations not
// counted (what `--no-existing` gives): the model the benchmarks and the solver tests run on.
CoverageModel CandidateCoverageModel(const CityInstance& city, double radius_m, int threads = 1);

// The instance's files: demand `lng,lat,weight,group`; candidates `id,lng,lat,cost,host_type`;
// stations in the station-file format (`code,name,lng,lat,region,host_type,status`). WGS-84,
// LF line ends, 6 decimals of a degree.
std::string FormatDemandFile(const std::vector<DemandPoint>& demand);
std::string FormatCandidateFile(const std::vector<CandidateSite>& candidates);
std::string FormatStationFileForInstance(const std::vector<ExistingStation>& stations);

}  // namespace yz
