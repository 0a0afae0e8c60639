#include <iostream>

#include <fmt/format.h>

#include "app/planning/json_writer.h"
#include "app/planning/plan_commands.h"
#include "core/csv.h"

namespace yz {
namespace {

void WriteTotals(JsonWriter& j, const CoverageTotals& t) {
  j.Field("points", static_cast<unsigned long>(t.points)).Field("demand_weight", t.weight);
  j.Field("covered_weight", t.within_r).Field("covered_share", t.ShareR());
  j.Field("covered_weight_2r", t.within_2r).Field("covered_share_2r", t.Share2R());
}

void WriteCluster(JsonWriter& j, const UncoveredCluster& c, std::size_t rank, Crs crs) {
  const GeoPoint p = FromWgs84(c.center, crs);
  j.BeginObject().Field("rank", static_cast<unsigned long>(rank));
  j.Field("lng", p.lng.degrees()).Field("lat", p.lat.degrees());
  j.Field("weight", c.weight).Field("points", static_cast<unsigned long>(c.points)).Field("radius_m", c.radius_m);
  j.Key("main_group");
  c.main_group ? j.String(WorkerCategoryCode(*c.main_group)) : j.Null();
  j.EndObject();
}

std::string ClustersFile(const std::string& path, const std::vector<UncoveredCluster>& clusters, Crs crs) {
  if (path.ends_with(".geojson")) {
    JsonWriter j;
    j.BeginObject().Field("type", "FeatureCollection").Key("features").BeginArray();
    for (std::size_t k = 0; k < clusters.size(); ++k) {
      const auto& c = clusters[k];
      j.BeginObject().Field("type", "Feature").Key("geometry").BeginObject().Field("type", "Point");
      j.Key("coordinates").BeginArray().Number(c.center.lng.degrees()).Number(c.center.lat.degrees()).EndArray();
      j.EndObject().Key("properties").BeginObject().Field("rank", static_cast<unsigned long>(k + 1));
      j.Field("weight", c.weight).Field("points", static_cast<unsigned long>(c.points)).Field("radius_m", c.radius_m);
      j.Key("main_group");
      c.main_group ? j.String(WorkerCategoryCode(*c.main_group)) : j.Null();
      j.EndObject().EndObject();
    }
    j.EndArray().EndObject();
    return j.text() + "\n";
  }
  std::string csv = "rank,lng,lat,weight,points,radius_m,main_group\n";
  for (std::size_t k = 0; k < clusters.size(); ++k) {
    const auto& c = clusters[k];
    const GeoPoint p = FromWgs84(c.center, crs);
    csv += fmt::format("{},{:.6f},{:.6f},{},{},{:.0f},{}\n", k + 1, p.lng.degrees(), p.lat.degrees(), c.weight,
                       c.points, c.radius_m, c.main_group ? WorkerCategoryCode(*c.main_group) : "");
  }
  return csv;
}

std::string PointsFile(const PlanInputs& in, const CoverageReport& report) {
  std::string csv = "lng,lat,weight,group,nearest_station,distance_m,covered\n";
  for (std::size_t p = 0; p < in.demand.size(); ++p) {
    const DemandPoint& d = in.demand[p];
    const GeoPoint g = FromWgs84(d.location, in.crs);
    const int32_t s = report.nearest_station[p];
    csv += fmt::format("{:.6f},{:.6f},{},{},{},{},{}\n", g.lng.degrees(), g.lat.degrees(), d.weight,
                       d.group ? WorkerCategoryCode(*d.group) : "", s >= 0 ? in.stations[s].code : "",
                       s >= 0 ? fmt::format("{:.1f}", report.nearest_m[p]) : "",
                       report.nearest_m[p] <= in.radius_m ? 1 : 0);
  }
  return csv;
}

std::string Percent(double share) { return fmt::format("{:.1f}%", 100 * share); }

void PrintSummary(const PlanInputs& in, const CoverageReport& r, int top) {
  std::string s;
  s += fmt::format("覆盖分析：服务半径 {} 米，现有开放站点 {} 个\n", Grouped(in.radius_m), in.stations.size());
  s += fmt::format("需求点 {} 个，总权重（人数）{}\n", Grouped(static_cast<double>(r.overall.points)),
                   Grouped(r.overall.weight));
  s += fmt::format("  半径内已覆盖 {}（{}）；两倍半径内 {}（{}）\n", Grouped(r.overall.within_r),
                   Percent(r.overall.ShareR()), Grouped(r.overall.within_2r), Percent(r.overall.Share2R()));
  if (!in.stations.empty()) {
    s += fmt::format("  到最近站点的距离（按人数加权）：平均 {} 米，中位 {} 米，九成在 {} 米内，最远 {} 米\n",
                     Grouped(r.distance.mean_m), Grouped(r.distance.median_m), Grouped(r.distance.p90_m),
                     Grouped(r.distance.max_m));
  }
  s += "按工种：\n";
  auto group_line = [&](std::string_view label, const CoverageTotals& t) {
    if (t.points == 0) return;
    s += fmt::format("  {:<6} 人数 {:>10}  半径内 {:>6}  两倍半径内 {:>6}\n", label, Grouped(t.weight), Percent(t.ShareR()),
                     Percent(t.Share2R()));
  };
  for (int g = 0; g < kWorkerCategoryCount; ++g) group_line(WorkerCategoryLabel(static_cast<WorkerCategory>(g)), r.by_group[g]);
  group_line("未分组", r.no_group);
  if (!in.stations.empty()) {
    s += "按区划（以最近站点所属区划计）：\n";
    for (const auto& [code, t] : r.by_region) {
      const auto name = in.region_names.find(code);
      const std::string label = code.empty() ? "未填区划" : name == in.region_names.end() ? code : code + " " + name->second;
      s += fmt::format("  {}  人数 {}  半径内 {}  两倍半径内 {}\n", label, Grouped(t.weight), Percent(t.ShareR()),
                       Percent(t.Share2R()));
    }
  }
  if (!r.clusters.empty()) {
    s += fmt::format("未覆盖聚集区 {} 处，按人数排前 {} 处：\n", r.clusters.size(),
                     std::min<std::size_t>(r.clusters.size(), static_cast<std::size_t>(top)));
    for (std::size_t k = 0; k < r.clusters.size() && k < static_cast<std::size_t>(top); ++k) {
      const auto& c = r.clusters[k];
      const GeoPoint p = FromWgs84(c.center, in.crs);
      s += fmt::format("  {:>2}. 经度 {:.5f} 纬度 {:.5f}  人数 {}（{} 个点）{}\n", k + 1, p.lng.degrees(), p.lat.degrees(),
                       Grouped(c.weight), c.points,
                       c.main_group ? fmt::format("，主要是{}", WorkerCategoryLabel(*c.main_group)) : "");
    }
  }
  std::cout << s;
}

}  // namespace

int RunCoverageCommand(const PlanOptions& options, const StoreConfig& store) {
  for (const std::string* path : {&options.clusters_file}) {
    if (!path->empty() && !HasOutputExtension(*path)) {
      ReportBadOutputExtension("--clusters-out", *path);
      return kPlanExitUsage;
    }
  }
  if (!options.points_file.empty() && !options.points_file.ends_with(".csv")) {
    std::cerr << fmt::format("错误 error: 输出文件 --points-out {0} 的扩展名应是 .csv (--points-out {0} must end in .csv)\n", options.points_file);
    return kPlanExitUsage;
  }
  auto loaded = LoadPlanInputs(options, store, /*with_candidates=*/false);
  if (const int* status = std::get_if<int>(&loaded)) return *status;
  const PlanInputs& in = std::get<PlanInputs>(loaded);
  PlanProgress progress(in.demand.size() >= 100'000);
  const CoverageReport r = AnalyzeCoverage(in.demand, in.stations, in.radius_m, progress.AsFunction());

  if (!options.clusters_file.empty() && !WriteTextFile(options.clusters_file, ClustersFile(options.clusters_file, r.clusters, in.crs))) {
    ReportCannotWrite(options.clusters_file);
    return kPlanExitBadInput;
  }
  if (!options.points_file.empty() && !WriteTextFile(options.points_file, PointsFile(in, r))) {
    ReportCannotWrite(options.points_file);
    return kPlanExitBadInput;
  }
  if (!options.json) {
    PrintSummary(in, r, options.top);
    return kPlanExitOk;
  }
  JsonWriter j;
  j.BeginObject().Field("radius_m", in.radius_m).Field("existing_stations", static_cast<unsigned long>(in.stations.size()));
  j.Field("demand_points", static_cast<unsigned long>(r.overall.points)).Field("demand_weight", r.overall.weight);
  j.Field("covered_weight", r.overall.within_r).Field("covered_share", r.overall.ShareR());
  j.Field("covered_weight_2r", r.overall.within_2r).Field("covered_share_2r", r.overall.Share2R());
  j.Key("nearest_distance_m").BeginObject();
  if (in.stations.empty()) {
    j.Key("mean").Null().Key("median").Null().Key("p90").Null().Key("max").Null();
  } else {
    j.Field("mean", r.distance.mean_m).Field("median", r.distance.median_m).Field("p90", r.distance.p90_m);
    j.Field("max", r.distance.max_m);
  }
  j.EndObject();
  j.Key("groups").BeginObject();
  for (int g = 0; g < kWorkerCategoryCount; ++g) {
    if (r.by_group[g].points == 0) continue;
    j.Key(WorkerCategoryCode(static_cast<WorkerCategory>(g))).BeginObject();
    WriteTotals(j, r.by_group[g]);
    j.EndObject();
  }
  if (r.no_group.points > 0) {
    j.Key("unspecified").BeginObject();
    WriteTotals(j, r.no_group);
    j.EndObject();
  }
  j.EndObject();
  j.Key("regions").BeginArray();
  for (const auto& [code, t] : r.by_region) {
    j.BeginObject().Key("region");
    code.empty() ? j.Null() : j.String(code);
    const auto name = in.region_names.find(code);
    j.Key("name");
    name == in.region_names.end() ? j.Null() : j.String(name->second);
    WriteTotals(j, t);
    j.EndObject();
  }
  j.EndArray();
  j.Field("uncovered_cluster_count", static_cast<unsigned long>(r.clusters.size()));
  j.Key("uncovered_clusters").BeginArray();
  for (std::size_t k = 0; k < r.clusters.size() && k < static_cast<std::size_t>(options.top); ++k) {
    WriteCluster(j, r.clusters[k], k + 1, in.crs);
  }
  j.EndArray().EndObject();
  std::cout << j.text() << "\n";
  return kPlanExitOk;
}

}  // namespace yz
