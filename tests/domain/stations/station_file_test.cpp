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
                           "SG-1,圣城驿站,\"寿光市, "
                           "文圣街1号\",118.737,36.856,370783001,community_center,city_demo,open,"
                           "\"Mo-Fr "
                           "08:00-12:00,14:00-18:00\",seating|microwave:broken|toilet:missing,"
                           "legal_aid|union_enrollment,"
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
  const std::string file =
      "\xEF\xBB\xBF"
      "code,name,lng,lat\r\nA1,驿站一,118.7,36.8\r\nA2,驿站二,118.8,36.9\r\n";
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
  EXPECT_EQ(parsed.errors[0].message, "缺少必需的列 'lat' (required column 'lat' is missing)");
}

TEST(StationFile, RejectsUnknownColumnOnLineOne) {
  const auto parsed = ParseStationFile("code,name,lng,lat,colour\nA1,站,118,36,red\n", Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{1});
  EXPECT_EQ(parsed.errors[0].message, "未知的列 'colour' (unknown column 'colour')");
}

TEST(StationFile, ReportsEveryBadRowWithItsLine) {
  const std::string file =
      "code,name,lng,lat,amenities,opening_hours,level\n"
      "A1,好站,118.7,36.8,seating,24/7,standard\n"                 // line 2: fine
      "A2,坏纬度,118.7,95,seating,24/7,standard\n"                 // line 3: latitude out of range
      "A3,坏设施,118.7,36.8,sauna,24/7,standard\n"                 // line 4: unknown amenity
      "A4,坏时间,118.7,36.8,seating,Mo-Fr 25:00-26:00,standard\n"  // line 5: bad hours
      "A1,重复,118.7,36.8,seating,24/7,standard\n"                 // line 6: duplicate code
      "A6,坏级别,118.7,36.8,seating,24/7,gold\n"                   // line 7: unknown level
      "A7,abc,x118,36.8,seating,24/7,standard\n"                   // line 8: bad longitude
      "bad code!,名,118.7,36.8,,,\n";                              // line 9: bad code
  const auto parsed = ParseStationFile(file, Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), (std::vector<int>{3, 4, 5, 6, 7, 8, 9})) << Messages(parsed);
  ASSERT_EQ(parsed.errors.size(), 7u);
  EXPECT_EQ(parsed.errors[0].message,
            "纬度 lat '95' 不在 -90 到 90 之间 (lat '95' is not a latitude in [-90, 90])");
  EXPECT_EQ(parsed.errors[1].message,
            "设施 amenities 填写有误 (amenities: unknown amenity 'sauna')");
  EXPECT_TRUE(parsed.errors[2].message.starts_with(
      "开放时间 opening_hours 'Mo-Fr 25:00-26:00' 格式有误 (opening_hours 'Mo-Fr 25:00-26:00': "))
      << parsed.errors[2].message;
  EXPECT_EQ(parsed.errors[3].message,
            "第 2 行已有站点编码 code 'A1' (code 'A1' already appears on line 2)");
  EXPECT_EQ(parsed.errors[4].message, "未知的星级 level 'gold' (unknown level 'gold')");
  EXPECT_EQ(parsed.errors[5].message,
            "经度 lng 'x118' 不在 -180 到 180 之间 (lng 'x118' is not a longitude in [-180, 180])");
  EXPECT_EQ(parsed.errors[6].message,
            "站点编码 code 'bad code!' 须为 1 到 32 个字符，只能用 A-Z a-z 0-9 _ - "
            "(code 'bad code!' must be 1 to 32 characters of A-Z a-z 0-9 _ -)");
}

TEST(StationFile, NamesEachOptionalColumnInChineseBeforeTheEnglish) {
  const std::string file =
      "code,name,address,lng,lat,region,host_type,level,status,opening_hours,amenities,services,"
      "manager,phone,opened_on,investment_cny\n"
      "A1,," +
      std::string(201, 'x') + ",118.7,36.8,37078,bank2,,closed?,,,counselling," +
      std::string(51, 'y') + ",phone!,2023-13-01,-5\n";
  const auto parsed = ParseStationFile(file, Crs::kWgs84);
  const std::vector<std::string> expected = {
      "名称 name 为空 (name is empty)",
      "地址 address 超过 200 个字符 (address longer than 200 characters)",
      "行政区划代码 region '37078' 不是 6、9 或 12 位数字的区划代码 "
      "(region '37078' is not a division code of 6, 9 or 12 digits)",
      "未知的共建单位类型 host_type 'bank2' (unknown host_type 'bank2')",
      "未知的状态 status 'closed?' (unknown status 'closed?')",
      "服务 services 填写有误 (services: unknown service 'counselling')",
      "负责人 manager 超过 50 个字符 (manager longer than 50 characters)",
      "电话 phone 须为数字，可含空格、'-'、'+'，最多 20 个字符 "
      "(phone must be digits (with optional spaces, '-', '+'), at most 20 characters)",
      "启用日期 opened_on '2023-13-01' 不是 YYYY-MM-DD 格式的日期 (opened_on '2023-13-01' is not a "
      "date YYYY-MM-DD)",
      "投资额 investment_cny '-5' 须为不小于 0 的金额，最多两位小数 "
      "(investment_cny '-5' is not a non-negative amount with at most 2 decimals)",
  };
  std::vector<std::string> messages;
  for (const auto& e : parsed.errors) messages.push_back(e.message);
  EXPECT_EQ(messages, expected) << Messages(parsed);
}

TEST(StationFile, NamesARepeatedColumnAndAnEmptyFile) {
  EXPECT_EQ(ParseStationFile("code,name,lng,lat,name\n", Crs::kWgs84).errors.at(0).message,
            "列 'name' 出现了两次 (column 'name' appears twice)");
  EXPECT_EQ(ParseStationFile("", Crs::kWgs84).errors.at(0).message,
            "文件为空：第一行须为表头 (the file is empty: a header row is required)");
}

TEST(StationFile, LineNumbersArePhysicalLinesAcrossQuotedNewlines) {
  const std::string file =
      "code,name,address,lng,lat\nA1,站一,\"第一行\n第二行\",118.7,36.8\nA2,站二,,200,36.8\n";
  const auto parsed = ParseStationFile(file, Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{4}) << Messages(parsed);
}

TEST(StationFile, RejectsInvalidUtf8WithItsLine) {
  const std::string file = "code,name,lng,lat\nA1,ok,118.7,36.8\nA2,\xC3\x28,118.7,36.8\n";
  const auto parsed = ParseStationFile(file, Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{3});
  EXPECT_EQ(parsed.errors[0].message, NotUtf8FileMessage(1));
}

TEST(StationFile, RefusesAGbkFileOnceSayingItIsNotUtf8AndHowToSaveIt) {
  // "名称" and "驿站一" in GBK, as Excel in China saves "CSV (逗号分隔)".
  const std::string file =
      "code,name,lng,lat\r\nA1,\xD2\xDB\xD5\xBE\xD2\xBB,118.7,36.8\r\n"
      "A2,\xC3\xFB\xB3\xC6,118.8,36.9\r\n";
  const auto parsed = ParseStationFile(file, Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{2});
  EXPECT_TRUE(parsed.rows.empty());
  EXPECT_EQ(parsed.errors[0].message,
            "文件不是 UTF-8 编码（从此行起共 2 行有非 UTF-8 字符，可能是中文版 Excel 保存的 GBK "
            "编码 CSV）："
            "请在 Excel 中“另存为”并选择“CSV UTF-8（逗号分隔）”，或直接导入 .xlsx 工作簿 "
            "(invalid UTF-8: the file is not UTF-8 (2 line(s) from this one on; perhaps GBK, as "
            "Excel in China "
            "saves CSV): save it as \"CSV UTF-8 (Comma delimited)\" or import the .xlsx workbook "
            "itself)");
}

TEST(StationFile, RejectsRowWithWrongFieldCount) {
  const auto parsed = ParseStationFile("code,name,lng,lat\nA1,站,118.7\n", Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{2});
  EXPECT_EQ(parsed.errors[0].message,
            "此行有 3 个字段，表头有 4 个 (3 fields where the header has 4)");
}

TEST(StationFile, RejectsUnterminatedQuote) {
  const auto parsed = ParseStationFile("code,name,lng,lat\nA1,\"站,118.7,36.8\n", Crs::kWgs84);
  EXPECT_EQ(ErrorLines(parsed), std::vector<int>{2});
  EXPECT_EQ(parsed.errors[0].message, "CSV 格式有误：引号没有闭合 (unterminated quoted field)");
}

TEST(StationFile, GivesEveryCsvFaultItsChinese) {
  EXPECT_EQ(ParseStationFile("code,name,lng,lat\nA1,\"站\"x,118.7,36.8\n", Crs::kWgs84)
                .errors.at(0)
                .message,
            "CSV 格式有误：右引号后面还有文字 (text after a closing quote)");
  EXPECT_EQ(ParseStationFile("code,name,lng,lat\nA1,站\"x,118.7,36.8\n", Crs::kWgs84)
                .errors.at(0)
                .message,
            "CSV 格式有误：没加引号的字段里有引号 (quote inside an unquoted field)");
  EXPECT_EQ(CsvFaultMessage("a reason not known yet"), "CSV 格式有误 (a reason not known yet)");
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
  a.amenities = {{Amenity::kSeating, AmenityState::kWorking},
                 {Amenity::kAed, AmenityState::kBroken}};
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

namespace yz {
namespace {

// The public service line is not one of the contract's columns: a registry without any exports
// exactly the pinned sixteen; once a station has one, the column comes last and reads back.
TEST(StationFile, WritesTheServiceLineOnlyWhenSomeStationHasOne) {
  auto parsed = ParseStationFile(
      "code,name,lng,lat,phone,service_phone\n"
      "A1,一号站,118.7,36.8,18812342223,0536-5212345\n"
      "A2,二号站,118.8,36.9,,\n",
      Crs::kWgs84);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
  std::vector<Station> stations;
  for (const auto& row : parsed.rows) stations.push_back(row.ApplyTo(Station{}));
  ASSERT_EQ(stations[0].service_phone, "0536-5212345");
  EXPECT_EQ(stations[0].phone, "18812342223");

  const std::string with_line = FormatStationFile(stations);
  EXPECT_TRUE(with_line.starts_with(
      "code,name,address,lng,lat,region,host_type,level,status,opening_hours,amenities,services,"
      "manager,phone,opened_on,investment_cny,service_phone\r\n"));
  auto again = ParseStationFile(with_line, Crs::kWgs84);
  ASSERT_TRUE(again.errors.empty());
  EXPECT_EQ(again.rows[0].ApplyTo(Station{}).service_phone, "0536-5212345");

  stations[0].service_phone.clear();
  const std::string without = FormatStationFile(stations);
  EXPECT_TRUE(without.starts_with(
      "code,name,address,lng,lat,region,host_type,level,status,opening_hours,amenities,services,"
      "manager,phone,opened_on,investment_cny\r\n"));
}

TEST(StationFile, RefusesAServiceLineThatIsNotANumberInChineseFirst) {
  auto parsed = ParseStationFile("code,name,lng,lat,service_phone\nA1,一号站,118.7,36.8,请拨站长\n",
                                 Crs::kWgs84);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].line, 2);
  EXPECT_TRUE(parsed.errors[0].message.find("公开服务电话") != std::string::npos)
      << parsed.errors[0].message;
}

}  // namespace
}  // namespace yz
