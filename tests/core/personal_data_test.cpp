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

TEST(MaskPersonalNumbersTest, MasksMobileAndIdNumbersInFreeTextAndLeavesOtherNumbers) {
  EXPECT_EQ(MaskPersonalNumbers("空调坏了，联系我18812342223谢谢"), "空调坏了，联系我188****2223谢谢");
  EXPECT_EQ(MaskPersonalNumbers("电话 188 1234 2223，或 +8613912345678"),
            "电话 188 **** 2223，或 +86139****5678");
  EXPECT_EQ(MaskPersonalNumbers("电话 +86 188-1234-2223"), "电话 +86 188-****-2223");
  EXPECT_EQ(MaskPersonalNumbers("身份证 11010519491231002X。"), "身份证 110***********002X。");
  EXPECT_EQ(MaskPersonalNumbers("身份证110105194912310021"), "身份证110***********0021");
  // Amounts, dates, order numbers and too-long runs are not personal numbers.
  EXPECT_EQ(MaskPersonalNumbers("少了 2 箱水，2026-12-07，订单 123456789012"),
            "少了 2 箱水，2026-12-07，订单 123456789012");
  EXPECT_EQ(MaskPersonalNumbers("188123422231234"), "188********1234");  // 15 digits: an old ID
  EXPECT_EQ(MaskPersonalNumbers("12345678901234567890"), "12345678901234567890");
  EXPECT_EQ(MaskPersonalNumbers("code18812342223"), "code18812342223");
  EXPECT_EQ(MaskPersonalNumbers(""), "");
}

}  // namespace
}  // namespace yz
