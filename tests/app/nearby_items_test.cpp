// The nearby answer's items, written as text (api/public/nearby_items.h), against the JSON object
// that StationToJson builds (the station page and the GeoJSON use it) without amenity_states,
// field by field, and across a catalog swap.
#include "api/public/nearby_items.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cmath>
#include <random>

#include "api/json_text.h"
#include "api/station_json.h"
#include "app/test_support.h"
#include "storage/open_store.h"

namespace yz {
namespace {

Station Rich() {
  Station s;
  s.code = "370783-001";
  s.name = "寿光\"暖心\"驿站 \\ 一号\n";
  s.address = "圣城街道 <b>&</b>\t\x01";
  s.location = {Latitude(36.8551), Longitude(118.7912)};
  s.host_type = HostType::kBank;
  s.level = Level::kCityDemo;
  s.amenities = {{Amenity::kDrinkingWater, AmenityState::kWorking},
                 {Amenity::kMicrowave, AmenityState::kBroken},
                 {Amenity::kToilet, AmenityState::kMissing}};
  s.services = {Service::kLegalAid};
  s.opening_hours = *OpeningHours::Parse("Mo-Fr 08:00-18:00");
  s.phone = "18812342223";
  s.service_phone = "0536-5212345";
  return s;
}

Station Bare() {
  Station s;
  s.code = "B1";
  s.name = "简站";
  s.location = {Latitude(36.86), Longitude(118.80)};
  return s;
}

boost::json::object Expected(const Station& s, Crs crs, std::optional<bool> open,
                             const StationRating& rating, double distance) {
  StationJsonOptions options;
  options.crs = crs;
  options.include_status = false;
  boost::json::object o = StationToJson(s, options);
  o.erase("amenity_states");  // in the station detail only
  o["open_now"] = open ? boost::json::value(*open) : boost::json::value(nullptr);
  o["rating"] = {{"average", rating.average ? boost::json::value(*rating.average)
                                            : boost::json::value(nullptr)},
                 {"count", rating.count}};
  o["distance_m"] = std::round(distance * 10.0) / 10.0;
  return o;
}

boost::json::object Written(const Station& s, Crs crs, std::optional<bool> open,
                            const StationRating& rating, double distance) {
  std::string fragment, item;
  AppendStationFragment(fragment, s);
  AppendCoordinates(fragment, s, crs);
  AppendNearbyItem(item, fragment, open, rating, distance);
  boost::system::error_code ec;
  auto v = boost::json::parse(item, ec);
  EXPECT_FALSE(ec) << item;
  return ec ? boost::json::object{} : v.as_object();
}

// Same members with equal values; numbers compared as numbers (3 and 3.0 alike).
void ExpectSameItem(const boost::json::object& want, const boost::json::object& got) {
  EXPECT_EQ(want.size(), got.size());
  for (const auto& [key, value] : want) {
    SCOPED_TRACE(std::string(key));
    ASSERT_TRUE(got.contains(key));
    const auto& g = got.at(key);
    if (value.is_number() && g.is_number()) {
      EXPECT_DOUBLE_EQ(value.to_number<double>(), g.to_number<double>());
    } else if (key == "rating") {
      EXPECT_EQ(value.at("average").is_null(), g.at("average").is_null());
      if (!value.at("average").is_null()) {
        EXPECT_DOUBLE_EQ(value.at("average").to_number<double>(),
                         g.at("average").to_number<double>());
      }
      EXPECT_EQ(value.at("count").to_number<double>(), g.at("count").to_number<double>());
    } else {
      EXPECT_EQ(value, g);
    }
  }
}

TEST(NearbyItems, EqualTheStationJsonPlusOpenNowRatingAndDistance) {
  const StationRating rated{4.333333333333333, 3};
  for (const Crs crs : {Crs::kWgs84, Crs::kGcj02, Crs::kBd09}) {
    ExpectSameItem(Expected(Rich(), crs, true, rated, 123.456),
                   Written(Rich(), crs, true, rated, 123.456));
    ExpectSameItem(Expected(Bare(), crs, std::nullopt, {}, 0.04),
                   Written(Bare(), crs, std::nullopt, {}, 0.04));
    ExpectSameItem(Expected(Rich(), crs, false, {}, 5000), Written(Rich(), crs, false, {}, 5000));
  }
}

TEST(NearbyItems, DistanceTextIsTheJsonNumberOfTheRoundedDistance) {
  std::mt19937_64 rng(20261122);
  std::uniform_real_distribution<double> metres(0.0, 20'100'000.0);
  std::vector<double> cases = {0.0,  0.04,    0.05,     0.06,      0.95, 1.0,
                               9.95, 123.456, 200000.0, 199999.96, 1e7,  20015086.8};
  for (int i = 0; i < 100000; ++i) cases.push_back(metres(rng));
  for (int i = 0; i < 1000; ++i)
    cases.push_back(std::floor(metres(rng)) + 0.05);  // ties of the rounding
  for (double d : cases) {
    std::string fast, reference;
    AppendDistance(fast, d);
    AppendJsonNumber(reference, std::round(d * 10.0) / 10.0);
    ASSERT_EQ(fast, reference) << d;
  }
}

TEST(NearbyItems, OnlyThePublicLineIsShownAndTextsEscaped) {
  std::string fragment;
  AppendStationFragment(fragment, Rich());
  // Nothing of the manager's own mobile, not even masked.
  EXPECT_EQ(fragment.find("18812342223"), std::string::npos);
  EXPECT_EQ(fragment.find("2223"), std::string::npos);
  EXPECT_NE(fragment.find(R"("service_phone":"0536-5212345")"), std::string::npos);
  EXPECT_NE(fragment.find(R"(\"暖心\")"), std::string::npos);
  EXPECT_NE(fragment.find(R"(\u0001)"), std::string::npos);
}

TEST(NearbyItems, WriterFollowsTheDirectoryAcrossSwaps) {
  testing::TempDir dir;
  auto store = OpenStore({.data_dir = dir / "data"});
  ASSERT_TRUE(store.ok()) << store.error().message;
  StationDirectory directory(*store->stations);
  ASSERT_TRUE(directory.Save(std::vector<Station>{Rich(), Bare()}).ok());
  NearbyItemWriter writer(directory);

  auto first_item = [&] {
    const auto catalog = directory.Current();
    SearchQuery q;
    q.origin = Rich().location;
    q.limit = 1;
    std::vector<StationHit> hits;
    EXPECT_TRUE(catalog->Nearest(q, hits).ok());
    std::string out;
    RatingBook ratings;
    writer.AppendItems(out, *catalog, hits, Crs::kWgs84, ratings);
    std::string gcj;
    writer.AppendItems(gcj, *catalog, hits, Crs::kGcj02, ratings);
    const auto wgs = boost::json::parse(out).as_object();
    const auto other = boost::json::parse(gcj).as_object();
    const GeoPoint expected = FromWgs84(Rich().location, Crs::kGcj02);
    EXPECT_DOUBLE_EQ(other.at("lat").as_double(), expected.lat.degrees());
    EXPECT_DOUBLE_EQ(other.at("lng").as_double(), expected.lng.degrees());
    EXPECT_EQ(other.at("name"), wgs.at("name"));
    return wgs;
  };
  EXPECT_EQ(first_item().at("name"), Rich().name.c_str());

  Station renamed = Rich();
  renamed.name = "改名后的驿站";
  ASSERT_TRUE(directory.Save(std::vector<Station>{renamed}).ok());
  EXPECT_EQ(first_item().at("name"), "改名后的驿站");  // a patched station: written in full
  ASSERT_TRUE(*directory.Fold());
  EXPECT_EQ(first_item().at("name"), "改名后的驿站");  // from the new base's fragments
  EXPECT_GT(writer.MemoryBytes(), 0u);
}

}  // namespace
}  // namespace yz
