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

}  // namespace
}  // namespace yz
