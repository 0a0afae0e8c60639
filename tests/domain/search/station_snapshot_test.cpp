#include "domain/stations/search/station_snapshot.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "domain/search/station_oracle.h"

namespace yz {
namespace {

using namespace search_testing;

// A small town grid around an origin whose coordinates are exact in binary, so that stations
// placed symmetrically east and west of it are at exactly equal haversine distances.
constexpr double kLat0 = 36.875;
constexpr double kLng0 = 118.75;

std::vector<std::string> NearestCodes(const StationSnapshot& snapshot, const SearchQuery& q) {
  Result<std::vector<StationHit>> hits = snapshot.Nearest(q);
  EXPECT_TRUE(hits.ok());
  return hits.ok() ? Codes(*hits) : std::vector<std::string>{};
}

TEST(StationSnapshotTest, OrdersByDistance) {
  auto snapshot = StationSnapshot::Build({
      MakeStation("far", At(kLat0 + 0.03, kLng0)),
      MakeStation("near", At(kLat0 + 0.001, kLng0)),
      MakeStation("middle", At(kLat0, kLng0 - 0.01)),
  });
  Result<std::vector<StationHit>> hits = snapshot->Nearest(QueryAt(At(kLat0, kLng0)));
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(Codes(*hits), (std::vector<std::string>{"near", "middle", "far"}));
  EXPECT_DOUBLE_EQ((*hits)[0].distance_m,
                   DistanceMeters(At(kLat0, kLng0), At(kLat0 + 0.001, kLng0)));
  EXPECT_NEAR((*hits)[0].distance_m, 111.2, 0.1);
}

TEST(StationSnapshotTest, BreaksDistanceTiesByCode) {
  // b and c share a point; a and d are mirror images east and west of the origin.
  auto snapshot = StationSnapshot::Build({
      MakeStation("d", At(kLat0, kLng0 + 0.125)),
      MakeStation("c", At(kLat0 + 0.01, kLng0)),
      MakeStation("b", At(kLat0 + 0.01, kLng0)),
      MakeStation("a", At(kLat0, kLng0 - 0.125)),
  });
  const GeoPoint origin = At(kLat0, kLng0);
  ASSERT_EQ(DistanceMeters(origin, At(kLat0, kLng0 + 0.125)),
            DistanceMeters(origin, At(kLat0, kLng0 - 0.125)));
  EXPECT_EQ(NearestCodes(*snapshot, QueryAt(origin)),
            (std::vector<std::string>{"b", "c", "a", "d"}));
  EXPECT_EQ(NearestCodes(*snapshot, QueryAt(origin, 1)), (std::vector<std::string>{"b"}));
  EXPECT_EQ(NearestCodes(*snapshot, QueryAt(origin, 3)), (std::vector<std::string>{"b", "c", "a"}));
}

TEST(StationSnapshotTest, LimitKeepsTheNearest) {
  std::vector<Station> stations;
  for (int i = 0; i < 50; ++i) {
    stations.push_back(MakeStation("s" + std::to_string(100 + i), At(kLat0 + 0.001 * i, kLng0)));
  }
  auto snapshot = StationSnapshot::Build(stations);
  EXPECT_EQ(NearestCodes(*snapshot, QueryAt(At(kLat0, kLng0), 3)),
            (std::vector<std::string>{"s100", "s101", "s102"}));
  EXPECT_EQ(NearestCodes(*snapshot, QueryAt(At(kLat0, kLng0), 100)).size(), 50u);
}

TEST(StationSnapshotTest, RadiusIsInclusive) {
  const GeoPoint origin = At(kLat0, kLng0);
  const GeoPoint edge = At(kLat0 + 0.009, kLng0 + 0.004);
  auto snapshot = StationSnapshot::Build(
      {MakeStation("edge", edge), MakeStation("inside", At(kLat0 + 0.001, kLng0))});
  const double d = DistanceMeters(origin, edge);
  SearchQuery q = QueryAt(origin);
  q.radius_m = d;
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"inside", "edge"}));
  q.radius_m = std::nextafter(d, 0.0);
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"inside"}));
  q.radius_m = 1.0;
  EXPECT_TRUE(NearestCodes(*snapshot, q).empty());
}

TEST(StationSnapshotTest, KeepsOnlyOpenStations) {
  std::vector<Station> stations;
  const StationStatus statuses[] = {StationStatus::kPlanned, StationStatus::kBuilding,
                                    StationStatus::kOpen, StationStatus::kSuspended,
                                    StationStatus::kClosed};
  for (StationStatus status : statuses) {
    Station s = MakeStation(std::string(StationStatusCode(status)), At(kLat0, kLng0));
    s.status = status;
    stations.push_back(s);
  }
  auto snapshot = StationSnapshot::Build(stations);
  EXPECT_EQ(snapshot->size(), 1u);
  EXPECT_EQ(NearestCodes(*snapshot, QueryAt(At(kLat0, kLng0))), (std::vector<std::string>{"open"}));
  ASSERT_NE(snapshot->FindByCode("open"), nullptr);
  EXPECT_EQ(snapshot->FindByCode("open")->code, "open");
  EXPECT_EQ(snapshot->FindByCode("suspended"), nullptr);
  EXPECT_EQ(snapshot->FindByCode("closed"), nullptr);
  EXPECT_EQ(snapshot->FindByCode("nowhere"), nullptr);
}

TEST(StationSnapshotTest, FindsEveryOpenStationByCode) {
  std::vector<Station> stations;
  for (int i = 0; i < 300; ++i) {
    stations.push_back(
        MakeStation("SG-" + std::to_string(i * 7919 % 1000), At(kLat0 + 0.0001 * i, kLng0)));
  }
  auto snapshot = StationSnapshot::Build(stations);
  for (const Station& s : stations) {
    const Station* found = snapshot->FindByCode(s.code);
    ASSERT_NE(found, nullptr) << s.code;
    EXPECT_EQ(found->location, s.location);
  }
  EXPECT_EQ(snapshot->FindByCode("SG-"), nullptr);
  EXPECT_EQ(snapshot->FindByCode(""), nullptr);
}

TEST(StationSnapshotTest, BrokenAmenityDoesNotSatisfyFilter) {
  Station working = MakeStation("working", At(kLat0 + 0.02, kLng0));
  working.amenities = {{Amenity::kMicrowave, AmenityState::kWorking}};
  Station broken = MakeStation("broken", At(kLat0 + 0.001, kLng0));
  broken.amenities = {{Amenity::kMicrowave, AmenityState::kBroken}};
  Station missing = MakeStation("missing", At(kLat0 + 0.002, kLng0));
  missing.amenities = {{Amenity::kMicrowave, AmenityState::kMissing}};
  Station none = MakeStation("none", At(kLat0 + 0.003, kLng0));
  auto snapshot = StationSnapshot::Build({working, broken, missing, none});
  SearchQuery q = QueryAt(At(kLat0, kLng0));
  Include(q.amenities, Amenity::kMicrowave);
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"working"}));
}

TEST(StationSnapshotTest, RequiresEveryAmenityAndService) {
  Station both = MakeStation("both", At(kLat0 + 0.03, kLng0));
  both.amenities = {{Amenity::kToilet}, {Amenity::kAed}};
  both.services = {Service::kUnionEnrollment, Service::kLegalAid};
  Station toilet_only = MakeStation("toilet_only", At(kLat0 + 0.001, kLng0));
  toilet_only.amenities = {{Amenity::kToilet}};
  toilet_only.services = {Service::kLegalAid};
  Station aed_only = MakeStation("aed_only", At(kLat0 + 0.002, kLng0));
  aed_only.amenities = {{Amenity::kAed}};
  aed_only.services = {Service::kUnionEnrollment};
  auto snapshot = StationSnapshot::Build({both, toilet_only, aed_only});

  SearchQuery q = QueryAt(At(kLat0, kLng0));
  Include(q.amenities, Amenity::kToilet);
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"toilet_only", "both"}));
  Include(q.amenities, Amenity::kAed);
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"both"}));

  SearchQuery s = QueryAt(At(kLat0, kLng0));
  Include(s.services, Service::kLegalAid);
  EXPECT_EQ(NearestCodes(*snapshot, s), (std::vector<std::string>{"toilet_only", "both"}));
  Include(s.services, Service::kUnionEnrollment);
  EXPECT_EQ(NearestCodes(*snapshot, s), (std::vector<std::string>{"both"}));
  Include(s.services, Service::kMediation);
  EXPECT_TRUE(NearestCodes(*snapshot, s).empty());
}

TEST(StationSnapshotTest, RareAmenityFindsOnlyWorkingOnesAmongMany) {
  // 400 stations, 4 list an AED (rare enough for a tree of its own): one broken, one without the
  // required service, one far away.
  std::vector<Station> stations;
  for (int i = 0; i < 400; ++i) {
    Station s = MakeStation("plain" + std::to_string(i),
                            At(kLat0 + 0.0005 * (i % 20), kLng0 + 0.0005 * (i / 20)));
    s.services = {Service::kLegalAid};
    stations.push_back(s);
  }
  Station broken = MakeStation("aed_broken", At(kLat0, kLng0));
  broken.amenities = {{Amenity::kAed, AmenityState::kBroken}};
  broken.services = {Service::kLegalAid};
  Station no_service = MakeStation("aed_no_service", At(kLat0 + 0.001, kLng0));
  no_service.amenities = {{Amenity::kAed}};
  Station near = MakeStation("aed_near", At(kLat0 + 0.002, kLng0));
  near.amenities = {{Amenity::kAed}};
  near.services = {Service::kLegalAid};
  Station far = MakeStation("aed_far", At(kLat0 + 1.0, kLng0));
  far.amenities = {{Amenity::kAed}, {Amenity::kToilet}};
  far.services = {Service::kLegalAid};
  for (const Station& s : {broken, no_service, near, far}) stations.push_back(s);
  auto snapshot = StationSnapshot::Build(stations);

  SearchQuery q = QueryAt(At(kLat0, kLng0));
  Include(q.amenities, Amenity::kAed);
  EXPECT_EQ(NearestCodes(*snapshot, q),
            (std::vector<std::string>{"aed_no_service", "aed_near", "aed_far"}));
  Include(q.services, Service::kLegalAid);
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"aed_near", "aed_far"}));
  q.radius_m = 50'000.0;
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"aed_near"}));
  Include(q.amenities, Amenity::kToilet);
  EXPECT_TRUE(NearestCodes(*snapshot, q).empty());
}

TEST(StationSnapshotTest, HostTypesAreAnyOfAndUnknownNeverMatches) {
  Station bank = MakeStation("bank", At(kLat0 + 0.001, kLng0));
  bank.host_type = HostType::kBank;
  Station gas = MakeStation("gas", At(kLat0 + 0.002, kLng0));
  gas.host_type = HostType::kGasStation;
  Station unknown = MakeStation("unknown", At(kLat0 + 0.0005, kLng0));
  Station union_hall = MakeStation("union", At(kLat0 + 0.003, kLng0));
  union_hall.host_type = HostType::kUnion;
  auto snapshot = StationSnapshot::Build({bank, gas, unknown, union_hall});

  SearchQuery q = QueryAt(At(kLat0, kLng0));
  EXPECT_EQ(NearestCodes(*snapshot, q).size(), 4u);
  Include(q.host_types, HostType::kUnion);
  Include(q.host_types, HostType::kBank);
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"bank", "union"}));
}

TEST(StationSnapshotTest, OpenNowOnlyKeepsStationsKnownToBeOpen) {
  Station office = MakeStation("office", At(kLat0 + 0.001, kLng0));
  office.opening_hours = Hours("Mo-Fr 08:00-18:00");
  Station always = MakeStation("always", At(kLat0 + 0.002, kLng0));
  always.opening_hours = Hours("24/7");
  Station night = MakeStation("night", At(kLat0 + 0.003, kLng0));
  night.opening_hours = Hours("22:00-06:00");
  Station unknown = MakeStation("unknown", At(kLat0 + 0.0005, kLng0));
  auto snapshot = StationSnapshot::Build({office, always, night, unknown});

  SearchQuery q = QueryAt(At(kLat0, kLng0));
  q.at = LocalTime{.weekday = 2, .minute_of_day = 9 * 60};  // Wednesday 09:00
  Result<std::vector<StationHit>> all = snapshot->Nearest(q);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(Codes(*all), (std::vector<std::string>{"unknown", "office", "always", "night"}));
  EXPECT_EQ((*all)[0].open_now, std::nullopt);
  EXPECT_EQ((*all)[1].open_now, std::optional<bool>(true));
  EXPECT_EQ((*all)[2].open_now, std::optional<bool>(true));
  EXPECT_EQ((*all)[3].open_now, std::optional<bool>(false));

  q.open_now_only = true;
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"office", "always"}));
  q.at = LocalTime{.weekday = 6, .minute_of_day = 3 * 60};  // Sunday 03:00, Saturday's night span
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"always", "night"}));
  q.at = LocalTime{.weekday = 5, .minute_of_day = 12 * 60};  // Saturday noon
  EXPECT_EQ(NearestCodes(*snapshot, q), (std::vector<std::string>{"always"}));
}

TEST(StationSnapshotTest, RejectsInvalidQueries) {
  auto snapshot = StationSnapshot::Build({MakeStation("a", At(kLat0, kLng0))});
  const auto rejected = [&](const SearchQuery& q) {
    Result<std::vector<StationHit>> r = snapshot->Nearest(q);
    return !r.ok() && r.error().code == ErrorCode::kInvalidArgument;
  };
  SearchQuery q = QueryAt(At(kLat0, kLng0));
  EXPECT_FALSE(rejected(q));
  q.limit = 0;
  EXPECT_TRUE(rejected(q));
  q.limit = 101;
  EXPECT_TRUE(rejected(q));
  q.limit = 100;
  EXPECT_FALSE(rejected(q));
  q.radius_m = 0.0;
  EXPECT_TRUE(rejected(q));
  q.radius_m = -5.0;
  EXPECT_TRUE(rejected(q));
  q.radius_m = std::nan("");
  EXPECT_TRUE(rejected(q));
  q.radius_m = 500.0;
  EXPECT_FALSE(rejected(q));
  EXPECT_TRUE(rejected(QueryAt(At(91.0, 0.0))));
  EXPECT_TRUE(rejected(QueryAt(At(0.0, -180.5))));
  SearchQuery late = QueryAt(At(kLat0, kLng0));
  late.at.minute_of_day = 1440;
  EXPECT_TRUE(rejected(late));
}

TEST(StationSnapshotTest, EmptySnapshotFindsNothing) {
  for (const auto& snapshot : {StationSnapshot::Empty(), StationSnapshot::Build({})}) {
    Result<std::vector<StationHit>> hits = snapshot->Nearest(QueryAt(At(kLat0, kLng0)));
    ASSERT_TRUE(hits.ok());
    EXPECT_TRUE(hits->empty());
    EXPECT_EQ(snapshot->FindByCode("a"), nullptr);
    EXPECT_GT(snapshot->MemoryBytes(), 0u);
  }
}

TEST(StationSnapshotTest, ReusesTheCallersVector) {
  auto snapshot = StationSnapshot::Build(
      {MakeStation("a", At(kLat0, kLng0)), MakeStation("b", At(kLat0 + 0.01, kLng0))});
  std::vector<StationHit> out(5);
  ASSERT_TRUE(snapshot->Nearest(QueryAt(At(kLat0, kLng0)), out).ok());
  EXPECT_EQ(Codes(out), (std::vector<std::string>{"a", "b"}));
  SearchQuery bad = QueryAt(At(kLat0, kLng0), 0);
  EXPECT_FALSE(snapshot->Nearest(bad, out).ok());
  EXPECT_TRUE(out.empty());
}

TEST(StationSnapshotTest, MemoryGrowsWithStations) {
  std::vector<Station> stations;
  for (int i = 0; i < 1000; ++i) {
    stations.push_back(MakeStation("m" + std::to_string(i), At(kLat0 + 0.0001 * i, kLng0)));
  }
  auto small = StationSnapshot::Build({stations[0]});
  auto large = StationSnapshot::Build(stations);
  EXPECT_GT(large->MemoryBytes(), small->MemoryBytes() + 999 * sizeof(Station));
  EXPECT_GT(large->IndexMemoryBytes(), 1000 * 40u);
  EXPECT_LT(large->IndexMemoryBytes(), large->MemoryBytes());
}

void ExpectSameAsBruteForce(const StationSnapshot& snapshot, const std::vector<Station>& stations,
                            const SearchQuery& q, int query_number) {
  Result<std::vector<StationHit>> got = snapshot.Nearest(q);
  ASSERT_TRUE(got.ok());
  const std::vector<StationHit> want = BruteForce(stations, q);
  ASSERT_EQ(Codes(*got), Codes(want)) << "query " << query_number;
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ((*got)[i].distance_m, want[i].distance_m);
    EXPECT_EQ((*got)[i].open_now, want[i].open_now);
  }
}

TEST(StationSnapshotTest, MatchesBruteForceOnRandomStationsAcrossChina) {
  RandomStations random(20250701);
  std::vector<GeoPoint> cities;
  for (int c = 0; c < 30; ++c)
    cities.push_back(At(random.Uniform(20, 48), random.Uniform(80, 130)));
  std::vector<Station> stations;
  for (int i = 0; i < 4000; ++i) {
    GeoPoint where;
    const double r = random.Uniform(0, 1);
    if (r < 0.7) {
      const GeoPoint c = cities[random.Int(0, cities.size() - 1)];
      where = At(c.lat.degrees() + random.Uniform(-0.2, 0.2),
                 c.lng.degrees() + random.Uniform(-0.2, 0.2));
    } else if (r < 0.8 && !stations.empty()) {
      where = stations[random.Int(0, stations.size() - 1)].location;  // an exact tie
    } else {
      where = At(random.Uniform(18, 53.5), random.Uniform(73.5, 135));
    }
    stations.push_back(random.Make(i, where));
  }
  auto snapshot = StationSnapshot::Build(stations);
  for (int k = 0; k < 3000; ++k) {
    GeoPoint origin;
    if (k % 3 == 0) {
      const GeoPoint c = cities[random.Int(0, cities.size() - 1)];
      origin = At(c.lat.degrees() + random.Uniform(-0.3, 0.3),
                  c.lng.degrees() + random.Uniform(-0.3, 0.3));
    } else if (k % 3 == 1) {
      origin = stations[random.Int(0, stations.size() - 1)].location;
    } else {
      origin = At(random.Uniform(-90, 90), random.Uniform(-180, 180));  // anywhere on Earth
    }
    ExpectSameAsBruteForce(*snapshot, stations, random.Query(origin), k);
    if (HasFatalFailure()) return;
  }
}

TEST(StationSnapshotTest, MatchesBruteForceNearAntimeridianAndPoles) {
  RandomStations random(7);
  std::vector<Station> stations;
  for (int i = 0; i < 1500; ++i) {
    GeoPoint where;
    switch (i % 4) {
      case 0:
        where = At(random.Uniform(-60, 60), random.Uniform(179, 180));
        break;
      case 1:
        where = At(random.Uniform(-60, 60), random.Uniform(-180, -179));
        break;
      case 2:
        where = At(random.Uniform(89, 90), random.Uniform(-180, 180));
        break;
      default:
        where = At(random.Uniform(-90, -89.5), random.Uniform(-180, 180));
        break;
    }
    stations.push_back(random.Make(i, where));
  }
  stations.push_back(random.Make(9001, At(90, 0)));
  stations.push_back(random.Make(9002, At(90, 123)));  // the same point as the one above
  stations.push_back(random.Make(9003, At(-90, -45)));
  stations.push_back(random.Make(9004, At(0, 180)));
  stations.push_back(random.Make(9005, At(0, -180)));  // the same point again
  auto snapshot = StationSnapshot::Build(stations);
  const GeoPoint fixed[] = {At(90, 0), At(-90, 0), At(0, 180), At(0, -180), At(89.9999, 179.9999),
                            At(0, 0) /* antipodal to the antimeridian stations */};
  int k = 0;
  for (GeoPoint origin : fixed) {
    ExpectSameAsBruteForce(*snapshot, stations, QueryAt(origin, 100), k++);
    ExpectSameAsBruteForce(*snapshot, stations, random.Query(origin), k++);
  }
  for (; k < 1500; ++k) {
    const double r = random.Uniform(0, 1);
    const GeoPoint origin =
        r < 0.3   ? At(random.Uniform(-60, 60), random.Uniform(-180, 180) > 0 ? 179.9 : -179.9)
        : r < 0.6 ? At(random.Uniform(88, 90), random.Uniform(-180, 180))
        : r < 0.8 ? At(random.Uniform(-90, -88), random.Uniform(-180, 180))
                  : At(random.Uniform(-90, 90), random.Uniform(-180, 180));
    ExpectSameAsBruteForce(*snapshot, stations, random.Query(origin), k);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace yz
