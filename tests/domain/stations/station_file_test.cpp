#include "domain/stations/station_file.h"

#include <gtest/gtest.h>

#include "core/crs.h"

namespace yz {
namespace {

constexpr std::string_view kHeader =
    "code,name,address,lng,lat,region,host_type,level,status,opening_hours,amenities,services,"
    "manager,phone,opened_on,investment_cny\n";

std::vector<int> ErrorLines(const ParsedStationFile& f) {
  std::vector<int> lines;
  for (const auto& e : f.errors) lines.push_back(e.line);
  return lines;
}

std::string Messages(const ParsedStationFile& f) {
  std::string all;
  for (const auto& e : f.errors) all += std::to_string(e.line) + ": " + e.message + "\n";
  return all;
}

TEST(StationFile, ParsesEveryColumn) {
  const std::string file = std::string(kHeader) +
      "SG-1,圣城驿站,\"寿光市, 文圣街1号\",118.737,36.856,370783001,community_center,city_demo,open,"
      "\"Mo-Fr 08:00-12:00,14:00-18:00\",seating|microwave:broken|toilet:missing,legal_aid|union_enrollment,"
      "王凤文,18812342223,2023-03-04,37600.5\n";
  const auto parsed = ParseStationFile(file, Crs::kWgs84);
  ASSERT_TRUE(parsed.errors.empty()) << Messages(parsed);
  ASSERT_EQ(parsed.rows.size(), 1u);
  const Station s = parsed.rows[0].ApplyTo(Station{});
  EXPECT_EQ(s.code, "SG-1");
  EXPECT_EQ(s.address, "寿光市, 文圣街1号");
  EXPECT_DOUBLE_EQ(s.location.lng.degrees(), 118.737);
  EXPECT_DOUBLE_EQ(s.location.lat.degrees(), 36.856);
  EXPECT_EQ(s.host_type, HostType::kCommunityCenter);
  EXPECT_EQ(s.level, Level::kCityDemo);
  EXPECT_TRUE(s.HasWorkingAmenity(Amenity::kSeating));
  EXPECT_FALSE(s.HasWorkingAmenity(Amenity::kMicrowave));
  EXPECT_EQ(s.AmenityStateOf(Amenity::kMicrowave), AmenityState::kBroken);
  EXPECT_EQ(s.AmenityStateOf(Amenity::kToilet), AmenityState::kMissing);
  ASSERT_EQ(s.services.size(), 2u);
  EXPECT_EQ(s.services[0], Service::kUnionEnrollment);  // canonical order
  EXPECT_EQ(s.investment, Money{3760050});
  ASSERT_TRUE(s.opened_on.has_value());
}

TEST(StationFile, AcceptsExcelUtf8WithBomAndCrlf) {
  const std::string file = "\xEF\xBB\xBF" "code,name,lng,lat\r\nA1,驿站一,118.7,36.8\r\nA2,驿站二,118.8,36.9\r\n";
  const auto parsed = ParseStationFile(file, Crs::kWgs84);
  ASSERT_TRUE(parsed.errors.empty()) << Messages(parsed);
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_EQ(parsed.rows[1].line, 3);
  const Station s = parsed.rows[0].ApplyTo(Station{});
  EXPECT_EQ(s.status, StationStatus::kOpen);  // default
  EXPECT_EQ(s.level, Level::kStandard);
  EXPECT_TRUE(s.opening_hours.unknown());
}

TEST(StationFile, ColumnsMayComeInAnyOrder) {
  const auto parsed = ParseStationFile("lat,code,lng,name\n36.8,B1,118.7,站\n", Crs::kWgs84);
  ASSERT_TRUE(parsed.errors.empty()) << Messages(parsed);
  EXPECT_DOUBLE_EQ(parsed.rows[0].values.location.lat.degrees(), 36.8);
}

TEST(StationFile, RejectsMissingRequiredColumnOnLineOne) {
  const auto parsed = ParseStationFile("code,name,lng\nA1,站,118\n", Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{1});
  EXPECT_NE(parsed.errors[0].message.find("lat"), std::string::npos);
}

TEST(StationFile, RejectsUnknownColumnOnLineOne) {
  const auto parsed = ParseStationFile("code,name,lng,lat,colour\nA1,站,118,36,red\n", Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{1});
  EXPECT_NE(parsed.errors[0].message.find("colour"), std::string::npos);
}

TEST(StationFile, ReportsEveryBadRowWithItsLine) {
  const std::string file =
      "code,name,lng,lat,amenities,opening_hours,level\n"
      "A1,好站,118.7,36.8,seating,24/7,standard\n"      // line 2: fine
      "A2,坏纬度,118.7,95,seating,24/7,standard\n"     // line 3: latitude out of range
      "A3,坏设施,118.7,36.8,sauna,24/7,standard\n"     // line 4: unknown amenity
      "A4,坏时间,118.7,36.8,seating,Mo-Fr 25:00-26:00,standard\n"  // line 5: bad hours
      "A1,重复,118.7,36.8,seating,24/7,standard\n"     // line 6: duplicate code
      "A6,坏级别,118.7,36.8,seating,24/7,gold\n"       // line 7: unknown level
      "A7,abc,x118,36.8,seating,24/7,standard\n"       // line 8: bad longitude
      "bad code!,名,118.7,36.8,,,\n";                   // line 9: bad code
  const auto parsed = ParseStationFile(file, Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), (std::vector<int>{3, 4, 5, 6, 7, 8, 9})) << Messages(parsed);
  EXPECT_NE(parsed.errors[3].message.find("line 2"), std::string::npos);
}

TEST(StationFile, LineNumbersArePhysicalLinesAcrossQuotedNewlines) {
  const std::string file = "code,name,address,lng,lat\nA1,站一,\"第一行\n第二行\",118.7,36.8\nA2,站二,,200,36.8\n";
  const auto parsed = ParseStationFile(file, Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{4}) << Messages(parsed);
}

TEST(StationFile, RejectsInvalidUtf8WithItsLine) {
  const std::string file = "code,name,lng,lat\nA1,ok,118.7,36.8\nA2,\xC3\x28,118.7,36.8\n";
  const auto parsed = ParseStationFile(file, Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{3});
  EXPECT_NE(parsed.errors[0].message.find("UTF-8"), std::string::npos);
}

TEST(StationFile, RejectsRowWithWrongFieldCount) {
  const auto parsed = ParseStationFile("code,name,lng,lat\nA1,站,118.7\n", Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{2});
}

TEST(StationFile, RejectsUnterminatedQuote) {
  const auto parsed = ParseStationFile("code,name,lng,lat\nA1,\"站,118.7,36.8\n", Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{2});
}

TEST(StationFile, ConvertsGcj02CoordinatesToWgs84) {
  const GeoPoint wgs{Latitude(36.856), Longitude(118.737)};
  const GeoPoint gcj = Wgs84ToGcj02(wgs);
  const std::string file = "code,name,lng,lat\nA1,站," + std::to_string(gcj.lng.degrees()) + "," +
                           std::to_string(gcj.lat.degrees()) + "\n";
  const auto parsed = ParseStationFile(file, Crs::kGcj02);
  ASSERT_TRUE(parsed.errors.empty()) << Messages(parsed);
  EXPECT_LT(DistanceMeters(parsed.rows[0].values.location, wgs), 0.5);
}

TEST(StationFile, AbsentColumnsKeepStoredValues) {
  Station stored;
  stored.code = "A1";
  stored.name = "旧名";
  stored.manager = "张三";
  stored.level = Level::kProvincialDemo;
  const auto parsed = ParseStationFile("code,name,lng,lat\nA1,新名,118.7,36.8\n", Crs::kWgs84);
  ASSERT_TRUE(parsed.errors.empty());
  const Station merged = parsed.rows[0].ApplyTo(stored);
  EXPECT_EQ(merged.name, "新名");
  EXPECT_EQ(merged.manager, "张三");
  EXPECT_EQ(merged.level, Level::kProvincialDemo);
}

TEST(StationFile, FormatThenParseGivesTheSameStations) {
  Station a;
  a.code = "Z-9";
  a.name = "名字, 带\"引号\"";
  a.address = "多行\n地址";
  a.location = GeoPoint{Latitude(36.123456789012345), Longitude(118.98765432109876)};
  a.region = "370783001";
  a.host_type = HostType::kBank;
  a.level = Level::kNationalDemo;
  a.status = StationStatus::kSuspended;
  a.opening_hours = *OpeningHours::Parse("Mo-Su 22:00-06:00; We off");
  a.amenities = {{Amenity::kSeating, AmenityState::kWorking}, {Amenity::kAed, AmenityState::kBroken}};
  a.services = {Service::kLegalAid};
  a.manager = "李四";
  a.phone = "18812342223";
  a.opened_on = ParseDate("2023-07-31");
  a.investment = Money{12};
  Station b;
  b.code = "b_1";
  b.name = "最少的站";
  b.location = GeoPoint{Latitude(-0.5), Longitude(-179.25)};
  const auto parsed = ParseStationFile(FormatStationFile({a, b}), Crs::kWgs84);
  ASSERT_TRUE(parsed.errors.empty()) << Messages(parsed);
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_TRUE(SameStation(parsed.rows[0].ApplyTo(Station{}), a));
  EXPECT_TRUE(SameStation(parsed.rows[1].ApplyTo(Station{}), b));
}

}  // namespace
}  // namespace yz
