// What the three plan commands share: their options, reading and validating the inputs with
// line-numbered messages, the existing stations of the store, progress on standard error, and
// the output files of chosen sites.
#pragma once

#include <chrono>
#include <map>
#include <variant>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crs.h"
#include "domain/planning/coverage_analysis.h"
#include "domain/planning/planning_input.h"
#include "domain/planning/site_selection.h"
#include "storage/open_store.h"

namespace yz {

// Exit statuses, as in the rest of the command line.
inline constexpr int kPlanExitOk = 0;
inline constexpr int kPlanExitBadInput = 1;  // a file or an argument value is invalid
inline constexpr int kPlanExitUsage = 2;     // options that do not go together, or are missing
inline constexpr int kPlanExitStore = 3;     // the store could not be read
inline constexpr int kPlanExitSolver = 4;    // the exact solver failed unexpectedly

struct PlanOptions {
  std::string demand_file;
  std::string candidates_file;
  std::string radius_text;           // metres, > 0
  std::string crs_name = "wgs84";    // of every coordinate read and of CSV coordinates written
  std::string p_text;                // mclp: number of new sites
  std::string budget_text;           // mclp: yuan
  std::string output_file;           // -o: .csv or .geojson
  std::string clusters_file;         // coverage: .csv or .geojson
  std::string points_file;           // coverage: per-point nearest station (.csv)
  bool json = false;
  bool exact = false;
  bool no_existing = false;
  uint64_t seed = 1;
  double time_limit_s = 300;         // --exact: CBC's limit
  double heuristic_seconds = 20;     // exchanges and the bound
  int top = 10;                      // clusters listed on stdout
  int threads = 0;                   // 0: one per core, at most 4
};

// The validated common inputs.
struct PlanInputs {
  Crs crs = Crs::kWgs84;
  double radius_m = 0;
  std::vector<DemandPoint> demand;
  std::vector<CandidateSite> candidates;
  std::vector<ExistingStation> stations;  // the store's open stations (none with --no-existing)
  std::map<std::string, std::string, std::less<>> region_names;
};

// Progress lines "[plan 1.2s] …" on standard error, when enabled.
class PlanProgress {
 public:
  explicit PlanProgress(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void Enable(bool enabled) { enabled_ = enabled; }
  void operator()(std::string_view message) const;
  double Seconds() const;
  ProgressFn AsFunction() const;

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

// Reads --crs, --radius-m, the demand file and (when `with_candidates`) the candidate file, and
// the store's open stations unless --no-existing. Prints every problem to standard error and
// returns the exit status instead of inputs.
std::variant<PlanInputs, int> LoadPlanInputs(const PlanOptions& options, const StoreConfig& store,
                                             bool with_candidates);

// The coverage model of the inputs (BuildCoverageModel with --threads).
CoverageModel BuildModel(const PlanInputs& in, const PlanOptions& options, const ProgressFn& progress);

// On standard error: how many rows of `file` are bad, then the first 50 with their line numbers.
void ReportErrors(const std::string& file, const std::vector<RowError>& errors);

// Checks that `path` ends in .csv or .geojson (the -o and --clusters-out formats).
bool HasOutputExtension(const std::string& path);
// On standard error, in Chinese then English: `option`'s `path` has neither extension.
void ReportBadOutputExtension(std::string_view option, const std::string& path);
// On standard error, in Chinese then English: `path` could not be written.
void ReportCannotWrite(const std::string& path);

// Writes the chosen sites as CSV (order,id,lng,lat,host_type,cost,added_weight,cumulative_weight;
// lng/lat in the input crs) or as a GeoJSON FeatureCollection (WGS-84), by the file's extension.
bool WriteSitesFile(const std::string& path, const std::vector<CandidateSite>& candidates,
                    const std::vector<SiteChoice>& chosen, double start_weight, Crs crs);

// Writes the text to the file; false when it cannot.
bool WriteTextFile(const std::string& path, std::string_view content);

// "1,234,567" / "1,234.5": numbers for the Chinese summaries.
std::string Grouped(double value);

}  // namespace yz
