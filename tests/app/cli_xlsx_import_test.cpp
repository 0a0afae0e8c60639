// `yizhan import stations|regions FILE.xlsx` (contract section 8) and the refusal of a GBK CSV,
// through the real binary, with workbooks written by libxlsxwriter.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <functional>

#include "app/cli_fixture.h"
#include "app/test_support.h"

namespace yz {
namespace {

using testing::RunYizhan;
using testing::TempDir;
using testing::WriteText;

void WriteWorkbook(const std::string& path,
                   const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "站点");
  fill(workbook, sheet);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
}

void WriteRow(lxw_worksheet* sheet, int row, std::initializer_list<const char*> cells) {
  int col = 0;
  for (const char* cell : cells) {
    if (cell != nullptr) worksheet_write_string(sheet, row, col, cell, nullptr);
    ++col;
  }
}

class CliXlsxImport : public testing::CliTest {
 protected:
  // Two stations as a clerk types them: numbers as numbers, the opening day as a date cell.
  void WriteGoodWorkbook(const std::string& path) {
    WriteWorkbook(path, [](lxw_workbook* wb, lxw_worksheet* ws) {
      lxw_format* date = workbook_add_format(wb);
      format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
      WriteRow(ws, 0,
               {"code", "name", "lng", "lat", "region", "phone", "opened_on", "investment_cny",
                "address"});
      WriteRow(ws, 1, {"T-1", "菜乡驿·温暖家 测试一站"});
      worksheet_write_number(ws, 1, 2, 118.79, nullptr);
      worksheet_write_number(ws, 1, 3, 36.856, nullptr);
      worksheet_write_number(ws, 1, 4, 370783001, nullptr);
      worksheet_write_number(ws, 1, 5, 18812342223, nullptr);
      lxw_datetime may_day = {2024, 5, 1, 0, 0, 0};
      worksheet_write_datetime(ws, 1, 6, &may_day, date);
      worksheet_write_number(ws, 1, 7, 12.5, nullptr);
      WriteRow(ws, 3, {"T-2", "测试二站", "118.75", "36.87"});  // row 3 left empty; no address
    });
  }
};

TEST_F(CliXlsxImport, ImportsAWorkbookReadingNumbersAndDatesAsTheirValues) {
  const std::string path = dir_ / "stations.xlsx";
  WriteGoodWorkbook(path);
  auto r = RunYizhan("import stations '" + path + "' " + data_, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 created, 0 updated"), std::string::npos) << r.out;
  const std::string csv = ExportCsv();
  EXPECT_NE(csv.find("T-1,菜乡驿·温暖家 测试一站,,118.79,36.856,370783001,"), std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",18812342223,2024-05-01,12.5\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("T-2,测试二站,,118.75,36.87,"), std::string::npos) << csv;
}

TEST_F(CliXlsxImport, ChoosesTheWorkbookByExtensionInAnyCase) {
  const std::string path = dir_ / "STATIONS.XLSX";
  WriteGoodWorkbook(path);
  auto r = RunYizhan("import stations '" + path + "' " + data_, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 created"), std::string::npos) << r.out;
}

TEST_F(CliXlsxImport, ReportsABadRowByItsSheetRowAndWritesNothing) {
  const std::string path = dir_ / "bad.xlsx";
  WriteWorkbook(path, [](lxw_workbook*, lxw_worksheet* ws) {
    WriteRow(ws, 0, {"code", "name", "lng", "lat"});
    WriteRow(ws, 1, {"X-1", "好站", "118.7", "36.8"});
    WriteRow(ws, 5, {"X-2", "坏站", nullptr, "36.8"});  // sheet row 6, rows 3–5 empty
    worksheet_write_number(ws, 5, 2, 181, nullptr);
  });
  const std::string before = ExportCsv();
  auto r = RunYizhan("import stations '" + path + "' " + data_, dir_);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("line 6: 经度 lng '181' 不在 -180 到 180 之间 (lng '181' is not a longitude "
                       "in [-180, 180])"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("1 error(s), nothing was written"), std::string::npos) << r.err;
  EXPECT_EQ(ExportCsv(), before);
}

TEST_F(CliXlsxImport, ReadsBackItsOwnXlsxExportUnchanged) {
  const std::string csv_path = dir_ / "good.csv";
  WriteText(csv_path,
            "code,name,address,lng,lat,region,host_type,level,status,opening_hours,amenities,"
            "services,manager,phone,"
            "opened_on,investment_cny\n"
            "T-1,菜乡驿·温暖家,寿光市圣城街道,118.737,36.856,370783001,bank,city_demo,open,Mo-Fr "
            "09:00-17:00,"
            "seating|microwave:broken,legal_aid,王凤文,18812342223,2023-03-04,35800.5\n"
            "T-2,规划站,,118.76,36.88,370783,union,standard,planned,,,,,,,\n");
  ASSERT_EQ(RunYizhan("import stations '" + csv_path + "' " + data_, dir_).exit_code, 0);
  const std::string first = ExportCsv();
  const std::string xlsx = dir_ / "export.xlsx";
  ASSERT_EQ(RunYizhan("export stations --format xlsx -o '" + xlsx + "' " + data_, dir_).exit_code,
            0);
  auto r = RunYizhan("import stations '" + xlsx + "' " + data_, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 created, 2 updated (2 unchanged)"), std::string::npos) << r.out;
  EXPECT_EQ(ExportCsv(), first);
}

TEST_F(CliXlsxImport, RefusesADamagedWorkbookClearly) {
  const std::string path = dir_ / "stations.xlsx";
  WriteGoodWorkbook(path);
  const std::string bytes = testing::ReadText(path);
  WriteText(path, bytes.substr(0, bytes.size() / 2));
  auto r = RunYizhan("import stations '" + path + "' " + data_, dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("line 1: 文件不是有效的 .xlsx 工作簿"), std::string::npos) << r.err;
  EXPECT_NE(
      r.err.find(
          "(not a valid .xlsx workbook: no zip central directory (the file may be truncated))"),
      std::string::npos)
      << r.err;
}

TEST_F(CliXlsxImport, RefusesAGbkCsvSayingSoAndSuggestingUtf8OrTheWorkbook) {
  // "名称" in GBK is C3FB B3C6; "寿光" CAD9 B9E2: what Excel in China saves as "CSV (逗号分隔)".
  const std::string path = dir_ / "gbk.csv";
  WriteText(path,
            "code,name,lng,lat\r\nG-1,\xC3\xFB\xB3\xC6,118.7,36.8\r\nG-2,\xCA\xD9\xB9\xE2,118.8,36."
            "9\r\n");
  auto r = RunYizhan("import stations '" + path + "' " + data_, dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("1 error(s), nothing was written"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 2: 文件不是 UTF-8 编码"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("GBK"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("CSV UTF-8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(".xlsx"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("line 3:"), std::string::npos) << r.err;  // one error, not one per line

  WriteText(dir_ / "gbk_regions.csv", "code,name\r\n370783,\xCA\xD9\xB9\xE2\xCA\xD0\r\n");
  auto regions = RunYizhan("import regions '" + (dir_ / "gbk_regions.csv") + "' " + data_, dir_);
  EXPECT_EQ(regions.exit_code, 1);
  EXPECT_NE(regions.err.find("line 2: 文件不是 UTF-8 编码"), std::string::npos) << regions.err;
}

TEST_F(CliXlsxImport, ImportsRegionsFromAWorkbook) {
  const std::string path = dir_ / "regions.xlsx";
  WriteWorkbook(path, [](lxw_workbook*, lxw_worksheet* ws) {
    WriteRow(ws, 0, {"code", "name"});
    worksheet_write_number(ws, 1, 0, 370783, nullptr);
    WriteRow(ws, 1, {nullptr, "寿光市"});
    WriteRow(ws, 2, {"370783001", "圣城街道"});
  });
  auto ok = RunYizhan("import regions '" + path + "' " + data_, dir_);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("imported: 2 regions"), std::string::npos) << ok.out;

  WriteWorkbook(path, [](lxw_workbook*, lxw_worksheet* ws) {
    WriteRow(ws, 0, {"code", "name"});
    WriteRow(ws, 3, {"37078X", "坏"});
  });
  auto bad = RunYizhan("import regions '" + path + "' " + data_, dir_);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("line 4:"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace yz
