#include <iostream>

#include <fmt/format.h>

#include "app/planning/plan_commands.h"
#include "app/planning/site_selection_output.h"
#include "domain/planning/lscp.h"
#include "planning_exact/exact_models.h"

namespace yz {

int RunLscpCommand(const PlanOptions& options, const StoreConfig& store) {
  if (!options.output_file.empty() && !HasOutputExtension(options.output_file)) {
    ReportBadOutputExtension("-o", options.output_file);
    return kPlanExitUsage;
  }
  auto loaded = LoadPlanInputs(options, store, /*with_candidates=*/true);
  if (const int* status = std::get_if<int>(&loaded)) return *status;
  const PlanInputs& in = std::get<PlanInputs>(loaded);
  PlanProgress progress(options.exact || in.demand.size() >= 100'000 || in.candidates.size() >= 5'000);
  const CoverageModel model = BuildModel(in, options, progress.AsFunction());
  LscpOptions lo;
  lo.seed = options.seed;
  lo.seconds = options.heuristic_seconds;
  lo.progress = progress.AsFunction();
  const LscpSolution heuristic = SolveLscp(model, lo);
  std::vector<SiteChoice> chosen = heuristic.chosen;
  int lower_bound = heuristic.lower_bound;
  std::string method = "greedy+redundancy";
  if (options.exact) {
    ExactOptions eo;
    eo.seconds = options.time_limit_s;
    for (const auto& c : chosen) eo.start.push_back(c.site);
    progress(fmt::format("CBC 精确求解 exact：{} 行 × {} 个站点，时间上限 {} 秒", model.row_count(), model.site_count, eo.seconds));
    auto exact = SolveLscpExact(model, eo);
    if (!exact) {
      std::cerr << "错误 error: " << exact.error().message << "\n";
      return kPlanExitSolver;
    }
    method = "cbc";
    if (!exact->sites.empty() && exact->sites.size() < chosen.size()) chosen = SequenceSites(model, exact->sites);
    lower_bound = std::max(lower_bound, exact->lower_bound);
    if (exact->optimal) lower_bound = static_cast<int>(chosen.size());
  }
  const bool optimal = lower_bound >= static_cast<int>(chosen.size());
  const double before = model.existing_weight;
  const double covered = model.total_weight - model.uncoverable_weight;
  double total_cost = 0;
  for (const auto& c : chosen) total_cost += in.candidates[c.site].cost.value_or(0);
  if (!options.output_file.empty() && !WriteSitesFile(options.output_file, in.candidates, chosen, before, in.crs)) {
    ReportCannotWrite(options.output_file);
    return kPlanExitBadInput;
  }
  if (options.json) {
    JsonWriter j;
    j.BeginObject().Field("model", "lscp").Field("radius_m", in.radius_m);
    j.Field("demand_points", static_cast<unsigned long>(in.demand.size())).Field("demand_weight", model.total_weight);
    j.Field("candidates", static_cast<unsigned long>(in.candidates.size()));
    j.Field("existing_stations", static_cast<unsigned long>(in.stations.size()));
    WriteChosenSites(j, in, chosen, before);
    j.Field("site_count", static_cast<int>(chosen.size())).Field("lower_bound", lower_bound).Field("optimal", optimal);
    j.Field("covered_weight_before", before).Field("covered_weight", covered);
    j.Field("covered_share", model.total_weight > 0 ? covered / model.total_weight : 0.0);
    j.Field("uncoverable_weight", model.uncoverable_weight);
    j.Field("greedy_site_count", heuristic.greedy_sites).Field("total_cost", total_cost).Field("method", method);
    j.Field("seconds", progress.Seconds());
    j.EndObject();
    std::cout << j.text() << "\n";
    return kPlanExitOk;
  }
  const double total = model.total_weight;
  auto share = [&](double w) { return total > 0 ? fmt::format("{:.1f}%", 100 * w / total) : "—"; };
  std::string s;
  s += fmt::format("集合覆盖选址：服务半径 {} 米，用最少的新站点覆盖所有可覆盖的需求\n", Grouped(in.radius_m));
  s += fmt::format("需求点 {} 个，总人数 {}；候选点 {} 个；现有开放站点 {} 个（已覆盖 {} 人，{}）\n",
                   Grouped(static_cast<double>(in.demand.size())), Grouped(total),
                   Grouped(static_cast<double>(in.candidates.size())), in.stations.size(), Grouped(before), share(before));
  s += fmt::format("需新建 {} 个站点，建成后覆盖 {} 人（{}）\n", chosen.size(), Grouped(covered), share(covered));
  s += optimal ? "已证明站点数最少\n" : fmt::format("可证明至少需要 {} 个站点\n", lower_bound);
  if (model.uncoverable_weight > 0) {
    s += fmt::format("另有 {} 人（{}）距所有候选点和现有站点都超过服务半径，无法覆盖\n", Grouped(model.uncoverable_weight),
                     share(model.uncoverable_weight));
  }
  s += "选址顺序（每个站点新增覆盖的人数）：\n";
  s += ChosenSitesText(in, chosen, before);
  std::cout << s;
  return kPlanExitOk;
}

}  // namespace yz
