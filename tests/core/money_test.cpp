#include "core/money.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

TEST(MoneyTest, ParsesYuanIntoFen) {
  EXPECT_EQ(ParseYuan("0"), Money{0});
  EXPECT_EQ(ParseYuan("12"), Money{1200});
  EXPECT_EQ(ParseYuan("12.5"), Money{1250});
  EXPECT_EQ(ParseYuan("12.50"), Money{1250});
  EXPECT_EQ(ParseYuan("12.05"), Money{1205});
  EXPECT_EQ(ParseYuan("0.05"), Money{5});
  EXPECT_EQ(ParseYuan("12.500"), Money{1250});
  EXPECT_EQ(ParseYuan("2507000"), Money{250700000});
  EXPECT_EQ(ParseYuan("007"), Money{700});
}

TEST(MoneyTest, RejectsAnythingElse) {
  for (std::string_view bad : {"", ".", "12.", ".5", "-1", "+1", "1,5", "12.345", "12.501", "1e3",
                               " 12", "12 ", "12.5.0", "¥12", "abc",
                               "99999999999999999999"}) {
    EXPECT_EQ(ParseYuan(bad), std::nullopt) << bad;
  }
}

TEST(MoneyTest, RejectsAmountsThatWouldOverflow) {
  EXPECT_TRUE(ParseYuan("92233720368547").has_value());
  EXPECT_EQ(ParseYuan("922337203685477581"), std::nullopt);
}

TEST(MoneyTest, FormatsTheShortestDecimal) {
  EXPECT_EQ(FormatYuan(Money{250700000}), "2507000");
  EXPECT_EQ(FormatYuan(Money{1250}), "12.5");
  EXPECT_EQ(FormatYuan(Money{5}), "0.05");
  EXPECT_EQ(FormatYuan(Money{1205}), "12.05");
  EXPECT_EQ(FormatYuan(Money{0}), "0");
}

TEST(MoneyTest, FormatThenParseRoundTrips) {
  for (int64_t fen : {0, 1, 9, 10, 99, 100, 101, 123456789}) {
    EXPECT_EQ(ParseYuan(FormatYuan(Money{fen})), Money{fen}) << fen;
  }
}

TEST(MoneyTest, Orders) {
  EXPECT_LT(Money{5}, Money{10});
  EXPECT_EQ(Money{5}, Money{5});
}

}  // namespace
}  // namespace yz
