// The station and region files read from a workbook's first sheet (contract section 8): the same
// columns, rules and messages as the CSV files, line numbers being sheet row numbers.
#include <gtest/gtest.h>

#include "core/test_zip.h"
#include "domain/stations/region_file.h"
#include "domain/stations/station_file.h"

namespace yz {
namespace {

using testing::TestSheet;
using testing::WriteTestWorkbook;

std::string Messages(const std::vector<RowError>& errors) {
  std::string all;
  for (const auto& e : errors) all += std::to_string(e.line) + ": " + e.message + "\n";
  return all;
}

XlsxSheet Sheet(std::vector<CsvRecord> rows, std::vector<XlsxCellError> cell_errors = {}) {
  return XlsxSheet{std::move(rows), std::move(cell_errors)};
}

TEST(StationSheet, ReadsRowsWithSheetRowNumbersAndPadsShortRows) {
  const auto parsed =
      ParseStationSheet(Sheet({{1, {"code", "name", "lng", "lat", "address", "investment_cny"}},
                               {2, {"A1", "驿站一", "118.79", "36.8", "寿光市", "12.5"}},
                               {5, {"A2", "驿站二", "118.8", "36.9"}}}),  // E5, F5 empty
                        Crs::kWgs84);
  ASSERT_TRUE(parsed.errors.empty()) << Messages(parsed.errors);
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_EQ(parsed.rows[0].line, 2);
  EXPECT_EQ(parsed.rows[1].line, 5);
  const Station a = parsed.rows[0].ApplyTo(Station{});
  EXPECT_DOUBLE_EQ(a.location.lng.degrees(), 118.79);
  EXPECT_EQ(a.investment, Money{1250});
  const Station b = parsed.rows[1].ApplyTo(Station{});
  EXPECT_EQ(b.address, "");
  EXPECT_FALSE(b.investment.has_value());
}

TEST(StationSheet, NamesBadRowsByTheirSheetRowWithTheCsvMessages) {
  const auto parsed = ParseStationSheet(
      Sheet({{3, {"code", "name", "lng", "lat"}},  // rows 1 and 2 empty: the header is row 3
             {4, {"A1", "站", "118.7", "36.8"}},
             {9, {"A2", "站", "181", "36.8"}},
             {10, {"A3", "站", "118.7", "36.8", "extra"}},
             {12, {"A4", "站", "#DIV/0!", "36.8"}},
             {13, {"A1", "站", "118.7", "36.8"}}},
            {{12,
              "单元格 C12 是错误值 #DIV/0!，请改正公式或填入数值 (cell C12 holds the error value "
              "#DIV/0!)"}}),
      Crs::kWgs84);
  EXPECT_EQ(
      Messages(parsed.errors),
      "9: 经度 lng '181' 不在 -180 到 180 之间 (lng '181' is not a longitude in [-180, 180])\n"
      "10: 此行有 5 个字段，表头有 4 个 (5 fields where the header has 4)\n"
      "12: 单元格 C12 是错误值 #DIV/0!，请改正公式或填入数值 (cell C12 holds the error value "
      "#DIV/0!)\n"
      "13: 第 4 行已有站点编码 code 'A1' (code 'A1' already appears on line 4)\n");
}

TEST(StationSheet, NamesHeaderProblemsAtTheHeaderRowAndAnEmptySheetAtLine1) {
  EXPECT_EQ(
      Messages(
          ParseStationSheet(Sheet({{2, {"code", "name", "lng", "wattage"}}}), Crs::kWgs84).errors),
      "2: 未知的列 'wattage' (unknown column 'wattage')\n"
      "2: 缺少必需的列 'lat' (required column 'lat' is missing)\n");
  EXPECT_EQ(Messages(ParseStationSheet(Sheet({}), Crs::kWgs84).errors),
            "1: 文件为空：第一行须为表头 (the file is empty: a header row is required)\n");
}

TEST(StationSheet, ReadsAWorkbookByFormatAndReportsAnUnreadableOneAtLine1) {
  const std::string workbook = WriteTestWorkbook(
      {{"站点", "rId1", "worksheets/sheet1.xml"}},
      {{"xl/worksheets/sheet1.xml",
        TestSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                  "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
                  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>5</v></c>"
                  "<c r=\"C2\"><v>118.79000000000001</v></c><c r=\"D2\"><v>36.856</v></c></row>"
                  "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>4</v></c><c r=\"B7\" t=\"s\"><v>5</v></c>"
                  "<c r=\"C7\"><v>200</v></c><c r=\"D7\"><v>36.856</v></c></row>")},
       {"xl/sharedStrings.xml",
        "<sst><si><t>code</t></si><si><t>name</t></si><si><t>lng</t></si><si><t>lat</t></si>"
        "<si><t>SG-1</t></si><si><t>圣城驿站</t></si></sst>"}});
  const auto parsed = ParseStationFile(workbook, Crs::kWgs84, SpreadsheetFormat::kXlsx);
  EXPECT_EQ(
      Messages(parsed.errors),
      "7: 经度 lng '200' 不在 -180 到 180 之间 (lng '200' is not a longitude in [-180, 180])\n");
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].values.name, "圣城驿站");
  EXPECT_DOUBLE_EQ(parsed.rows[0].values.location.lng.degrees(), 118.79);

  const auto broken = ParseStationFile(workbook.substr(0, workbook.size() - 30), Crs::kWgs84,
                                       SpreadsheetFormat::kXlsx);
  ASSERT_EQ(broken.errors.size(), 1u);
  EXPECT_EQ(broken.errors[0].line, 1);
  EXPECT_NE(broken.errors[0].message.find("(not a valid .xlsx workbook: "), std::string::npos);
  // And CSV stays CSV: the same bytes are no CSV file.
  EXPECT_FALSE(ParseStationFile(workbook, Crs::kWgs84, SpreadsheetFormat::kCsv).errors.empty());
}

TEST(RegionSheet, ReadsCodesAndNamesWithSheetRowNumbers) {
  const auto parsed = ParseRegionSheet(Sheet(
      {{1, {"code", "name"}},
       {2, {"370783", "寿光市"}},
       {4, {"37078X", "坏"}},
       {5, {"370783001"}},
       {6, {"370783002", "#N/A"}}},
      {{6, "单元格 B6 是错误值 #N/A，请改正公式或填入数值 (cell B6 holds the error value #N/A)"}}));
  EXPECT_EQ(
      Messages(parsed.errors),
      "4: 行政区划代码 code '37078X' 不是 2、4、6、9 或 12 位数字的区划代码 "
      "(code '37078X' is not a division code of 2, 4, 6, 9 or 12 digits)\n"
      "5: 名称 name 须为 1 到 50 个字符 (name must be 1 to 50 characters)\n"
      "6: 单元格 B6 是错误值 #N/A，请改正公式或填入数值 (cell B6 holds the error value #N/A)\n");
  ASSERT_EQ(parsed.regions.size(), 1u);
  EXPECT_EQ(parsed.regions[0].name, "寿光市");
  EXPECT_EQ(ParseRegionFile("not a zip", SpreadsheetFormat::kXlsx).errors.at(0).line, 1);
}

}  // namespace
}  // namespace yz
