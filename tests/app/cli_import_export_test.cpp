// `yizhan import stations` and `yizhan export stations` through the real binary.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>

#include "app/cli_fixture.h"
#include "app/test_support.h"

namespace yz {
namespace {

using testing::RunYizhan;
using testing::TempDir;
using testing::WriteText;

constexpr std::string_view kGoodFile =
    "code,name,address,lng,lat,region,host_type,level,status,opening_hours,amenities,services,"
    "manager,phone,opened_on,investment_cny\n"
    "T-1,菜乡驿·温暖家 测试一站,寿光市圣城街道,118.737,36.856,370783001,bank,city_demo,open,Mo-Fr "
    "09:00-17:00,seating|microwave:broken,legal_aid,王凤文,18812342223,2023-03-04,35800.5\n"
    "T-2,\"测试二站, 含逗号\",,118.75,36.87,,,,,24/7,,,,,,\n"
    "T-3,规划站,,118.76,36.88,370783,union,standard,planned,,,,,,,\n";

class CliImportExport : public testing::CliTest {
 protected:
  // Every bad file leaves the store as it was and names the line.
  void ExpectRejected(std::string_view file, int line, std::string_view fragment) {
    const std::string before = ExportCsv();
    const std::string path = dir_ / "bad.csv";
    WriteText(path, file);
    auto r = RunYizhan("import stations '" + path + "' " + data_, dir_);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("line " + std::to_string(line) + ":"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
    EXPECT_EQ(ExportCsv(), before);
  }

  void ImportGood() {
    WriteText(dir_ / "good.csv", kGoodFile);
    auto r = RunYizhan("import stations '" + (dir_ / "good.csv") + "' " + data_, dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("3 created, 0 updated"), std::string::npos) << r.out;
  }
};

TEST_F(CliImportExport, ImportsAndReportsCounts) {
  ImportGood();
  WriteText(dir_ / "update.csv",
            "code,name,lng,lat\nT-1,新名字,118.737,36.856\nT-9,新站,118.7,36.8\n");
  auto r = RunYizhan("import stations '" + (dir_ / "update.csv") + "' " + data_, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 created, 1 updated"), std::string::npos) << r.out;
  const std::string csv = ExportCsv();
  EXPECT_NE(csv.find("T-1,新名字,寿光市圣城街道"), std::string::npos) << csv;  // address kept
  EXPECT_NE(csv.find("王凤文,18812342223"), std::string::npos) << csv;         // manager kept
}

TEST_F(CliImportExport, ExportImportsBackUnchanged) {
  ImportGood();
  const std::string first = ExportCsv();
  WriteText(dir_ / "again.csv", first);
  auto r = RunYizhan("import stations '" + (dir_ / "again.csv") + "' " + data_, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 created, 3 updated (3 unchanged)"), std::string::npos) << r.out;
  EXPECT_EQ(ExportCsv(), first);
  // And into an empty store: the same export.
  TempDir other;
  const std::string other_data = "--data '" + (other / "data") + "'";
  ASSERT_EQ(
      RunYizhan("import stations '" + (dir_ / "again.csv") + "' " + other_data, other).exit_code,
      0);
  ASSERT_EQ(
      RunYizhan("export stations --format csv -o '" + (other / "x.csv") + "' " + other_data, other)
          .exit_code,
      0);
  EXPECT_EQ(testing::ReadText(other / "x.csv"), first);
}

// A station named like a formula goes out as text and comes back exactly (ADR 0020).
TEST_F(CliImportExport, FormulaLikeNamesExportAsTextAndImportBackExactly) {
  WriteText(dir_ / "formula.csv",
            "code,name,lng,lat,manager\n"
            "F-1,\"=HYPERLINK(\"\"https://evil.example\"\",\"\"点此\"\")\",118.7,36.8,+86 王\n");
  ASSERT_EQ(RunYizhan("import stations '" + (dir_ / "formula.csv") + "' " + data_, dir_).exit_code,
            0);
  const std::string first = ExportCsv();
  EXPECT_NE(first.find("\"'=HYPERLINK("), std::string::npos) << first;
  EXPECT_NE(first.find(",'+86 王"), std::string::npos) << first;
  WriteText(dir_ / "again.csv", first);
  auto r = RunYizhan("import stations '" + (dir_ / "again.csv") + "' " + data_, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("(1 unchanged)"), std::string::npos) << r.out;
  EXPECT_EQ(ExportCsv(), first);
}

// `yizhan backup`: the database as of one moment and the photos, never the data key; the copy
// opens as a store of its own.
TEST_F(CliImportExport, BackupCopiesTheStoreAndPhotosButNotTheKey) {
  ImportGood();
  const std::string photos = (dir_ / "data") + "/photos/T-1";
  std::filesystem::create_directories(photos);
  WriteText(photos + "/a.jpg", "jpeg bytes");
  WriteText(photos + "/.upload.tmp", "half");
  const std::string target = dir_ / "backup";
  auto r = RunYizhan("backup -o '" + target + "' " + data_, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("照片 1 张"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("data.key 未复制"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(target + "/data.key"));
  EXPECT_EQ(testing::ReadText(target + "/photos/T-1/a.jpg"), "jpeg bytes");
  EXPECT_FALSE(std::filesystem::exists(target + "/photos/T-1/.upload.tmp"));
  // Restored with the key kept apart, it is the same registry.
  const std::string restored =
      "--data '" + target + "' --data-key '" + ((dir_ / "data") + "/data.key") + "'";
  ASSERT_EQ(
      RunYizhan("export stations --format csv -o '" + (dir_ / "restored.csv") + "' " + restored,
                dir_)
          .exit_code,
      0);
  EXPECT_EQ(testing::ReadText(dir_ / "restored.csv"), ExportCsv());
  // Never over an earlier backup.
  auto again = RunYizhan("backup -o '" + target + "' " + data_, dir_);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("已有备份"), std::string::npos) << again.err;
}

TEST_F(CliImportExport, RejectsMissingColumn) {
  ImportGood();
  ExpectRejected("code,name,lng\nX-1,站,118.7\n", 1, "lat");
}

TEST_F(CliImportExport, RejectsUnknownColumn) {
  ImportGood();
  ExpectRejected("code,name,lng,lat,wattage\nX-1,站,118.7,36.8,5\n", 1, "wattage");
}

TEST_F(CliImportExport, RejectsBadCoordinate) {
  ImportGood();
  ExpectRejected("code,name,lng,lat\nX-1,站,118.7,36.8\nX-2,站,181,36.8\n", 3, "lng");
}

TEST_F(CliImportExport, RejectsUnknownCode) {
  ImportGood();
  ExpectRejected("code,name,lng,lat,amenities\nX-1,站,118.7,36.8,seating|jacuzzi\n", 2, "jacuzzi");
}

TEST_F(CliImportExport, RejectsDuplicateCode) {
  ImportGood();
  ExpectRejected("code,name,lng,lat\nX-1,站,118.7,36.8\nX-1,站,118.7,36.8\n", 3, "X-1");
}

TEST_F(CliImportExport, RejectsInvalidUtf8) {
  ImportGood();
  ExpectRejected("code,name,lng,lat\nX-1,\xFF\xFE,118.7,36.8\n", 2, "UTF-8");
}

TEST_F(CliImportExport, RejectsBadHours) {
  ImportGood();
  ExpectRejected("code,name,lng,lat,opening_hours\nX-1,站,118.7,36.8,Mo-Fr 08:00-\n", 2,
                 "opening_hours");
}

TEST_F(CliImportExport, RejectsUnreadableFile) {
  auto r = RunYizhan("import stations '" + (dir_ / "nope.csv") + "' " + data_, dir_);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("cannot read"), std::string::npos);
}

TEST_F(CliImportExport, ExportsGeoJsonWithLngLatAndMaskedPhone) {
  ImportGood();
  const std::string out = dir_ / "s.geojson";
  ASSERT_EQ(RunYizhan("export stations --format geojson -o '" + out + "' " + data_, dir_).exit_code,
            0);
  const auto doc = boost::json::parse(testing::ReadText(out));
  const auto& features = doc.at("features").as_array();
  ASSERT_EQ(features.size(), 3u);  // every station, whatever its status
  const auto& first = features[0].as_object();
  EXPECT_EQ(first.at("geometry").at("coordinates").as_array()[0].as_double(), 118.737);
  EXPECT_EQ(first.at("geometry").at("coordinates").as_array()[1].as_double(), 36.856);
  EXPECT_EQ(first.at("properties").at("phone").as_string(), "188****2223");
  EXPECT_EQ(features[2].at("properties").at("status").as_string(), "planned");
}

TEST_F(CliImportExport, ExportsXlsxWorkbook) {
  ImportGood();
  const std::string out = dir_ / "s.xlsx";
  auto r = RunYizhan("export stations --format xlsx -o '" + out + "' " + data_, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string bytes = testing::ReadText(out);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // a zip container, as .xlsx is
  // The sheet text holds the station names (shared strings of the workbook).
  const std::string listing = dir_ / "unzipped";
  ASSERT_EQ(std::system(("unzip -q -o '" + out + "' -d '" + listing + "'").c_str()), 0);
  const std::string strings = testing::ReadText(listing + "/xl/sharedStrings.xml");
  EXPECT_NE(strings.find("菜乡驿·温暖家 测试一站"), std::string::npos);
  EXPECT_NE(testing::ReadText(listing + "/xl/workbook.xml").find("字段说明"), std::string::npos);
}

TEST_F(CliImportExport, ImportsRegionsAllOrNothing) {
  WriteText(dir_ / "regions.csv", "code,name\n370783,寿光市\n370783001,圣城街道\n");
  auto ok = RunYizhan("import regions '" + (dir_ / "regions.csv") + "' " + data_, dir_);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  WriteText(dir_ / "bad_regions.csv", "code,name\n370783,寿光\n37078X,坏\n");
  auto bad = RunYizhan("import regions '" + (dir_ / "bad_regions.csv") + "' " + data_, dir_);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("line 3:"), std::string::npos) << bad.err;
}

TEST_F(CliImportExport, UsageErrorsAreClear) {
  auto r = RunYizhan("export stations --format pdf -o x " + data_, dir_);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(r.err.empty());
}

}  // namespace
}  // namespace yz
