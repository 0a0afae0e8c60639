#include "core/region_code.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

TEST(RegionCodeTest, ValidCodesHaveTheLevelLengths) {
  for (std::string_view code : {"37", "3707", "370783", "370783101", "370783101001"}) {
    EXPECT_TRUE(IsValidRegionCode(code)) << code;
  }
  for (std::string_view code : {"", "3", "370", "37078", "3707831", "37078310", "3707831010",
                                "37078310100", "3707831010011", "37O783", "3707-3", " 370783"}) {
    EXPECT_FALSE(IsValidRegionCode(code)) << code;
  }
}

TEST(RegionCodeTest, AScopeCoversItselfAndEverythingBelow) {
  EXPECT_TRUE(RegionCovers("370783", "370783"));
  EXPECT_TRUE(RegionCovers("370783", "370783101"));
  EXPECT_TRUE(RegionCovers("37", "370783101001"));
  EXPECT_TRUE(RegionCovers("", "370783"));
  EXPECT_FALSE(RegionCovers("370783", "370782101"));
  EXPECT_FALSE(RegionCovers("370783101", "370783"));  // a town does not cover its county
  EXPECT_FALSE(RegionCovers("3707", "37"));
}

TEST(RegionCodeTest, AncestorsAreTheShorterPrefixes) {
  EXPECT_EQ(RegionAncestors("370783101"), (std::vector<std::string>{"37", "3707", "370783"}));
  EXPECT_EQ(RegionAncestors("370783101001"),
            (std::vector<std::string>{"37", "3707", "370783", "370783101"}));
  EXPECT_EQ(RegionAncestors("370783"), (std::vector<std::string>{"37", "3707"}));
  EXPECT_TRUE(RegionAncestors("37").empty());
}

}  // namespace
}  // namespace yz
