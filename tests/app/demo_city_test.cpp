#include "app/demo_city.h"

#include <gtest/gtest.h>

#include <map>
#include <numeric>

#include "app/test_support.h"
#include "storage/open_store.h"

namespace yz {
namespace {

TEST(DemoCity, LoadsShouguangsSeventyStationsOnce) {
  testing::TempDir dir;
  auto store = OpenStore({.data_dir = dir / "data"});
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto loaded = LoadDemoCityIfEmpty(*store);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_TRUE(*loaded);
  auto again = LoadDemoCityIfEmpty(*store);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);

  auto stations = store->stations->ListStations();
  ASSERT_TRUE(stations.ok());
  ASSERT_EQ(stations->size(), 70u);
  std::map<HostType, int> by_host_type;
  int64_t investment_fen = 0;
  int with_aed = 0, towns = 0;
  for (const Station& s : *stations) {
    EXPECT_TRUE(s.host_id.has_value()) << s.code;
    EXPECT_NE(s.name.find("菜乡驿·温暖家"), std::string::npos) << s.code;
    EXPECT_TRUE(s.region.starts_with("370783")) << s.code;
    EXPECT_LT(DistanceMeters(s.location, GeoPoint{Latitude(36.86), Longitude(118.74)}), 40'000)
        << s.code;
    ++by_host_type[s.host_type.value_or(HostType::kOther)];
    investment_fen += s.investment ? s.investment->fen : 0;
    if (s.AmenityStateOf(Amenity::kAed)) ++with_aed;
    if (s.code.starts_with("SG-T")) ++towns;
    for (Amenity a : DefaultStandardAmenities())
      EXPECT_TRUE(s.AmenityStateOf(a).has_value()) << s.code;
  }
  EXPECT_EQ(investment_fen, 2'507'000 * 100);    // 250.7万元
  EXPECT_EQ(by_host_type[HostType::kUnion], 2);  // workers' cultural palace and stadium
  EXPECT_EQ(with_aed, 2);
  EXPECT_EQ(towns, 20);
  EXPECT_EQ(by_host_type[HostType::kSanitation], 5);
  auto hosts = store->hosts->ListHosts();
  ASSERT_TRUE(hosts.ok());
  EXPECT_GE(hosts->size(), 6u);
}

}  // namespace
}  // namespace yz
