#include "domain/grading/grading_service.h"

#include <fmt/format.h>

#include <cmath>

#include "core/region_code.h"
#include "core/text.h"
#include "domain/stations/codes.h"

namespace yz {
namespace {

Error NoSuchStation() { return Error::NotFound("没有这个站点 / no such station"); }
Error NoSuchRun() { return Error::NotFound("没有这次评定 / no such grading run"); }

std::string MonthKey(std::chrono::year_month ym) {
  return fmt::format("{:04}-{:02}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
}

bool InRun(const GradingRun& run, std::string_view station_region) {
  return run.region.empty() || RegionCovers(run.region, station_region);
}

// What the registry says of a station: the 十个一 amenities listed and working, and the AED.
void AddRegistryMeasures(const Station& s, const std::vector<Amenity>& standard,
                         StationEvidence& e) {
  int working = 0;
  for (Amenity a : standard) working += s.HasWorkingAmenity(a) ? 1 : 0;
  e[GradingMeasure::kStandardAmenities] = working;
  e[GradingMeasure::kAed] = s.HasWorkingAmenity(Amenity::kAed) ? 1 : 0;
}

}  // namespace

EvidenceWindow GradingService::WindowNow() const {
  using namespace std::chrono;
  const UtcTime now = clock_.Now();
  const year_month_day today{sys_days(days(zone_.ToLocal(now).day_number))};
  const year_month this_month = today.year() / today.month();
  const year_month first = this_month - months(kPeriodMonths);
  const auto local_start = [this](year_month ym) {
    return UtcTime(sys_days(ym / 1)) - minutes(zone_.offset_minutes());
  };
  return {MonthKey(first),
          MonthKey(this_month - months(1)),
          local_start(first),
          local_start(this_month),
          now,
          today};
}

Result<GradingRules> GradingService::Rules() { return grading_.CurrentRules(); }

Result<GradingRules> GradingService::SaveRules(const Caller& who, GradingRules rules) {
  if (auto valid = rules.Validate(); !valid) {
    auditor_.Record(who, "grading.rules", "", AuditOutcome::kFailed, valid.error().message);
    return valid.error();
  }
  auto stored = grading_.AddRules(rules, who.principal.account.username, clock_.Now());
  if (!stored) return stored.error();
  auditor_.Record(who, "grading.rules", fmt::format("v{}", stored->version), AuditOutcome::kSuccess,
                  fmt::format("评星标准第 {} 版：{} 项计分，{} 个星级", stored->version,
                              stored->criteria.size(), stored->levels.size()));
  return stored;
}

Result<StationGradeView> GradingService::OfStation(const Principal& who, std::string_view station) {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(station);
  if (s == nullptr || !who.CanReachStation(s->code, s->region)) return NoSuchStation();
  StationGradeView view;
  view.stars = s->stars;
  auto history = grading_.GradeHistory(s->code);
  if (!history) return history.error();
  view.history = std::move(*history);
  auto facts = grading_.Facts(s->code);
  if (!facts) return facts.error();
  view.facts = std::move(*facts);
  return view;
}

Result<GradingFacts> GradingService::SaveFacts(const Caller& who, std::string_view station,
                                               std::optional<double> area_m2,
                                               std::optional<int> capacity) {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(station);
  if (s == nullptr || !who.CanReachStation(s->code, s->region)) return NoSuchStation();
  if (area_m2 && !(std::isfinite(*area_m2) && *area_m2 > 0 && *area_m2 <= 100000)) {
    return Error::InvalidArgument("面积应为 0 到 100000 平方米 / area_m2 must be in (0, 100000]");
  }
  if (capacity && (*capacity < 1 || *capacity > 10000)) {
    return Error::InvalidArgument("可容纳人数应为 1 到 10000 / capacity must be 1..10000");
  }
  GradingFacts facts{s->code, area_m2, capacity, who.principal.account.username, clock_.Now()};
  YZ_TRY(grading_.SaveFacts(facts));
  auditor_.Record(
      who, "grading.facts", s->code, AuditOutcome::kSuccess,
      fmt::format("面积 {}，可容纳 {}", FormatMeasure(GradingMeasure::kAreaM2, area_m2),
                  FormatMeasure(GradingMeasure::kCapacity,
                                capacity ? std::optional<double>(*capacity) : std::nullopt)));
  return facts;
}

Result<GradingRun> GradingService::Run(const Caller& who, std::string_view region) {
  if (!who.CanReachRegion(region)) {
    if (region.empty()) {
      return Error::InvalidArgument("请填写您负责的区域代码 / choose one of your regions");
    }
    return Error::NotFound("没有这个地区 / no such region");
  }
  auto rules = grading_.CurrentRules();
  if (!rules) return rules.error();
  const EvidenceWindow window = WindowNow();
  auto evidence = grading_.CollectEvidence(window);
  if (!evidence) return evidence.error();
  auto standard_list = standard_.StandardAmenities();
  if (!standard_list) return standard_list.error();
  const auto catalog = directory_.Current();

  GradingRun run;
  run.rules_version = rules->version;
  run.first_month = window.first_month;
  run.last_month = window.last_month;
  run.region = std::string(region);
  run.created_by = who.principal.account.username;
  run.created_at = window.now;
  std::vector<GradingProposal> proposals;
  for (const Station* s : catalog->FirstByCode(catalog->size())) {
    if (s->status != StationStatus::kOpen && s->status != StationStatus::kSuspended) continue;
    if (!InRun(run, s->region) || !who.CanReachStation(s->code, s->region)) continue;
    GradingProposal p;
    p.station_code = s->code;
    // What is counted is 0 where nothing was recorded; what is measured stays unknown.
    for (GradingMeasure m : {GradingMeasure::kOverdueTickets, GradingMeasure::kExpiredMedicine,
                             GradingMeasure::kRatings, GradingMeasure::kCheckinsPerDay}) {
      p.evidence[m] = 0.0;
    }
    if (auto found = evidence->find(s->code); found != evidence->end()) {
      for (int m = 0; m < kGradingMeasureCount; ++m) {
        if (found->second.values[m]) p.evidence.values[m] = found->second.values[m];
      }
    }
    AddRegistryMeasures(*s, *standard_list, p.evidence);
    const Evaluation e = Evaluate(*rules, p.evidence);
    p.stars = e.stars;
    p.points = e.points;
    if (s->stars > 0) p.previous_stars = s->stars;
    ++run.by_stars[p.stars];
    proposals.push_back(std::move(p));
  }
  if (proposals.empty()) {
    return Error::InvalidArgument("这个地区没有开放或暂停的站点 / no station to grade here");
  }
  run.stations = static_cast<int64_t>(proposals.size());
  auto id = grading_.AddRun(run, proposals);
  if (!id) return id.error();
  run.id = *id;
  auditor_.Record(who, "grading.run", fmt::format("{}", run.id), AuditOutcome::kSuccess,
                  fmt::format("{} 至 {}，{} 个站点，第 {} 版标准", run.first_month, run.last_month,
                              run.stations, run.rules_version));
  return run;
}

Result<std::vector<GradingRun>> GradingService::Runs(const Principal& who) {
  auto runs = grading_.ListRuns(200);
  if (!runs) return runs.error();
  std::erase_if(*runs, [&](const GradingRun& r) {
    return !(r.region.empty() ? who.CanReachRegion("") : who.CanReachRegion(r.region));
  });
  return runs;
}

Result<GradingRun> GradingService::RunInScope(const Principal& who, int64_t id) {
  auto run = grading_.FindRun(id);
  if (!run) return run.error();
  if (!*run || !who.CanReachRegion((*run)->region)) return NoSuchRun();
  return std::move(**run);
}

Result<GradingRun> GradingService::GetRun(const Principal& who, int64_t id) {
  return RunInScope(who, id);
}

Result<ProposalView> GradingService::View(const GradingRun& run, GradingProposal proposal) {
  auto rules = grading_.Rules(run.rules_version);
  if (!rules) return rules.error();
  ProposalView view;
  view.evaluation = Evaluate(*rules, proposal.evidence);
  const auto catalog = directory_.Current();
  if (const Station* s = catalog->Find(proposal.station_code)) {
    view.name = s->name;
    view.region = s->region;
  }
  view.proposal = std::move(proposal);
  return view;
}

Result<std::vector<ProposalView>> GradingService::Proposals(const Principal& who, int64_t id,
                                                            std::string_view after,
                                                            std::size_t limit, bool changed_only) {
  auto run = RunInScope(who, id);
  if (!run) return run.error();
  auto rules = grading_.Rules(run->rules_version);
  if (!rules) return rules.error();
  auto list = grading_.Proposals(id, after, std::min(limit, kMaxPage), changed_only);
  if (!list) return list.error();
  const auto catalog = directory_.Current();
  std::vector<ProposalView> out;
  out.reserve(list->size());
  for (GradingProposal& p : *list) {
    ProposalView view;
    view.evaluation = Evaluate(*rules, p.evidence);
    if (const Station* s = catalog->Find(p.station_code)) {
      view.name = s->name;
      view.region = s->region;
    }
    view.proposal = std::move(p);
    out.push_back(std::move(view));
  }
  return out;
}

Result<ProposalView> GradingService::Proposal(const Principal& who, int64_t id,
                                              std::string_view station) {
  auto run = RunInScope(who, id);
  if (!run) return run.error();
  auto p = grading_.FindProposal(id, station);
  if (!p) return p.error();
  if (!*p) return NoSuchStation();
  return View(*run, std::move(**p));
}

Result<ProposalView> GradingService::Override(const Caller& who, int64_t id,
                                              std::string_view station, std::optional<int> stars,
                                              std::string reason) {
  auto run = RunInScope(who.principal, id);
  if (!run) return run.error();
  if (stars && (*stars < 0 || *stars > 5)) {
    return Error::InvalidArgument("星级应为 0 到 5 / stars must be 0..5");
  }
  const std::size_t length = IsValidUtf8(reason) ? CountCodePoints(reason) : 0;
  if (stars && (length < 1 || length > 200)) {
    return Error::InvalidArgument("请写明调整理由（1 到 200 字）/ a reason of 1..200 characters");
  }
  if (!stars) reason.clear();
  YZ_TRY(grading_.OverrideProposal(id, station, stars, reason));
  auditor_.Record(who, "grading.override", fmt::format("{}/{}", id, station),
                  AuditOutcome::kSuccess,
                  stars ? fmt::format("调整为 {} 星：{}", *stars, reason) : "恢复按标准评定");
  return Proposal(who.principal, id, station);
}

Result<GradingRun> GradingService::Review(const Caller& who, int64_t id, bool approve,
                                          std::string note) {
  auto run = RunInScope(who.principal, id);
  if (!run) return run.error();
  const char* action = approve ? "grading.approve" : "grading.reject";
  if (run->created_by == who.principal.account.username) {
    auditor_.Record(who, action, fmt::format("{}", id), AuditOutcome::kDenied, "发起人不能审核");
    return Error{ErrorCode::kForbidden,
                 "评定须由发起人以外的人审核 / a run is reviewed by someone else"};
  }
  const std::size_t length = IsValidUtf8(note) ? CountCodePoints(note) : 0;
  if (length > 500) return Error::InvalidArgument("审核意见至多 500 字 / note: at most 500");
  if (!approve && length == 0) {
    return Error::InvalidArgument("退回时请写明理由 / a rejection needs a note");
  }
  auto reviewed = grading_.Review(id, approve, who.principal.account.username, note, clock_.Now());
  if (!reviewed) return reviewed.error();
  auditor_.Record(who, action, fmt::format("{}", id), AuditOutcome::kSuccess,
                  fmt::format("{} 个站点；{}", reviewed->stations, note));
  if (approve && reloaded_) reloaded_();
  return reviewed;
}

}  // namespace yz
