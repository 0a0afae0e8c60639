#include <charconv>
#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "app/planning/plan_commands.h"
#include "app/planning/site_selection_output.h"
#include "domain/planning/mclp.h"
#include "planning_exact/exact_models.h"

namespace yz {

namespace {

std::optional<long long> ParseInteger(const std::string& t) {
  long long v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return v;
}

std::optional<double> ParseAmount(const std::string& t) {
  double v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

}  // namespace

int RunMclpCommand(const PlanOptions& options, const StoreConfig& store) {
  const bool by_count = !options.p_text.empty(), by_budget = !options.budget_text.empty();
  if (by_count == by_budget) {
    std::cerr << "错误 error: 请只给出 --p（站点数）或 --budget（预算，元）中的一个 (give exactly one of --p N and --budget CNY)\n";
    return kPlanExitUsage;
  }
  if (!options.output_file.empty() && !HasOutputExtension(options.output_file)) {
    ReportBadOutputExtension("-o", options.output_file);
    return kPlanExitUsage;
  }
  SiteLimit limit;
  if (by_count) {
    const auto p = ParseInteger(options.p_text);
    if (!p || *p < 1 || *p > 1'000'000) {
      std::cerr << fmt::format("错误 error: 站点数 --p 应是不小于 1 的整数，不能是 '{0}' (--p must be a whole number of sites >= 1, not '{0}')\n", options.p_text);
      return kPlanExitBadInput;
    }
    limit.max_sites = static_cast<int>(*p);
  } else {
    const auto budget = ParseAmount(options.budget_text);
    if (!budget) {
      std::cerr << fmt::format("错误 error: 预算 --budget 应是不小于 0 的元数，不能是 '{0}' (--budget must be a number of yuan >= 0, not '{0}')\n", options.budget_text);
      return kPlanExitBadInput;
    }
    limit.budget = *budget;
  }
  auto loaded = LoadPlanInputs(options, store, /*with_candidates=*/true);
  if (const int* status = std::get_if<int>(&loaded)) return *status;
  const PlanInputs& in = std::get<PlanInputs>(loaded);
  if (by_count && static_cast<std::size_t>(limit.max_sites) > in.candidates.size()) {
    std::cerr << fmt::format("错误 error: 站点数 --p {0} 多于 {2} 中的 {1} 个候选点 (--p {0} is more than the {1} candidate sites in {2})\n",
                             limit.max_sites, in.candidates.size(), options.candidates_file);
    return kPlanExitBadInput;
  }
  std::vector<double> costs;
  if (by_budget) {
    std::vector<RowError> missing;
    for (const CandidateSite& c : in.candidates) {
      if (!c.cost) missing.push_back({c.line, fmt::format("候选点 '{0}' 没有费用 cost，按预算选址（--budget）需要每个候选点的费用 "
                                                   "(candidate '{0}' has no cost; --budget needs a cost for every candidate)", c.id)});
      costs.push_back(c.cost.value_or(0));
    }
    if (!missing.empty()) {
      ReportErrors(options.candidates_file, missing);
      return kPlanExitBadInput;
    }
    limit.costs = costs;
  }

  PlanProgress progress(options.exact || in.demand.size() >= 100'000 || in.candidates.size() >= 5'000);
  const CoverageModel model = BuildModel(in, options, progress.AsFunction());
  MclpOptions mo;
  mo.limit = limit;
  mo.seed = options.seed;
  mo.seconds = options.heuristic_seconds;
  mo.progress = progress.AsFunction();
  const MclpSolution heuristic = SolveMclp(model, mo);
  std::vector<SiteChoice> chosen = heuristic.chosen;
  double new_weight = heuristic.new_weight, upper_bound = heuristic.upper_bound;
  bool optimal = heuristic.Gap() <= 1e-9;
  std::string method = "greedy+exchange";
  if (options.exact) {
    ExactOptions eo;
    eo.seconds = options.time_limit_s;
    for (const auto& c : chosen) eo.start.push_back(c.site);
    progress(fmt::format("CBC 精确求解 exact：{} 行 × {} 个站点，时间上限 {} 秒", model.row_count(), model.site_count, eo.seconds));
    auto exact = SolveMclpExact(model, limit, eo);
    if (!exact) {
      std::cerr << "错误 error: " << exact.error().message << "\n";
      return kPlanExitSolver;
    }
    progress(fmt::format("CBC：{:.1f}，用时 {:.1f} 秒，{}", exact->new_weight, exact->seconds,
                         exact->optimal ? "已证明最优 optimal" : "到达时间上限 stopped at the time limit"));
    method = "cbc";
    if (exact->new_weight > new_weight) {
      chosen = SequenceSites(model, exact->sites);
      new_weight = 0;
      for (const auto& c : chosen) new_weight += c.added_weight;
    }
    upper_bound = std::min(upper_bound, exact->upper_bound);
    optimal = optimal || exact->optimal;
  }
  if (optimal) upper_bound = new_weight;
  upper_bound = std::max(upper_bound, new_weight);
  const double gap = upper_bound > 0 ? 1 - new_weight / upper_bound : 0.0;
  const double before = model.existing_weight, after = before + new_weight;
  double total_cost = 0;
  for (const auto& c : chosen) total_cost += in.candidates[c.site].cost.value_or(0);

  if (!options.output_file.empty() && !WriteSitesFile(options.output_file, in.candidates, chosen, before, in.crs)) {
    ReportCannotWrite(options.output_file);
    return kPlanExitBadInput;
  }
  if (options.json) {
    JsonWriter j;
    j.BeginObject().Field("model", "mclp").Field("radius_m", in.radius_m);
    j.Key("p");
    by_count ? j.Integer(limit.max_sites) : j.Null();
    j.Key("budget");
    by_budget ? j.Number(*limit.budget) : j.Null();
    j.Field("demand_points", static_cast<unsigned long>(in.demand.size())).Field("demand_weight", model.total_weight);
    j.Field("candidates", static_cast<unsigned long>(in.candidates.size()));
    j.Field("existing_stations", static_cast<unsigned long>(in.stations.size()));
    WriteChosenSites(j, in, chosen, before);
    j.Field("covered_weight_before", before).Field("covered_weight_after", after).Field("new_weight", new_weight);
    j.Field("upper_bound_new_weight", upper_bound).Field("gap", gap).Field("optimal", optimal);
    j.Field("uncoverable_weight", model.uncoverable_weight).Field("greedy_new_weight", heuristic.greedy_weight);
    j.Field("total_cost", total_cost).Field("method", method).Field("seed", static_cast<unsigned long>(options.seed));
    j.Field("seconds", progress.Seconds());
    j.EndObject();
    std::cout << j.text() << "\n";
    return kPlanExitOk;
  }
  const double total = model.total_weight;
  auto share = [&](double w) { return total > 0 ? fmt::format("{:.1f}%", 100 * w / total) : "—"; };
  std::string s;
  s += fmt::format("最大覆盖选址：服务半径 {} 米，{}\n", Grouped(in.radius_m),
                   by_count ? fmt::format("新建至多 {} 个站点", limit.max_sites)
                            : fmt::format("预算 {} 元", Grouped(*limit.budget)));
  s += fmt::format("需求点 {} 个，总人数 {}；候选点 {} 个；现有开放站点 {} 个\n", Grouped(static_cast<double>(in.demand.size())),
                   Grouped(total), Grouped(static_cast<double>(in.candidates.size())), in.stations.size());
  s += fmt::format("现有站点已覆盖 {} 人（{}）\n", Grouped(before), share(before));
  s += fmt::format("新选 {} 个站点，新增覆盖 {} 人，建成后覆盖 {} 人（{}）{}\n", chosen.size(), Grouped(new_weight),
                   Grouped(after), share(after), by_budget ? fmt::format("，费用合计 {} 元", Grouped(total_cost)) : "");
  s += optimal ? "已证明为最优方案\n"
               : fmt::format("与最优方案的差距不超过 {:.2f}%（可证明的新增覆盖上界 {} 人）\n", 100 * gap, Grouped(upper_bound));
  if (model.uncoverable_weight > 0) {
    s += fmt::format("另有 {} 人（{}）距所有候选点和现有站点都超过服务半径\n", Grouped(model.uncoverable_weight),
                     share(model.uncoverable_weight));
  }
  s += "选址顺序（每个站点新增覆盖的人数）：\n";
  s += ChosenSitesText(in, chosen, before);
  std::cout << s;
  return kPlanExitOk;
}

}  // namespace yz
