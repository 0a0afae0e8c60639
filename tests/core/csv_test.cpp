#include "core/csv.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

TEST(CsvTest, RecordsKeepTheirFirstPhysicalLine) {
  auto records = ParseCsv("a,b\n\"multi\nline\",x\n\nlast,\"q\"\"uote\"\r\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[1].line, 2);
  EXPECT_EQ((*records)[1].fields[0], "multi\nline");
  EXPECT_EQ((*records)[2].line, 5);
  EXPECT_EQ((*records)[2].fields[1], "q\"uote");
}

TEST(CsvTest, ReaderNamesTheLineAndReasonOfAFault) {
  CsvReader reader("a,b\nc,d\ne,\"open\nstill open");
  CsvRecord record;
  ASSERT_TRUE(*reader.Next(record));
  ASSERT_TRUE(*reader.Next(record));
  auto bad = reader.Next(record);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(reader.error_line(), 3);
  EXPECT_EQ(reader.error_reason(), "unterminated quoted field");
  EXPECT_EQ(bad.error().message, "line 3: unterminated quoted field");

  CsvReader quote("ok\nx\"y\n");
  ASSERT_TRUE(*quote.Next(record));
  EXPECT_FALSE(quote.Next(record).ok());
  EXPECT_EQ(quote.error_line(), 2);
  EXPECT_EQ(quote.error_reason(), "quote inside an unquoted field");

  CsvFault fault;
  EXPECT_FALSE(ParseCsv("a,b\nc,d\ne,\"open\nstill open", &fault).ok());
  EXPECT_EQ(fault.line, 3);
  EXPECT_EQ(fault.reason, "unterminated quoted field");
}

// A name like "=HYPERLINK(…)" must reach Excel and WPS as text, and `import` must read back
// exactly what `export` wrote.
TEST(CsvTest, FormulaLikeCellsAreWrittenAsTextAndReadBackExactly) {
  const std::vector<std::string> values = {"=HYPERLINK(\"https://evil.example\",\"点此\")",
                                           "+86 188 1234 2223",
                                           "-",
                                           "@SUM(A1)",
                                           "\tx",
                                           "\rx",
                                           "'=already quoted",
                                           "''+twice",
                                           "'plain",
                                           "'",
                                           "''",
                                           "-73.5",
                                           "+86",
                                           "12",
                                           "王师傅",
                                           "",
                                           "a=b",
                                           "-1+1",
                                           "'-73.5"};
  std::string file;
  AppendCsvRecord(file, values);
  // On the wire, every cell that a spreadsheet would evaluate starts with an apostrophe.
  EXPECT_EQ(file.rfind("\"'=HYPERLINK(", 0), 0u) << file;
  EXPECT_NE(file.find(",'+86 188 1234 2223,"), std::string::npos) << file;
  EXPECT_NE(file.find(",'-,'@SUM(A1),"), std::string::npos) << file;
  EXPECT_NE(file.find(",''=already quoted,'''+twice,'plain,',''"), std::string::npos) << file;
  EXPECT_NE(file.find(",-73.5,+86,12,王师傅,,a=b,'-1+1,''-73.5"), std::string::npos) << file;
  auto read = ParseCsv(file);
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ(read->front().fields, values);
  for (const std::string& v : values) EXPECT_EQ(RestoreFormula(NeutraliseFormula(v)), v) << v;
}

}  // namespace
}  // namespace yz
