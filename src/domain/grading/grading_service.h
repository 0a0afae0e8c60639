// Star grading from the console: the city's rules (read by admins, changed by a city admin — each
// change a new version), the facts a station declares, a grading run over a region (the twelve
// whole months before this one), the reviewer's corrections and approval, and a station's grade
// with its history. Who may call what is the route table's (api/grading); this service keeps the
// scope (outside it: kNotFound) and the four-eyes rule: a run is approved or rejected by someone
// other than the account that made it. Audited: "grading.rules", "grading.facts", "grading.run",
// "grading.override", "grading.approve", "grading.reject".
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/local_time.h"
#include "domain/audit/auditor.h"
#include "domain/grading/grading_repository.h"
#include "domain/stations/station_directory.h"
#include "domain/stations/station_repository.h"

namespace yz {

// One proposal as the reviewer reads it: the stored proposal, the station's name and region, and
// the evaluation again from the run's rules and evidence (the explanation per criterion).
struct ProposalView {
  GradingProposal proposal;
  std::string name;  // "" when the station is gone from the registry
  std::string region;
  Evaluation evaluation;
};

struct StationGradeView {
  int stars = 0;  // approved; 0 when never graded
  std::vector<GradeHistoryLine> history;
  std::optional<GradingFacts> facts;
};

class GradingService {
 public:
  static constexpr int kPeriodMonths = 12;
  static constexpr std::size_t kMaxPage = 500;

  // `reloaded` is called after an approval changed grades (the composition root reloads the
  // station directory so that search and pages show them). REQUIRES: references outlive this.
  GradingService(GradingRepository& grading, StandardRepository& standard,
                 StationDirectory& directory, Auditor& auditor, const Clock& clock, TimeZone zone,
                 std::function<void()> reloaded = {})
      : grading_(grading),
        standard_(standard),
        directory_(directory),
        auditor_(auditor),
        clock_(clock),
        zone_(zone),
        reloaded_(std::move(reloaded)) {}

  Result<GradingRules> Rules();
  Result<GradingRules> SaveRules(const Caller& who, GradingRules rules);

  Result<StationGradeView> OfStation(const Principal& who, std::string_view station);
  // area_m2 in (0, 100000], capacity in [1, 10000]; nullopt clears.
  Result<GradingFacts> SaveFacts(const Caller& who, std::string_view station,
                                 std::optional<double> area_m2, std::optional<int> capacity);

  // Grades every station of `region` ("" = all; must be in the caller's scope) that is open or
  // suspended, from the evidence of the twelve whole local months before the current one, with
  // the current rules. The run waits for review.
  Result<GradingRun> Run(const Caller& who, std::string_view region);
  Result<std::vector<GradingRun>> Runs(const Principal& who);
  Result<GradingRun> GetRun(const Principal& who, int64_t id);
  Result<std::vector<ProposalView>> Proposals(const Principal& who, int64_t run,
                                              std::string_view after, std::size_t limit,
                                              bool changed_only);
  Result<ProposalView> Proposal(const Principal& who, int64_t run, std::string_view station);
  // The reviewer's stars (0..5) for one station, with a reason (1..200 characters); nullopt
  // returns the station to the rules' stars.
  Result<ProposalView> Override(const Caller& who, int64_t run, std::string_view station,
                                std::optional<int> stars, std::string reason);
  Result<GradingRun> Review(const Caller& who, int64_t run, bool approve, std::string note);

  // The months and instants of the period a run made now would grade.
  EvidenceWindow WindowNow() const;

 private:
  Result<GradingRun> RunInScope(const Principal& who, int64_t id);
  Result<ProposalView> View(const GradingRun& run, GradingProposal proposal);

  GradingRepository& grading_;
  StandardRepository& standard_;
  StationDirectory& directory_;
  Auditor& auditor_;
  const Clock& clock_;
  TimeZone zone_;
  std::function<void()> reloaded_;
};

}  // namespace yz
