#include "app/plan_cli.h"

#include "app/store_options.h"

#include <memory>

#include "app/planning/plan_commands.h"

namespace yz {
namespace {

void AddCommon(CLI::App* command, PlanOptions& o, StoreConfig& store, bool with_candidates) {
  command->add_option("--demand", o.demand_file, "demand CSV: lng,lat,weight[,group] (header row required)");
  if (with_candidates) {
    command->add_option("--candidates", o.candidates_file, "candidate CSV: id,lng,lat[,cost][,host_type]");
  }
  command->add_option("--radius-m", o.radius_text, "service radius in metres (> 0): covered = great-circle distance <= R");
  command->add_option("--crs", o.crs_name, "coordinate system of the input files and of CSV output: wgs84 (default), gcj02, bd09");
  command->add_flag("--no-existing", o.no_existing, "do not count the store's open stations as built");
  command->add_flag("--json", o.json, "print one JSON object instead of the Chinese summary");
  AddStoreOptions(command, store);
  command->add_option("--threads", o.threads, "threads for the coverage sets (default: one per core, at most 4)");
}

void AddSelection(CLI::App* command, PlanOptions& o) {
  command->add_option("-o,--output", o.output_file, "write the chosen sites in order: FILE.csv (input crs) or FILE.geojson (WGS-84)");
  command->add_flag("--exact", o.exact, "also solve the integer program with CBC (gap 0 when it finishes)");
  command->add_option("--time-limit", o.time_limit_s, "seconds CBC may use with --exact (default 300)");
  command->add_option("--heuristic-seconds", o.heuristic_seconds, "seconds for the search and the bound (default 20; small cities finish sooner)");
  command->add_option("--seed", o.seed, "seed of the search's random choices (default 1)");
}

// Required options are checked here rather than by CLI11 so that their absence is a usage error
// (exit 2) with one plain message.
int MissingOption(const PlanOptions& o, bool with_candidates) {
  std::string missing;
  if (o.demand_file.empty()) missing += " --demand";
  if (with_candidates && o.candidates_file.empty()) missing += " --candidates";
  if (o.radius_text.empty()) missing += " --radius-m";
  if (missing.empty()) return 0;
  std::fprintf(stderr, "错误 error: 缺少必需的选项%s (missing required option(s):%s)\n", missing.c_str(), missing.c_str());
  return kPlanExitUsage;
}

}  // namespace

std::function<std::optional<int>()> AddPlanCommands(CLI::App* plan, StoreConfig& store) {
  auto options = std::make_shared<PlanOptions>();
  PlanOptions& o = *options;

  auto* coverage = plan->add_subcommand("coverage", "share of demand within R (and 2R) of the open stations, uncovered clusters");
  AddCommon(coverage, o, store, false);
  coverage->add_option("--clusters-out", o.clusters_file, "write every uncovered cluster: FILE.csv (input crs) or FILE.geojson");
  coverage->add_option("--points-out", o.points_file, "write each demand point's nearest station and distance: FILE.csv");
  coverage->add_option("--top", o.top, "uncovered clusters listed on standard output (default 10)");

  auto* mclp = plan->add_subcommand("mclp", "maximal covering: p new sites (or a budget) covering the most demand");
  AddCommon(mclp, o, store, true);
  mclp->add_option("--p", o.p_text, "number of new sites");
  mclp->add_option("--budget", o.budget_text, "total cost of the new sites in yuan (every candidate needs a cost)");
  AddSelection(mclp, o);

  auto* lscp = plan->add_subcommand("lscp", "set covering: the fewest new sites that cover all coverable demand");
  AddCommon(lscp, o, store, true);
  AddSelection(lscp, o);

  return [options, coverage, mclp, lscp, &store]() -> std::optional<int> {
    const PlanOptions& o = *options;
    if (coverage->parsed()) {
      if (const int status = MissingOption(o, false)) return status;
      return RunCoverageCommand(o, store);
    }
    if (mclp->parsed()) {
      if (const int status = MissingOption(o, true)) return status;
      return RunMclpCommand(o, store);
    }
    if (lscp->parsed()) {
      if (const int status = MissingOption(o, true)) return status;
      return RunLscpCommand(o, store);
    }
    return std::nullopt;
  };
}

}  // namespace yz
