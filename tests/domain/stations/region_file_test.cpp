#include "domain/stations/region_file.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

std::vector<std::string> Messages(const ParsedRegionFile& f) {
  std::vector<std::string> all;
  for (const auto& e : f.errors) all.push_back(std::to_string(e.line) + ": " + e.message);
  return all;
}

TEST(RegionFile, ReadsCodesAndNamesInAnyColumnOrder) {
  const auto parsed = ParseRegionFile("name,code\n寿光市,370783\n圣城街道,370783001\n");
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.regions.size(), 2u);
  EXPECT_EQ(parsed.regions[1].code, "370783001");
  EXPECT_EQ(parsed.regions[1].name, "圣城街道");
}

TEST(RegionFile, NamesHeaderProblemsInChineseThenEnglish) {
  EXPECT_EQ(Messages(ParseRegionFile("code,colour\n370783,红\n")),
            (std::vector<std::string>{
                "1: 未知或重复的列 'colour' (unknown or repeated column 'colour')",
                "1: 缺少必需的列 'name' (required column 'name' is missing)",
            }));
  EXPECT_EQ(Messages(ParseRegionFile("name\n寿光市\n")),
            std::vector<std::string>{"1: 缺少必需的列 'code' (required column 'code' is missing)"});
  EXPECT_EQ(Messages(ParseRegionFile("")),
            std::vector<std::string>{"1: 文件为空：第一行须为表头 `code,name` (the file is empty: "
                                     "a header row `code,name` is required)"});
}

TEST(RegionFile, NamesEveryBadRowInChineseThenEnglish) {
  const auto parsed = ParseRegionFile(
      "code,name\n"
      "370783,寿光市\n"
      "37078X,坏\n"
      "370783001,\n"
      "370783,重复\n"
      "370784\n");
  EXPECT_EQ(
      Messages(parsed),
      (std::vector<std::string>{
          "3: 行政区划代码 code '37078X' 不是 2、4、6、9 或 12 位数字的区划代码 "
          "(code '37078X' is not a division code of 2, 4, 6, 9 or 12 digits)",
          "4: 名称 name 须为 1 到 50 个字符 (name must be 1 to 50 characters)",
          "5: 第 2 行已有行政区划代码 code '370783' (code '370783' already appears on line 2)",
          "6: 此行有 1 个字段，表头有 2 个 (1 fields where the header has 2)",
      }));
}

TEST(RegionFile, NamesInvalidUtf8AndCsvFaultsInChineseThenEnglish) {
  EXPECT_EQ(Messages(ParseRegionFile("code,name\n370783,\xC3\x28\n")),
            std::vector<std::string>{"2: " + NotUtf8FileMessage(1)});
  EXPECT_EQ(
      Messages(ParseRegionFile("code,name\n370783,\xCA\xD9\xB9\xE2\n370783001,\xCA\xA5\xB3\xC7\n")),
      std::vector<std::string>{"2: " + NotUtf8FileMessage(2)});  // 寿光, 圣城 in GBK
  EXPECT_EQ(Messages(ParseRegionFile("code,name\n370783,\"寿光\n")),
            std::vector<std::string>{"2: CSV 格式有误：引号没有闭合 (unterminated quoted field)"});
}

}  // namespace
}  // namespace yz
