// `yizhan plan coverage|mclp|lscp` through the real binary (section 7 of the pinned contract).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "app/test_support.h"

namespace yz {
namespace {

using testing::ReadText;
using testing::RunYizhan;
using testing::TempDir;
using testing::WriteText;

// Points and sites around (36.85 N, 118.74 E). 0.001° of latitude is 111.2 m.
// Demand: two points next to site A (weight 5 and 3), one next to site B (4), one far (2).
constexpr std::string_view kDemand =
    "lng,lat,weight,group\n"
    "118.7400,36.8500,5,sanitation\n"
    "118.7400,36.8510,3,delivery\n"
    "118.7600,36.8500,4,courier\n"
    "118.9000,36.9000,2,\n";
constexpr std::string_view kCandidates =
    "id,lng,lat,cost,host_type\n"
    "A,118.7400,36.8505,30000,bank\n"
    "B,118.7600,36.8502,20000,gas_station\n"
    "C,118.7500,36.8500,10000,community_center\n";

class PlanCli : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteText(dir_ / "demand.csv", kDemand);
    WriteText(dir_ / "candidates.csv", kCandidates);
  }
  std::string Files() const {
    return "--demand '" + (dir_ / "demand.csv") + "' --candidates '" + (dir_ / "candidates.csv") + "' ";
  }
  std::string Data() const { return " --data '" + (dir_ / "data") + "'"; }
  boost::json::object Json(const testing::CommandResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return boost::json::parse(r.out).as_object();
  }

  TempDir dir_;
};

TEST_F(PlanCli, MclpPrintsThePinnedJsonKeys) {
  auto j = Json(RunYizhan("plan mclp " + Files() + "--radius-m 200 --p 2 --no-existing --json", dir_));
  const auto& selected = j.at("selected").as_array();
  ASSERT_EQ(selected.size(), 2u);
  EXPECT_EQ(selected[0].as_string(), "A");
  EXPECT_EQ(selected[1].as_string(), "B");
  EXPECT_EQ(j.at("covered_weight_before").to_number<double>(), 0);
  EXPECT_EQ(j.at("covered_weight_after").to_number<double>(), 12);
  EXPECT_EQ(j.at("new_weight").to_number<double>(), 12);
  EXPECT_EQ(j.at("upper_bound_new_weight").to_number<double>(), 12);
  EXPECT_EQ(j.at("gap").to_number<double>(), 0);
}

TEST_F(PlanCli, MclpCountsOpenStationsOfTheStoreAsBuilt) {
  WriteText(dir_ / "stations.csv", "code,name,lng,lat,status\nS-1,老站,118.7400,36.8503,open\nS-2,关闭站,118.7600,36.8500,closed\n");
  ASSERT_EQ(RunYizhan("import stations '" + (dir_ / "stations.csv") + "'" + Data(), dir_).exit_code, 0);
  auto j = Json(RunYizhan("plan mclp " + Files() + "--radius-m 200 --p 1 --json" + Data(), dir_));
  EXPECT_EQ(j.at("covered_weight_before").to_number<double>(), 8);
  EXPECT_EQ(j.at("new_weight").to_number<double>(), 4);
  EXPECT_EQ(j.at("covered_weight_after").to_number<double>(), 12);
  EXPECT_EQ(j.at("selected").as_array()[0].as_string(), "B");

  auto c = Json(RunYizhan("plan coverage --demand '" + (dir_ / "demand.csv") + "' --radius-m 200 --json" + Data(), dir_));
  EXPECT_EQ(c.at("demand_weight").to_number<double>(), 14);
  EXPECT_EQ(c.at("covered_weight").to_number<double>(), 8);
  EXPECT_NEAR(c.at("covered_share").to_number<double>(), 8.0 / 14, 1e-12);
  EXPECT_EQ(c.at("groups").as_object().at("sanitation").as_object().at("covered_share").to_number<double>(), 1);
}

TEST_F(PlanCli, ExactMclpAndBudgetAgree) {
  auto j = Json(RunYizhan("plan mclp " + Files() + "--radius-m 200 --budget 30000 --exact --no-existing --json", dir_));
  EXPECT_EQ(j.at("new_weight").to_number<double>(), 8);  // A alone (30000) beats B+C (30000, weight 4)
  EXPECT_EQ(j.at("gap").to_number<double>(), 0);
  EXPECT_EQ(j.at("method").as_string(), "cbc");
}

TEST_F(PlanCli, LscpCoversAllCoverableDemandWithTheFewestSites) {
  auto j = Json(RunYizhan("plan lscp " + Files() + "--radius-m 200 --no-existing --json --exact", dir_));
  EXPECT_EQ(j.at("selected").as_array().size(), 2u);
  EXPECT_EQ(j.at("lower_bound").to_number<int>(), 2);
  EXPECT_EQ(j.at("covered_weight").to_number<double>(), 12);
}

TEST_F(PlanCli, WritesChosenSitesAsCsvAndGeoJson) {
  ASSERT_EQ(RunYizhan("plan mclp " + Files() + "--radius-m 200 --p 2 --no-existing -o '" + (dir_ / "s.csv") + "'", dir_).exit_code, 0);
  EXPECT_EQ(ReadText(dir_ / "s.csv"),
            "order,id,lng,lat,host_type,cost,added_weight,cumulative_weight\n"
            "1,A,118.74,36.8505,bank,30000,8,8\n"
            "2,B,118.76,36.8502,gas_station,20000,4,12\n");
  ASSERT_EQ(RunYizhan("plan lscp " + Files() + "--radius-m 200 --no-existing -o '" + (dir_ / "s.geojson") + "'", dir_).exit_code, 0);
  auto g = boost::json::parse(ReadText(dir_ / "s.geojson")).as_object();
  EXPECT_EQ(g.at("type").as_string(), "FeatureCollection");
  EXPECT_EQ(g.at("features").as_array().size(), 2u);
}

TEST_F(PlanCli, CoverageWritesClustersAndAChineseSummary) {
  auto r = RunYizhan("plan coverage --demand '" + (dir_ / "demand.csv") + "' --radius-m 200 --no-existing --clusters-out '" +
                         (dir_ / "clusters.csv") + "'",
                     dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("覆盖分析"), std::string::npos) << r.out;
  const std::string clusters = ReadText(dir_ / "clusters.csv");
  EXPECT_EQ(clusters.rfind("rank,lng,lat,weight,points,radius_m,main_group\n1,", 0), 0u) << clusters;
}

TEST_F(PlanCli, RejectsBadInputsWithLineNumbers) {
  auto expect = [&](const std::string& args, int code, std::string_view fragment) {
    auto r = RunYizhan(args, dir_);
    EXPECT_EQ(r.exit_code, code) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(fragment), std::string::npos) << args << "\n" << r.err;
  };
  WriteText(dir_ / "bad.csv", "lng,lat,weight\n118.7,36.8,1\n118.7,95,1\n");
  expect("plan coverage --demand '" + (dir_ / "bad.csv") + "' --radius-m 500 --no-existing", 1, "line 3: 纬度 lat '95' 不在 -90 到 90 之间 (lat '95' is not a latitude");
  WriteText(dir_ / "missing.csv", "lng,lat\n118.7,36.8\n");
  expect("plan coverage --demand '" + (dir_ / "missing.csv") + "' --radius-m 500 --no-existing", 1, "line 1: 缺少列 'weight' (missing column 'weight')");
  WriteText(dir_ / "unknown.csv", "lng,lat,weight,colour\n118.7,36.8,1,red\n");
  expect("plan coverage --demand '" + (dir_ / "unknown.csv") + "' --radius-m 500 --no-existing", 1, "未知的列 'colour'，可用的列：lng, lat, weight, group (unknown column 'colour'");
  expect("plan mclp " + Files() + "--radius-m 0 --p 1 --no-existing", 1, "服务半径 --radius-m 应是大于 0");
  expect("plan mclp " + Files() + "--radius-m -5 --p 1 --no-existing", 1, "--radius-m");
  expect("plan mclp " + Files() + "--radius-m 500 --p 4 --no-existing", 1, "多于 ");
  expect("plan mclp " + Files() + "--radius-m 500 --p 4 --no-existing", 1, "more than the 3 candidate sites");
  expect("plan mclp " + Files() + "--radius-m 500 --no-existing", 2, "请只给出 --p（站点数）或 --budget（预算，元）中的一个");
  expect("plan mclp " + Files() + "--radius-m 500 --p 1 --budget 5 --no-existing", 2, "--p N and --budget");
  expect("plan mclp " + Files() + "--radius-m 500 --p 1 --no-existing -o out.txt", 2, ".csv or .geojson");
  expect("plan lscp --demand '" + (dir_ / "demand.csv") + "' --radius-m 500 --no-existing", 2, "缺少必需的选项 --candidates");
  WriteText(dir_ / "nocost.csv", "id,lng,lat\nA,118.74,36.85\n");
  expect("plan mclp --demand '" + (dir_ / "demand.csv") + "' --candidates '" + (dir_ / "nocost.csv") +
             "' --radius-m 500 --budget 5 --no-existing",
         1, "line 2: 候选点 'A' 没有费用 cost");
  expect("plan mclp " + Files() + "--radius-m 500 --p 1 --crs mars --no-existing", 1, "坐标系 --crs 只能是 wgs84、gcj02 或 bd09，不能是 'mars'");
}

}  // namespace
}  // namespace yz
