#include "core/personal_data.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

TEST(PersonalDataTest, MasksAllButThreeLeadingAndFourTrailingDigits) {
  EXPECT_EQ(MaskPhone("18812342223"), "188****2223");
  EXPECT_EQ(MaskPhone("12345678"), "123*5678");
}

TEST(PersonalDataTest, KeepsSeparatorsInPlace) {
  EXPECT_EQ(MaskPhone("+86 188-1234-2223"), "+86 1**-****-2223");  // the country code counts
  EXPECT_EQ(MaskPhone("188 1234 2223"), "188 **** 2223");
}

TEST(PersonalDataTest, ShortNumbersKeepAtMostTheirLastTwoDigits) {
  EXPECT_EQ(MaskPhone("1234567"), "*****67");
  EXPECT_EQ(MaskPhone("110"), "*10");
  EXPECT_EQ(MaskPhone("12"), "**");
  EXPECT_EQ(MaskPhone("1"), "*");
  EXPECT_EQ(MaskPhone("0536-12"), "****-12");
}

TEST(PersonalDataTest, EmptyStaysEmpty) {
  EXPECT_EQ(MaskPhone(""), "");
  EXPECT_EQ(MaskPhone("--"), "--");
}

}  // namespace
}  // namespace yz
