#include "core/date.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

using namespace std::chrono;

TEST(DateTest, ParsesRealDays) {
  EXPECT_EQ(ParseDate("2026-07-01"), Date{year{2026} / July / 1});
  EXPECT_EQ(ParseDate("2024-02-29"), Date{year{2024} / February / 29});
  EXPECT_EQ(ParseDate("2000-02-29"), Date{year{2000} / February / 29});
}

TEST(DateTest, RejectsDaysThatDoNotExistAndOtherShapes) {
  for (std::string_view bad : {"2023-02-29", "1900-02-29", "2026-02-30", "2026-04-31", "2026-13-01",
                               "2026-00-10", "2026-01-00", "2026-7-01", "2026/07/01", "20260701",
                               "2026-07-01T00:00:00Z", "", "abcd-ef-gh", "2026-07-1 ", "-026-07-01"}) {
    EXPECT_EQ(ParseDate(bad), std::nullopt) << bad;
  }
}

TEST(DateTest, FormatsWithLeadingZeros) {
  EXPECT_EQ(FormatDate(Date{year{2026} / July / 1}), "2026-07-01");
  EXPECT_EQ(FormatDate(Date{year{987} / January / 9}), "0987-01-09");
}

TEST(DateTest, FormatThenParseRoundTrips) {
  for (const char* text : {"2026-12-31", "1970-01-01", "2024-02-29"}) {
    EXPECT_EQ(FormatDate(*ParseDate(text)), text);
  }
}

}  // namespace
}  // namespace yz
