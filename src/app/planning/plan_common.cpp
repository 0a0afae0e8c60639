#include "app/planning/plan_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/planning/json_writer.h"
#include "core/csv.h"

namespace yz {
namespace {

constexpr double kMaxRadiusMeters = 1'000'000;
constexpr std::size_t kMaxErrorsShown = 50;

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void PlanProgress::operator()(std::string_view message) const {
  if (enabled_) std::cerr << fmt::format("[plan {:.1f}s] {}\n", Seconds(), message) << std::flush;
}

double PlanProgress::Seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

ProgressFn PlanProgress::AsFunction() const {
  if (!enabled_) return {};
  return [this](std::string_view m) { (*this)(m); };
}

std::variant<PlanInputs, int> LoadPlanInputs(const PlanOptions& options, const StoreConfig& store,
                                             bool with_candidates) {
  PlanInputs in;
  const auto crs = ParseCrs(options.crs_name);
  if (!crs) {
    std::cerr << fmt::format(
        "错误 error: 坐标系 --crs 只能是 wgs84、gcj02 或 bd09，不能是 '{0}' (--crs must be wgs84, "
        "gcj02 or bd09, not '{0}')\n",
        options.crs_name);
    return kPlanExitBadInput;
  }
  in.crs = *crs;
  {
    const std::string& t = options.radius_text;
    double r = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), r);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(r) ||
        r <= 0 || r > kMaxRadiusMeters) {
      std::cerr << fmt::format(
          "错误 error: 服务半径 --radius-m 应是大于 0、不超过 {0} 的米数，不能是 '{1}' "
          "(--radius-m must be a number of metres > 0 and <= {0}, not '{1}')\n",
          kMaxRadiusMeters, t);
      return kPlanExitBadInput;
    }
    in.radius_m = r;
  }
  const auto demand_bytes = ReadWholeFile(options.demand_file);
  if (!demand_bytes) {
    std::cerr << fmt::format("错误 error: 无法读取需求文件 {0} (cannot read demand file {0})\n",
                             options.demand_file);
    return kPlanExitBadInput;
  }
  auto demand = ParseDemandFile(*demand_bytes, in.crs);
  if (!demand.errors.empty()) {
    ReportErrors(options.demand_file, demand.errors);
    return kPlanExitBadInput;
  }
  in.demand = std::move(demand.points);
  if (with_candidates) {
    const auto bytes = ReadWholeFile(options.candidates_file);
    if (!bytes) {
      std::cerr << fmt::format(
          "错误 error: 无法读取候选点文件 {0} (cannot read candidate file {0})\n",
          options.candidates_file);
      return kPlanExitBadInput;
    }
    auto candidates = ParseCandidateFile(*bytes, in.crs);
    if (!candidates.errors.empty()) {
      ReportErrors(options.candidates_file, candidates.errors);
      return kPlanExitBadInput;
    }
    in.candidates = std::move(candidates.sites);
  }
  if (!options.no_existing) {
    auto opened = OpenStore(store);
    if (!opened) {
      std::cerr << "错误 error: " << opened.error().message << "\n";
      return kPlanExitStore;
    }
    auto stations = opened->stations->ListStations();
    if (!stations) {
      std::cerr << "错误 error: " << stations.error().message << "\n";
      return kPlanExitStore;
    }
    for (const Station& s : *stations) {
      if (s.status == StationStatus::kOpen) in.stations.push_back({s.code, s.location, s.region});
    }
    if (auto regions = opened->regions->ListRegions()) {
      for (const Region& r : *regions) in.region_names.emplace(r.code, r.name);
    }
  }
  return in;
}

CoverageModel BuildModel(const PlanInputs& in, const PlanOptions& options,
                         const ProgressFn& progress) {
  std::vector<GeoPoint> sites(in.candidates.size()), existing(in.stations.size());
  for (std::size_t j = 0; j < sites.size(); ++j) sites[j] = in.candidates[j].location;
  for (std::size_t s = 0; s < existing.size(); ++s) existing[s] = in.stations[s].location;
  const int threads =
      options.threads > 0
          ? options.threads
          : static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
  return BuildCoverageModel(in.demand, sites, existing, in.radius_m, threads, progress);
}

void ReportErrors(const std::string& file, const std::vector<RowError>& errors) {
  std::cerr << fmt::format("{}: {} 处错误 / {} error(s)\n", file, errors.size(), errors.size());
  for (std::size_t i = 0; i < errors.size() && i < kMaxErrorsShown; ++i) {
    std::cerr << fmt::format("{}: line {}: {}\n", file, errors[i].line, errors[i].message);
  }
  if (errors.size() > kMaxErrorsShown) {
    std::cerr << fmt::format("{0}: 另有 {1} 处错误未列出 (… and {1} more)\n", file,
                             errors.size() - kMaxErrorsShown);
  }
}

bool HasOutputExtension(const std::string& path) {
  return EndsWith(path, ".csv") || EndsWith(path, ".geojson");
}

void ReportBadOutputExtension(std::string_view option, const std::string& path) {
  std::cerr << fmt::format(
      "错误 error: 输出文件 {0} {1} 的扩展名应是 .csv 或 .geojson ({0} {1} must end in .csv or "
      ".geojson)\n",
      option, path);
}

void ReportCannotWrite(const std::string& path) {
  std::cerr << fmt::format("错误 error: 无法写入 {0} (cannot write {0})\n", path);
}

bool WriteTextFile(const std::string& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return static_cast<bool>(out.flush());
}

bool WriteSitesFile(const std::string& path, const std::vector<CandidateSite>& candidates,
                    const std::vector<SiteChoice>& chosen, double start_weight, Crs crs) {
  double cumulative = start_weight;
  if (EndsWith(path, ".geojson")) {
    JsonWriter j;
    j.BeginObject().Field("type", "FeatureCollection").Key("features").BeginArray();
    for (std::size_t k = 0; k < chosen.size(); ++k) {
      const CandidateSite& c = candidates[chosen[k].site];
      cumulative += chosen[k].added_weight;
      j.BeginObject().Field("type", "Feature");
      j.Key("geometry").BeginObject().Field("type", "Point").Key("coordinates").BeginArray();
      j.Number(c.location.lng.degrees()).Number(c.location.lat.degrees()).EndArray().EndObject();
      j.Key("properties").BeginObject().Field("order", static_cast<int>(k + 1)).Field("id", c.id);
      j.Key("host_type");
      c.host_type ? j.String(HostTypeCode(*c.host_type)) : j.Null();
      j.Key("cost");
      c.cost ? j.Number(*c.cost) : j.Null();
      j.Field("added_weight", chosen[k].added_weight).Field("cumulative_weight", cumulative);
      j.EndObject().EndObject();
    }
    j.EndArray().EndObject();
    return WriteTextFile(path, j.text() + "\n");
  }
  (void)crs;  // CSV coordinates are the candidate file's own, already in `crs`
  std::string csv = "order,id,lng,lat,host_type,cost,added_weight,cumulative_weight\n";
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const CandidateSite& c = candidates[chosen[k].site];
    cumulative += chosen[k].added_weight;
    std::vector<std::string> fields{std::to_string(k + 1),
                                    c.id,
                                    fmt::format("{}", c.input_location.lng.degrees()),
                                    fmt::format("{}", c.input_location.lat.degrees()),
                                    c.host_type ? std::string(HostTypeCode(*c.host_type)) : "",
                                    c.cost ? fmt::format("{}", *c.cost) : "",
                                    fmt::format("{}", chosen[k].added_weight),
                                    fmt::format("{}", cumulative)};
    std::string line;
    AppendCsvRecord(line, fields);
    csv += line.substr(0, line.size() - 2) + "\n";
  }
  return WriteTextFile(path, csv);
}

std::string Grouped(double value) {
  const double rounded = std::round(value * 10) / 10;
  std::string digits = fmt::format("{}", static_cast<long long>(std::floor(std::abs(rounded))));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  const double fraction = std::abs(rounded) - std::floor(std::abs(rounded));
  if (fraction >= 0.05) out += fmt::format(".{}", static_cast<int>(std::round(fraction * 10)));
  return (rounded < 0 ? "-" : "") + out;
}

}  // namespace yz
