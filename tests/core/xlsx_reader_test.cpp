#include "core/xlsx/xlsx_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include "core/test_zip.h"
#include "core/xlsx/xml_scanner.h"

namespace yz {
namespace {

using testing::TestSheet;
using testing::TestZipMember;
using testing::WriteTestWorkbook;
using testing::WriteTestZip;

// The bytes of a workbook written by libxlsxwriter (a real writer) through `fill`.
std::string WriteWorkbook(const std::function<void(lxw_workbook*)>& fill,
                          bool constant_memory = false) {
  std::random_device rd;
  const auto path =
      std::filesystem::temp_directory_path() / ("yizhan-xlsx-" + std::to_string(rd()) + ".xlsx");
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  fill(workbook);
  EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return std::move(bytes).str();
}

std::vector<std::string> Fields(std::initializer_list<const char*> fields) {
  return std::vector<std::string>(fields.begin(), fields.end());
}

XlsxSheet ReadOk(std::string_view bytes) {
  auto sheet = ReadXlsxFirstSheet(bytes);
  EXPECT_TRUE(sheet.ok()) << sheet.error().message;
  return sheet.ok() ? *sheet : XlsxSheet{};
}

TEST(XlsxReader, ReadsChineseStringsNumbersAndDatesAsText) {
  const std::string bytes = WriteWorkbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "站点");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* builtin_date = workbook_add_format(wb);
    format_set_num_format_index(builtin_date, 14);
    lxw_format* chinese_date = workbook_add_format(wb);
    format_set_num_format(chinese_date, "yyyy\"年\"m\"月\"d\"日\"");
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00");
    const char* header[] = {"code",           "name",      "lng", "lat", "region",
                            "investment_cny", "opened_on", "b",   "c"};
    for (int c = 0; c < 9; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
    worksheet_write_string(ws, 1, 0, "SG-1", nullptr);
    worksheet_write_string(ws, 1, 1, "菜乡驿·温暖家 圣城站", nullptr);
    worksheet_write_number(ws, 1, 2, 118.79, nullptr);
    worksheet_write_number(ws, 1, 3, 36.856, nullptr);
    worksheet_write_number(ws, 1, 4, 370783001, nullptr);
    worksheet_write_number(ws, 1, 5, 12.5, money);
    lxw_datetime may_day = {2024, 5, 1, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 6, &may_day, date);
    lxw_datetime evening = {2023, 3, 4, 18, 30, 0};
    worksheet_write_datetime(ws, 1, 7, &evening, builtin_date);
    worksheet_write_datetime(ws, 1, 8, &may_day, chinese_date);
    worksheet_write_number(ws, 2, 0, 35800, nullptr);
    worksheet_write_number(ws, 2, 1, -0.25, nullptr);
    worksheet_write_number(ws, 2, 2, 0.1 + 0.2, nullptr);  // written as %.16g: 0.3
    worksheet_write_boolean(ws, 2, 3, 1, nullptr);
    worksheet_write_boolean(ws, 2, 4, 0, nullptr);
    worksheet_write_formula_num(ws, 2, 5, "=1+1", nullptr, 2);
    worksheet_write_formula_str(ws, 2, 6, "=\"驿\"&\"站\"", nullptr, "驿站");
  });
  const XlsxSheet sheet = ReadOk(bytes);
  ASSERT_EQ(sheet.rows.size(), 3u);
  EXPECT_EQ(sheet.rows[0].line, 1);
  EXPECT_EQ(sheet.rows[0].fields, Fields({"code", "name", "lng", "lat", "region", "investment_cny",
                                          "opened_on", "b", "c"}));
  EXPECT_EQ(sheet.rows[1].line, 2);
  EXPECT_EQ(sheet.rows[1].fields,
            Fields({"SG-1", "菜乡驿·温暖家 圣城站", "118.79", "36.856", "370783001", "12.5",
                    "2024-05-01", "2023-03-04", "2024-05-01"}));
  EXPECT_EQ(sheet.rows[2].fields, Fields({"35800", "-0.25", "0.3", "TRUE", "FALSE", "2", "驿站"}));
  EXPECT_TRUE(sheet.cell_errors.empty());
}

// A date format that shows the time of day (openpyxl writes datetimes so; a roster's shift times)
// keeps it: "YYYY-MM-DD HH:MM", with seconds only when there are any.
TEST(XlsxReader, ReadsDateTimeCellsWithTheirTimeOfDay) {
  const std::string bytes = WriteWorkbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "排班");
    lxw_format* minutes = workbook_add_format(wb);
    format_set_num_format(minutes, "yyyy-mm-dd hh:mm");
    lxw_format* seconds = workbook_add_format(wb);
    format_set_num_format(seconds, "yyyy-mm-dd h:mm:ss");
    lxw_format* builtin = workbook_add_format(wb);
    format_set_num_format_index(builtin, 22);  // m/d/yy h:mm
    lxw_format* time_only = workbook_add_format(wb);
    format_set_num_format(time_only, "hh:mm");
    lxw_datetime seven = {2026, 12, 20, 7, 0, 0};
    lxw_datetime late = {2026, 12, 20, 23, 59, 30};
    lxw_datetime midnight = {2026, 12, 21, 0, 0, 0};
    worksheet_write_datetime(ws, 0, 0, &seven, minutes);
    worksheet_write_datetime(ws, 0, 1, &late, seconds);
    worksheet_write_datetime(ws, 0, 2, &midnight, builtin);
    worksheet_write_number(ws, 0, 3, 0.5, time_only);  // a time alone stays a number
  });
  const XlsxSheet sheet = ReadOk(bytes);
  ASSERT_EQ(sheet.rows.size(), 1u);
  EXPECT_EQ(sheet.rows[0].fields,
            Fields({"2026-12-20 07:00", "2026-12-20 23:59:30", "2026-12-21 00:00", "0.5"}));
}

TEST(XlsxReader, MissingAndTrailingEmptyCellsAndSkippedRowsKeepSheetRowNumbers) {
  const std::string bytes = WriteWorkbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    lxw_format* yellow = workbook_add_format(wb);
    format_set_bg_color(yellow, LXW_COLOR_YELLOW);
    worksheet_write_string(ws, 0, 0, "a", nullptr);
    worksheet_write_string(ws, 0, 1, "b", nullptr);
    worksheet_write_string(ws, 0, 2, "c", nullptr);
    worksheet_write_blank(ws, 0, 5, yellow);  // formatted but empty, past the last column
    worksheet_write_string(ws, 1, 0, "x", nullptr);
    worksheet_write_string(ws, 1, 2, "z", nullptr);  // B2 missing
    worksheet_write_blank(ws, 1, 3, yellow);
    worksheet_write_string(ws, 1, 4, "", nullptr);
    worksheet_write_string(ws, 4, 1, "only B5", nullptr);  // rows 3 and 4 missing
    worksheet_write_blank(ws, 6, 0, yellow);               // an empty but formatted row 7
    worksheet_write_blank(ws, 6, 1, yellow);
  });
  const XlsxSheet sheet = ReadOk(bytes);
  ASSERT_EQ(sheet.rows.size(), 3u);
  EXPECT_EQ(sheet.rows[0].fields, Fields({"a", "b", "c"}));
  EXPECT_EQ(sheet.rows[1].line, 2);
  EXPECT_EQ(sheet.rows[1].fields, Fields({"x", "", "z"}));
  EXPECT_EQ(sheet.rows[2].line, 5);
  EXPECT_EQ(sheet.rows[2].fields, Fields({"", "only B5"}));
}

TEST(XlsxReader, ReadsInlineStringsOfAConstantMemoryWriterAndRichText) {
  const std::string bytes = WriteWorkbook(
      [](lxw_workbook* wb) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
        worksheet_write_string(ws, 0, 0, "name", nullptr);
        worksheet_write_string(ws, 1, 0, " 圣城 <驿站> & \"家\" ", nullptr);
        worksheet_write_string(ws, 2, 0, "emoji 😀", nullptr);
      },
      /*constant_memory=*/true);
  auto zip = ZipArchive::Open(bytes);
  ASSERT_TRUE(zip.ok());
  const ZipMember* part = zip->Find("xl/worksheets/sheet1.xml");
  ASSERT_NE(part, nullptr);
  ASSERT_NE(zip->Extract(*part)->find("t=\"inlineStr\""),
            std::string::npos);  // no shared strings here
  const XlsxSheet sheet = ReadOk(bytes);
  ASSERT_EQ(sheet.rows.size(), 3u);
  EXPECT_EQ(sheet.rows[1].fields, Fields({" 圣城 <驿站> & \"家\" "}));
  EXPECT_EQ(sheet.rows[2].fields, Fields({"emoji 😀"}));

  const std::string rich = WriteWorkbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_rich_string_tuple a = {nullptr, const_cast<char*>("菜乡驿·")};
    lxw_rich_string_tuple b = {bold, const_cast<char*>("温暖家")};
    lxw_rich_string_tuple c = {nullptr, const_cast<char*>(" 一站")};
    lxw_rich_string_tuple* parts[] = {&a, &b, &c, nullptr};
    worksheet_write_rich_string(ws, 0, 0, parts, nullptr);
  });
  EXPECT_EQ(ReadOk(rich).rows.at(0).fields, Fields({"菜乡驿·温暖家 一站"}));
}

TEST(XlsxReader, ReadsTheFirstSheetInWorkbookOrderNotSheet1) {
  const std::string bytes = WriteTestWorkbook(
      {{"站点", "rId7", "worksheets/sheet2.xml"}, {"说明", "rId1", "/xl/worksheets/sheet1.xml"}},
      {{"xl/worksheets/sheet1.xml",
        TestSheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>说明</t></is></c></row>")},
       {"xl/worksheets/sheet2.xml",
        TestSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")},
       {"xl/sharedStrings.xml", "<sst><si><t>站点表</t></si></sst>"}});
  EXPECT_EQ(ReadOk(bytes).rows.at(0).fields, Fields({"站点表"}));
}

TEST(XlsxReader, DecodesRunsEntitiesCharacterReferencesAndEscapes) {
  const std::string strings =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\">"
      "<si><r><rPr><b/></rPr><t xml:space=\"preserve\">驿 </t></r><r><t>站</t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>yi</t></rPh></si>"
      "<si><t>&lt;a&gt; &amp;&quot;&apos; &#39640;&#x1F600;</t></si>"
      "<si><t>line_x000D__x000A_two _x005F_x0041_ _xD83D__xDE00_ _x0041_</t></si>"
      "</sst>";
  const std::string bytes = WriteTestWorkbook(
      {{"s", "rId1", "worksheets/sheet1.xml"}},
      {{"xl/worksheets/sheet1.xml",
        TestSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                  "<c r=\"C1\" t=\"s\"><v>2</v></c></row>")},
       {"xl/sharedStrings.xml", strings}});
  EXPECT_EQ(ReadOk(bytes).rows.at(0).fields,
            Fields({"驿 站", "<a> &\"' 高😀", "line\r\ntwo _x0041_ 😀 A"}));
}

TEST(XlsxReader, CellsWithoutReferencesFollowTheirNeighboursAndPrefixedTagsAreRead) {
  const std::string bytes = WriteTestWorkbook(
      {{"s", "rId1", "worksheets/sheet1.xml"}},
      {{"xl/worksheets/sheet1.xml",
        "<x:worksheet "
        "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
        "<x:row><x:c><x:v>1</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:t>b</x:t></x:is></x:c>"
        "<x:c><x:v>118.79000000000001</x:v></x:c><x:c><x:v>1.5E-3</x:v></x:c></x:row>"
        "<x:row r=\"3\"><x:c r=\"C3\"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>"
        "</x:sheetData></x:worksheet>"}});
  const XlsxSheet sheet = ReadOk(bytes);
  ASSERT_EQ(sheet.rows.size(), 2u);
  EXPECT_EQ(sheet.rows[0].line, 1);
  EXPECT_EQ(sheet.rows[0].fields,
            Fields({"1", "b", "118.79", "0.0015"}));  // Excel writes 17 digits
  EXPECT_EQ(sheet.rows[1].line, 3);
  EXPECT_EQ(sheet.rows[1].fields, Fields({"", "", "3", "4"}));
}

TEST(XlsxReader, HonoursDate1904AndCustomDateFormats) {
  const std::string styles =
      "<styleSheet><numFmts count=\"2\"><numFmt numFmtId=\"164\" "
      "formatCode=\"[$-804]yyyy&quot;年&quot;m&quot;月&quot;\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"&quot;day &quot;0.00\"/></numFmts>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf "
      "numFmtId=\"14\"/></cellXfs>"
      "</styleSheet>";
  auto workbook = [&](const std::string& pr) {
    std::vector<TestZipMember> parts = {
        {"xl/worksheets/sheet1.xml",
         TestSheet(
             "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45413</v></c><c r=\"B1\" s=\"2\"><v>45413</v></c>"
             "<c r=\"C1\" s=\"3\"><v>0</v></c><c r=\"D1\"><v>45413</v></c></row>")},
        {"xl/styles.xml", styles}};
    std::string bytes = WriteTestWorkbook({{"s", "rId1", "worksheets/sheet1.xml"}}, parts, pr);
    return bytes;
  };
  // Styles are found through the workbook's relationships only when listed; the default name
  // xl/styles.xml serves otherwise.
  EXPECT_EQ(ReadOk(workbook("")).rows.at(0).fields, Fields({"2024-05-01", "45413", "0", "45413"}));
  EXPECT_EQ(ReadOk(workbook("<workbookPr date1904=\"1\"/>")).rows.at(0).fields,
            Fields({"2028-05-02", "45413", "1904-01-01", "45413"}));
}

TEST(XlsxReader, FormatsNumbersShortestWithoutExponentAndDatesWithTheLeapYearBug) {
  EXPECT_EQ(FormatXlsxNumber(12), "12");
  EXPECT_EQ(FormatXlsxNumber(12.5), "12.5");
  EXPECT_EQ(FormatXlsxNumber(118.79), "118.79");
  EXPECT_EQ(FormatXlsxNumber(-0.0), "0");
  EXPECT_EQ(FormatXlsxNumber(18812342223), "18812342223");
  EXPECT_EQ(FormatXlsxNumber(0.000001), "0.000001");
  EXPECT_EQ(FormatXlsxNumber(1e21), "1e+21");
  EXPECT_EQ(FormatXlsxDate(1, false), "1900-01-01");
  EXPECT_EQ(FormatXlsxDate(59, false), "1900-02-28");
  EXPECT_EQ(FormatXlsxDate(60, false), "1900-02-29");
  EXPECT_EQ(FormatXlsxDate(61, false), "1900-03-01");
  EXPECT_EQ(FormatXlsxDate(45413.75, false), "2024-05-01");
  EXPECT_EQ(FormatXlsxDate(45413.99999999999, false), "2024-05-02");
  EXPECT_EQ(FormatXlsxDate(0.5, false), "");
  EXPECT_EQ(FormatXlsxDate(0, true), "1904-01-01");
  EXPECT_EQ(FormatXlsxDate(2958465, false), "9999-12-31");
  EXPECT_EQ(FormatXlsxDate(2958466, false), "");
}

TEST(XlsxReader, ErrorCellsAreProblemsOfTheirRow) {
  const std::string bytes = WriteTestWorkbook(
      {{"s", "rId1", "worksheets/sheet1.xml"}},
      {{"xl/worksheets/sheet1.xml",
        TestSheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>lng</t></is></c></row>"
                  "<row r=\"4\"><c r=\"A4\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>")}});
  const XlsxSheet sheet = ReadOk(bytes);
  ASSERT_EQ(sheet.cell_errors.size(), 1u);
  EXPECT_EQ(sheet.cell_errors[0].line, 4);
  EXPECT_EQ(
      sheet.cell_errors[0].message,
      "单元格 A4 是错误值 #DIV/0!，请改正公式或填入数值 (cell A4 holds the error value #DIV/0!)");
}

std::string SmallWorkbook() {
  return WriteWorkbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    for (int r = 0; r < 50; ++r)
      worksheet_write_string(ws, r, 0, ("驿站 " + std::to_string(r)).c_str(), nullptr);
  });
}

void ExpectRefused(std::string_view bytes, std::string_view fragment,
                   const XlsxLimits& limits = {}) {
  auto sheet = ReadXlsxFirstSheet(bytes, limits);
  ASSERT_FALSE(sheet.ok());
  EXPECT_EQ(sheet.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(sheet.error().message.starts_with("文件不是有效的 .xlsx 工作簿："))
      << sheet.error().message;
  EXPECT_NE(sheet.error().message.find(fragment), std::string::npos) << sheet.error().message;
}

TEST(XlsxReader, RefusesTruncatedAndCorruptArchivesWithAClearMessage) {
  const std::string good = SmallWorkbook();
  ASSERT_TRUE(ReadXlsxFirstSheet(good).ok());
  ExpectRefused(
      good.substr(0, good.size() / 2),
      "(not a valid .xlsx workbook: no zip central directory (the file may be truncated))");
  ExpectRefused(good.substr(0, 3), "does not start as a zip archive");
  ExpectRefused("code,name\n", "does not start as a zip archive");
  // Every single flipped byte is refused or read, never a crash.
  for (std::size_t at = 0; at < good.size(); at += 7) {
    std::string damaged = good;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    (void)ReadXlsxFirstSheet(damaged);
  }
  // Damage inside the compressed sheet: the inflate or the CRC-32 check catches it.
  auto zip = ZipArchive::Open(good);
  ASSERT_TRUE(zip.ok());
  const ZipMember* sheet = zip->Find("xl/worksheets/sheet1.xml");
  ASSERT_NE(sheet, nullptr);
  std::string damaged = good;
  damaged[sheet->local_header_offset + 30 + sheet->name.size() + sheet->compressed_size / 2] ^=
      0x20;
  ExpectRefused(damaged, "sheet1.xml");
  // Every truncation too.
  for (std::size_t size = 0; size < good.size(); size += 13)
    (void)ReadXlsxFirstSheet(good.substr(0, size));
}

TEST(XlsxReader, RefusesAZipBombByItsRatioAndAnythingOverTheSizeLimit) {
  const std::string bomb =
      WriteTestWorkbook({{"s", "rId1", "worksheets/sheet1.xml"}},
                        {{"xl/worksheets/sheet1.xml", TestSheet(std::string(20u << 20, ' '))}});
  ASSERT_LT(bomb.size(), 100'000u);
  ExpectRefused(bomb, "looks like a zip bomb");
  XlsxLimits small;
  small.zip.max_total_uncompressed = 4096;
  ExpectRefused(SmallWorkbook(), "more than 4096 bytes uncompressed", small);
}

TEST(XlsxReader, RefusesEncryptedMembersOtherMethodsAndMissingParts) {
  auto with_flags = [](std::uint16_t flags) {
    return WriteTestZip(
        {{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>", true, flags}});
  };
  ExpectRefused(with_flags(1), "is encrypted");
  ExpectRefused(WriteTestZip({{"word/document.xml", "<w:document/>"}}),
                "xl/workbook.xml is missing");
  ExpectRefused(WriteTestWorkbook({}, {}), "the workbook has no sheet");
  ExpectRefused(WriteTestWorkbook({{"s", "rId1", "worksheets/sheet1.xml"}}, {}),
                "the first sheet xl/worksheets/sheet1.xml is missing");
  ExpectRefused(
      WriteTestWorkbook({{"s", "rId1", "worksheets/sheet1.xml"}},
                        {{"xl/worksheets/sheet1.xml",
                          TestSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>")}}),
      "shared string '3', which does not exist");
  ExpectRefused(
      WriteTestWorkbook({{"s", "rId1", "worksheets/sheet1.xml"}},
                        {{"xl/worksheets/sheet1.xml", TestSheet("<row r=\"2\"/><row r=\"1\"/>")}}),
      "out of order");
  ExpectRefused(WriteTestWorkbook(
                    {{"s", "rId1", "worksheets/sheet1.xml"}},
                    {{"xl/worksheets/sheet1.xml", "<!DOCTYPE x [<!ENTITY a \"b\">]><worksheet/>"}}),
                "DOCTYPE");
}

TEST(XlsxReader, RefusesTooManyCells) {
  XlsxLimits limits;
  limits.max_cells = 10;
  ExpectRefused(WriteTestWorkbook({{"s", "rId1", "worksheets/sheet1.xml"}},
                                  {{"xl/worksheets/sheet1.xml",
                                    TestSheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>")}}),
                "more than 10 cells", limits);
}

TEST(XlsxReader, ChoosesTheFormatByExtensionAndRecognisesZipBytes) {
  EXPECT_EQ(SpreadsheetFormatOfFileName("stations.xlsx"), SpreadsheetFormat::kXlsx);
  EXPECT_EQ(SpreadsheetFormatOfFileName("/tmp/站点.XLSX"), SpreadsheetFormat::kXlsx);
  EXPECT_EQ(SpreadsheetFormatOfFileName("stations.csv"), SpreadsheetFormat::kCsv);
  EXPECT_EQ(SpreadsheetFormatOfFileName("xlsx"), SpreadsheetFormat::kCsv);
  EXPECT_EQ(SpreadsheetFormatOfFileName("a.xls"), SpreadsheetFormat::kCsv);
  EXPECT_TRUE(LooksLikeXlsx(SmallWorkbook()));
  EXPECT_FALSE(LooksLikeXlsx("code,name\n"));
  EXPECT_FALSE(LooksLikeXlsx("PK"));
}

TEST(XmlScanner, DecodesEntitiesAndRefusesCharactersXmlForbids) {
  std::string out;
  EXPECT_TRUE(AppendXmlDecoded("a&amp;b&#x1F600;&#26032;", out));
  EXPECT_EQ(out, "a&b😀新");
  out.clear();
  EXPECT_FALSE(AppendXmlDecoded("&#0;", out));
  out.clear();
  EXPECT_FALSE(AppendXmlDecoded("&#xD800;", out));
  out.clear();
  EXPECT_FALSE(AppendXmlDecoded("&#x110000;", out));
  out.clear();
  EXPECT_FALSE(AppendXmlDecoded("&nbsp;", out));
  EXPECT_EQ(UnescapeOoxml("_xD83D_ alone"), "_xD83D_ alone");
  EXPECT_EQ(UnescapeOoxml("_x00e9_"), "é");
}

}  // namespace
}  // namespace yz
