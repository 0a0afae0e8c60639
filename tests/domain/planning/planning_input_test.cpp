#include "domain/planning/planning_input.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

std::string Messages(const std::vector<RowError>& errors) {
  std::string all;
  for (const auto& e : errors) all += std::to_string(e.line) + ": " + e.message + "\n";
  return all;
}

TEST(DemandFile, ReadsColumnsInAnyOrderWithOptionalGroup) {
  const auto f = ParseDemandFile("\xEF\xBB\xBFweight,lat,lng,group\n3,36.85,118.74,sanitation\n1.5,36.86,118.75,\n", Crs::kWgs84);
  ASSERT_TRUE(f.errors.empty()) << Messages(f.errors);
  ASSERT_EQ(f.points.size(), 2u);
  EXPECT_EQ(f.points[0].weight, 3);
  EXPECT_EQ(f.points[0].location.lat.degrees(), 36.85);
  EXPECT_EQ(f.points[0].group, WorkerCategory::kSanitation);
  EXPECT_FALSE(f.points[1].group.has_value());
}

TEST(DemandFile, ConvertsFromTheGivenCrs) {
  const auto f = ParseDemandFile("lng,lat,weight\n118.74,36.85,1\n", Crs::kGcj02);
  ASSERT_TRUE(f.errors.empty());
  EXPECT_GT(DistanceMeters(f.points[0].location, {Latitude(36.85), Longitude(118.74)}), 100);
}

TEST(DemandFile, RejectsMissingAndUnknownColumnsOnLineOne) {
  auto f = ParseDemandFile("lng,lat\n118.7,36.8\n", Crs::kWgs84);
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(f.errors[0].line, 1);
  EXPECT_NE(f.errors[0].message.find("缺少列 'weight' (missing column 'weight')"), std::string::npos);
  f = ParseDemandFile("lng,lat,weight,region\n118.7,36.8,1,370783\n", Crs::kWgs84);
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_NE(f.errors[0].message.find("unknown column 'region'"), std::string::npos);
  f = ParseDemandFile("", Crs::kWgs84);
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(f.errors[0].line, 1);
}

TEST(DemandFile, NamesTheLineAndReasonOfAMalformedCsvRecord) {
  const auto f = ParseDemandFile("lng,lat,weight\n118.7,36.8,1\n118.7,\"36.8,1\n", Crs::kWgs84);
  ASSERT_EQ(f.errors.size(), 1u) << Messages(f.errors);
  EXPECT_EQ(f.errors[0].line, 3);
  EXPECT_EQ(f.errors[0].message, "CSV 格式有误：引号没有闭合 (unterminated quoted field)");
}

TEST(DemandFile, NamesThePhysicalLineOfEachBadRow) {
  const auto f = ParseDemandFile(
      "lng,lat,weight,group\n"
      "118.7,36.8,1,sanitation\n"
      "181,36.8,1,\n"          // line 3: longitude out of range
      "118.7,abc,1,\n"         // line 4
      "118.7,36.8,-2,\n"       // line 5
      "118.7,36.8,1,pilot\n"   // line 6: unknown group
      "118.7,36.8\n",          // line 7: too few fields
      Crs::kWgs84);
  std::vector<int> lines;
  for (const auto& e : f.errors) lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<int>{3, 4, 5, 6, 7})) << Messages(f.errors);
  EXPECT_NE(f.errors[0].message.find("经度 lng '181' 不在 -180 到 180 之间 (lng '181'"), std::string::npos);
}

TEST(CandidateFile, ReadsIdsCostsAndHostTypes) {
  const auto f = ParseCandidateFile("id,lng,lat,cost,host_type\nB-1,118.7,36.8,35000,bank\nX,118.8,36.9,,\n", Crs::kWgs84);
  ASSERT_TRUE(f.errors.empty()) << Messages(f.errors);
  ASSERT_EQ(f.sites.size(), 2u);
  EXPECT_EQ(f.sites[0].cost, 35000);
  EXPECT_EQ(f.sites[0].host_type, HostType::kBank);
  EXPECT_EQ(f.sites[0].line, 2);
  EXPECT_FALSE(f.sites[1].cost.has_value());
}

TEST(CandidateFile, RejectsDuplicateIdsBadCostsAndUnknownHostTypes) {
  const auto f = ParseCandidateFile(
      "id,lng,lat,cost,host_type\n"
      "A,118.7,36.8,1,bank\n"
      "A,118.7,36.8,1,bank\n"
      "B,118.7,36.8,-5,bank\n"
      "C,118.7,36.8,1,castle\n"
      ",118.7,36.8,1,bank\n",
      Crs::kWgs84);
  std::vector<int> lines;
  for (const auto& e : f.errors) lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<int>{3, 4, 5, 6})) << Messages(f.errors);
  EXPECT_NE(f.errors[0].message.find("已在第 2 行出现 (id 'A' already on line 2)"), std::string::npos);
}

}  // namespace
}  // namespace yz
