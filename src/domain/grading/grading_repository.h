// Storage of star grading: the rules (versioned: a run keeps the version it used), the facts a
// station declares (area, capacity), the evidence gathered from the other areas' records, runs
// with their proposals, and the approved grades with their history.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/local_time.h"
#include "core/result.h"
#include "domain/grading/grading.h"

namespace yz {

// What a station declares for grading (申报): its floor area and how many it seats.
struct GradingFacts {
  std::string station_code;
  std::optional<double> area_m2;  // > 0
  std::optional<int> capacity;    // > 0
  std::string updated_by;
  UtcTime updated_at;
};

// The period a run looks at: whole station-local months [first_month, last_month] ("YYYY-MM"),
// the same as instants [from, until); `now` and `today` for what is judged as it stands (overdue
// tickets, expired medicine).
struct EvidenceWindow {
  std::string first_month;
  std::string last_month;
  UtcTime from;
  UtcTime until;
  UtcTime now;
  Date today;
};

enum class GradingRunStatus : uint8_t { kProposed, kApproved, kRejected };
std::string_view GradingRunStatusCode(GradingRunStatus s);   // "proposed", "approved", "rejected"
std::string_view GradingRunStatusLabel(GradingRunStatus s);  // "待审核", "已批准", "已退回"
std::optional<GradingRunStatus> ParseGradingRunStatus(std::string_view code);

struct GradingRun {
  int64_t id = 0;
  int rules_version = 0;
  std::string first_month;
  std::string last_month;
  std::string region;  // the stations of this region and below; "" for every station
  std::string created_by;
  UtcTime created_at;
  GradingRunStatus status = GradingRunStatus::kProposed;
  std::string reviewed_by;
  std::optional<UtcTime> reviewed_at;
  std::string review_note;
  int64_t stations = 0;
  std::array<int64_t, 6> by_stars{};  // proposals per final star count 0..5
};

struct GradingProposal {
  std::string station_code;
  int stars = 0;                      // what the rules gave
  std::optional<int> previous_stars;  // the approved grade when the run was made
  double points = 0;
  StationEvidence evidence;
  std::optional<int> override_stars;  // the reviewer's, with a reason
  std::string override_reason;
  int FinalStars() const { return override_stars.value_or(stars); }
};

struct GradeHistoryLine {
  int64_t run_id = 0;
  std::string first_month;
  std::string last_month;
  int stars = 0;
  UtcTime approved_at;
  std::string approved_by;
};

class GradingRepository {
 public:
  virtual ~GradingRepository() = default;

  // The newest rules; migration 014 stores DefaultGradingRules() as version 1.
  virtual Result<GradingRules> CurrentRules() = 0;
  // A stored version, kNotFound when there is none.
  virtual Result<GradingRules> Rules(int version) = 0;
  // Stores `rules` as the next version and returns them with it.
  virtual Result<GradingRules> AddRules(const GradingRules& rules, std::string_view by,
                                        UtcTime at) = 0;

  virtual Result<std::optional<GradingFacts>> Facts(std::string_view station) = 0;
  virtual Result<void> SaveFacts(const GradingFacts& facts) = 0;

  // Per station code, every measure kept in the store (all but the standard amenities and the
  // AED, which the registry gives): one aggregate query per kind of record over the window,
  // never a query per station. Stations without any record may be absent.
  virtual Result<std::unordered_map<std::string, StationEvidence>> CollectEvidence(
      const EvidenceWindow& window) = 0;

  // Stores a run and its proposals in one transaction; returns the run's id.
  virtual Result<int64_t> AddRun(const GradingRun& run,
                                 const std::vector<GradingProposal>& proposals) = 0;
  virtual Result<std::vector<GradingRun>> ListRuns(std::size_t limit) = 0;
  virtual Result<std::optional<GradingRun>> FindRun(int64_t id) = 0;
  // A run's proposals in station-code order from `after` (exclusive; "" from the start); with
  // `changed_only`, those whose final stars differ from the previous grade.
  virtual Result<std::vector<GradingProposal>> Proposals(int64_t run, std::string_view after,
                                                         std::size_t limit, bool changed_only) = 0;
  virtual Result<std::optional<GradingProposal>> FindProposal(int64_t run,
                                                              std::string_view station) = 0;
  // Sets (or with nullopt clears) the reviewer's stars of one proposal of a proposed run: an
  // unknown run or station → kNotFound, a run no longer proposed → kConflict.
  virtual Result<void> OverrideProposal(int64_t run, std::string_view station,
                                        std::optional<int> stars, std::string_view reason) = 0;
  // Approves or rejects a proposed run in one transaction (kConflict when it is no longer
  // proposed); approving makes every proposal's final stars its station's grade and moves the
  // registry version on, so every server's search sees them.
  virtual Result<GradingRun> Review(int64_t run, bool approve, std::string_view by,
                                    std::string_view note, UtcTime at) = 0;

  // Approved grades by station code (stations never graded are absent).
  virtual Result<std::unordered_map<std::string, int>> CurrentGrades() = 0;
  // A station's approved grades, newest first.
  virtual Result<std::vector<GradeHistoryLine>> GradeHistory(std::string_view station) = 0;
};

}  // namespace yz
