#include "domain/stations/station_change.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

Station Before() {
  Station s;
  s.code = "SG-C001";
  s.name = "东城驿站";
  s.location = {Latitude(36.85), Longitude(118.74)};
  s.amenities = {{Amenity::kMicrowave, AmenityState::kWorking},
                 {Amenity::kToilet, AmenityState::kWorking}};
  s.services = {Service::kLegalAid};
  s.manager = "韩桂芝";
  s.phone = "15766269096";
  s.opening_hours = *OpeningHours::Parse("Mo-Fr 08:00-18:00");
  return s;
}

TEST(StationChange, SaysWhatChangedInChineseOldToNew) {
  Station after = Before();
  after.name = "东城爱心驿站";
  after.status = StationStatus::kSuspended;
  after.amenities[0].state = AmenityState::kBroken;
  after.amenities.pop_back();
  after.amenities.push_back({Amenity::kAed, AmenityState::kWorking});
  after.opening_hours = *OpeningHours::Parse("24/7");
  after.service_phone = "0536-5212345";
  after.location = {Latitude(36.851), Longitude(118.74)};
  const std::string change = DescribeStationChange(Before(), after);
  for (const char* part :
       {"名称：东城驿站 → 东城爱心驿站", "状态：开放 → 暂停", "微波炉：正常 → 损坏",
        "卫生间：正常 → 没有", "开放时间：Mo-Fr 08:00-18:00 → 24/7",
        "公开服务电话：（空） → 0536-5212345", "位置：移动约 111 米"}) {
    EXPECT_NE(change.find(part), std::string::npos) << part << "\n" << change;
  }
  EXPECT_NE(change.find("：没有 → 正常"), std::string::npos) << change;  // the AED, newly there
  EXPECT_EQ(change.find("drinking_water"), std::string::npos);
  EXPECT_EQ(change.find("suspended"), std::string::npos);
}

TEST(StationChange, NamesPersonalDataWithoutWritingItOut) {
  Station after = Before();
  after.manager = "林桂芝";
  after.phone = "18340302193";
  const std::string change = DescribeStationChange(Before(), after);
  EXPECT_EQ(change, "站点责任人：已修改；责任人手机：已修改");
}

TEST(StationChange, NothingChangedIsEmpty) {
  EXPECT_EQ(DescribeStationChange(Before(), Before()), "");
}

}  // namespace
}  // namespace yz
