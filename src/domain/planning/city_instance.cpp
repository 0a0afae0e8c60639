#include "domain/planning/city_instance.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "domain/planning/random.h"

namespace yz {
namespace {

constexpr double kMetersPerDegree = std::numbers::pi * kEarthRadiusMeters / 180.0;

struct Xy {
  double x, y;  // metres east and north of the centre
};

struct City {
  const CityInstanceOptions& o;
  GeoPoint ToGeo(Xy p) const {
    const double lat = o.center_lat + p.y / kMetersPerDegree;
    const double lng = o.center_lng + p.x / (kMetersPerDegree * std::cos(o.center_lat * std::numbers::pi / 180));
    return {Latitude(lat), Longitude(lng)};
  }
};

// A place drawn around the centre, denser inwards (exponential radius, capped).
Xy CityPlace(SplitMix64& rng, double reach_m) {
  const double r = std::min(rng.Exponential(reach_m / 3.5), reach_m);
  const double a = rng.Uniform(0, 2 * std::numbers::pi);
  return {r * std::cos(a), r * std::sin(a)};
}

Xy Around(SplitMix64& rng, Xy c, double sigma_m) {
  return {c.x + sigma_m * rng.Normal(), c.y + sigma_m * rng.Normal()};
}

struct Road {
  Xy from, to;
};

struct GroupShare {
  WorkerCategory group;
  double share;
};

constexpr GroupShare kShares[] = {
    {WorkerCategory::kSanitation, 0.25}, {WorkerCategory::kDelivery, 0.30},
    {WorkerCategory::kCourier, 0.18},    {WorkerCategory::kDriver, 0.07},
    {WorkerCategory::kConstruction, 0.06}, {WorkerCategory::kLandscaping, 0.05},
    {WorkerCategory::kTrafficPolice, 0.04}, {WorkerCategory::kDomestic, 0.05},
};

struct HostShare {
  HostType type;
  double share;
  double min_cost, max_cost;  // yuan
};

constexpr HostShare kHosts[] = {
    {HostType::kCommunityCenter, 0.25, 10'000, 25'000}, {HostType::kBank, 0.20, 25'000, 45'000},
    {HostType::kCommercial, 0.18, 20'000, 50'000},     {HostType::kPostExpress, 0.10, 15'000, 30'000},
    {HostType::kGasStation, 0.08, 30'000, 55'000},     {HostType::kGovernment, 0.06, 8'000, 20'000},
    {HostType::kEnterprise, 0.05, 20'000, 40'000},     {HostType::kTransit, 0.04, 30'000, 60'000},
    {HostType::kSanitation, 0.04, 5'000, 15'000},
};

template <class T, std::size_t N>
const T& Pick(SplitMix64& rng, const T (&table)[N]) {
  double u = rng.Uniform(), total = 0;
  for (const T& t : table) total += t.share;
  u *= total;
  for (const T& t : table) {
    if (u < t.share) return t;
    u -= t.share;
  }
  return table[N - 1];
}

}  // namespace

CityInstanceOptions CitySizedLike(std::size_t demand_points, std::size_t candidates, uint64_t seed) {
  CityInstanceOptions o;
  o.demand_points = demand_points;
  o.candidates = candidates;
  o.seed = seed;
  o.hot_spot_scale = static_cast<double>(demand_points) / 1e6;
  o.radius_km = 30 * std::sqrt(o.hot_spot_scale);
  return o;
}

CoverageModel CandidateCoverageModel(const CityInstance& city, double radius_m, int threads) {
  std::vector<GeoPoint> sites;
  sites.reserve(city.candidates.size());
  for (const auto& c : city.candidates) sites.push_back(c.location);
  return BuildCoverageModel(city.demand, sites, {}, radius_m, threads);
}

CityInstance GenerateCityInstance(const CityInstanceOptions& o) {
  SplitMix64 rng(o.seed);
  const City city{o};
  const double reach = o.radius_km * 1000;
  CityInstance out;

  // The city's skeleton: district centres, crossroads near them, sorting districts, hubs, roads.
  auto scaled = [&](std::size_t large_city_count) {
    return std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(large_city_count * o.hot_spot_scale)));
  };
  std::vector<Xy> districts(scaled(48));
  for (auto& d : districts) d = CityPlace(rng, reach);
  auto near_district = [&](double sigma) { return Around(rng, districts[rng.Below(districts.size())], sigma); };
  std::vector<Xy> crossroads(scaled(4000)), sorting(scaled(600)), hubs(scaled(120)), sites(scaled(900)),
      parks(scaled(300)), homes(scaled(2000));
  for (auto& c : crossroads) c = near_district(2500);
  for (auto& s : sorting) s = near_district(3000);
  for (auto& h : hubs) h = CityPlace(rng, reach);
  for (auto& s : sites) s = CityPlace(rng, reach);
  for (auto& p : parks) p = near_district(3000);
  for (auto& h : homes) h = near_district(2000);
  std::vector<Road> roads(scaled(6000));
  for (auto& r : roads) {
    r.from = near_district(3500);
    const double length = rng.Uniform(300, 2500);
    // Mostly along the grid of the streets, some diagonal.
    const double angle = rng.Uniform() < 0.8 ? (std::numbers::pi / 2) * static_cast<double>(rng.Below(4))
                                             : rng.Uniform(0, 2 * std::numbers::pi);
    r.to = {r.from.x + length * std::cos(angle), r.from.y + length * std::sin(angle)};
  }

  out.demand.reserve(o.demand_points);
  for (std::size_t i = 0; i < o.demand_points; ++i) {
    const WorkerCategory group = Pick(rng, kShares).group;
    Xy p{};
    double weight = 1;
    switch (group) {
      case WorkerCategory::kSanitation: {
        const Road& r = roads[rng.Below(roads.size())];
        const double t = rng.Uniform();
        p = Around(rng, {r.from.x + t * (r.to.x - r.from.x), r.from.y + t * (r.to.y - r.from.y)}, 15);
        weight = 1 + static_cast<double>(rng.Below(4));
        break;
      }
      case WorkerCategory::kDelivery:
        p = Around(rng, crossroads[rng.Below(crossroads.size())], 70);
        weight = 1 + static_cast<double>(rng.Below(8));
        break;
      case WorkerCategory::kCourier:
        p = Around(rng, sorting[rng.Below(sorting.size())], 450);
        weight = 1 + static_cast<double>(rng.Below(5));
        break;
      case WorkerCategory::kDriver:
        p = Around(rng, hubs[rng.Below(hubs.size())], 150);
        weight = 1 + static_cast<double>(rng.Below(10));
        break;
      case WorkerCategory::kConstruction:
        p = Around(rng, sites[rng.Below(sites.size())], 60);
        weight = 5 + static_cast<double>(rng.Below(30));
        break;
      case WorkerCategory::kLandscaping:
        p = Around(rng, parks[rng.Below(parks.size())], 200);
        weight = 1 + static_cast<double>(rng.Below(3));
        break;
      case WorkerCategory::kTrafficPolice:
        p = Around(rng, crossroads[rng.Below(crossroads.size())], 20);
        weight = 1 + static_cast<double>(rng.Below(2));
        break;
      default:
        p = Around(rng, homes[rng.Below(homes.size())], 300);
        weight = 1;
        break;
    }
    out.demand.push_back({city.ToGeo(p), weight, group});
  }

  // Candidates: most near where the work is, the rest anywhere in the city.
  out.candidates.reserve(o.candidates);
  for (std::size_t i = 0; i < o.candidates; ++i) {
    const HostShare& host = Pick(rng, kHosts);
    Xy p{};
    const double u = rng.Uniform();
    if (u < 0.35) p = Around(rng, crossroads[rng.Below(crossroads.size())], 250);
    else if (u < 0.55) p = Around(rng, sorting[rng.Below(sorting.size())], 600);
    else if (u < 0.75) {
      const Road& r = roads[rng.Below(roads.size())];
      const double t = rng.Uniform();
      p = Around(rng, {r.from.x + t * (r.to.x - r.from.x), r.from.y + t * (r.to.y - r.from.y)}, 80);
    } else {
      p = near_district(4000);
    }
    CandidateSite c;
    c.id = fmt::format("C{:06d}", i + 1);
    c.location = c.input_location = city.ToGeo(p);
    c.cost = std::round(rng.Uniform(host.min_cost, host.max_cost) / 100) * 100;
    c.host_type = host.type;
    c.line = static_cast<int>(i + 2);
    out.candidates.push_back(std::move(c));
  }

  for (std::size_t i = 0; i < o.stations; ++i) {
    const std::size_t d = rng.Below(districts.size());
    ExistingStation s;
    s.code = fmt::format("S{:05d}", i + 1);
    s.location = city.ToGeo(Around(rng, districts[d], 1500));
    s.region = fmt::format("3201{:02d}", d % 12 + 2);
    out.stations.push_back(std::move(s));
  }
  return out;
}

std::string FormatDemandFile(const std::vector<DemandPoint>& demand) {
  std::string out = "lng,lat,weight,group\n";
  out.reserve(demand.size() * 36);
  for (const DemandPoint& d : demand) {
    fmt::format_to(std::back_inserter(out), "{:.6f},{:.6f},{},{}\n", d.location.lng.degrees(),
                   d.location.lat.degrees(), d.weight, d.group ? WorkerCategoryCode(*d.group) : "");
  }
  return out;
}

std::string FormatCandidateFile(const std::vector<CandidateSite>& candidates) {
  std::string out = "id,lng,lat,cost,host_type\n";
  for (const CandidateSite& c : candidates) {
    fmt::format_to(std::back_inserter(out), "{},{:.6f},{:.6f},{},{}\n", c.id, c.location.lng.degrees(),
                   c.location.lat.degrees(), c.cost.value_or(0), c.host_type ? HostTypeCode(*c.host_type) : "");
  }
  return out;
}

std::string FormatStationFileForInstance(const std::vector<ExistingStation>& stations) {
  std::string out = "code,name,lng,lat,region,status\n";
  for (const ExistingStation& s : stations) {
    fmt::format_to(std::back_inserter(out), "{},合成驿站 {},{:.6f},{:.6f},{},open\n", s.code, s.code,
                   s.location.lng.degrees(), s.location.lat.degrees(), s.region);
  }
  return out;
}

}  // namespace yz
