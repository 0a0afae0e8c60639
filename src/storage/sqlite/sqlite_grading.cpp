#include "storage/sqlite/sqlite_grading.h"

#include <sqlite3.h>

#include <algorithm>

#include "domain/checkins/checkin.h"
#include "storage/grading_sql.h"

namespace yz::sqlite {
namespace {

using namespace grading_sql;

std::optional<double> OptionalDouble(const Statement& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return s.Double(col);
}

std::optional<int> OptionalInt(const Statement& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return static_cast<int>(s.Int(col));
}

GradingRun ReadRun(const Statement& s) {
  GradingRun r;
  r.id = s.Int(0);
  r.rules_version = static_cast<int>(s.Int(1));
  r.first_month = s.Text(2);
  r.last_month = s.Text(3);
  r.region = s.Text(4);
  r.created_by = s.Text(5);
  r.created_at = FromEpochMillis(s.Int(6));
  r.status = ParseGradingRunStatus(s.Text(7)).value_or(GradingRunStatus::kProposed);
  r.reviewed_by = s.Text(8);
  if (!s.IsNull(9)) r.reviewed_at = FromEpochMillis(s.Int(9));
  r.review_note = s.Text(10);
  r.stations = s.Int(11);
  r.by_stars = DecodeByStars(s.Text(12));
  return r;
}

Result<GradingProposal> ReadProposal(const Statement& s) {
  GradingProposal p;
  p.station_code = s.Text(0);
  p.stars = static_cast<int>(s.Int(1));
  p.previous_stars = OptionalInt(s, 2);
  p.points = s.Double(3);
  auto evidence = DecodeEvidence(s.Text(4));
  if (!evidence) return Error::Internal("stored grading evidence of " + p.station_code);
  p.evidence = *evidence;
  p.override_stars = OptionalInt(s, 5);
  p.override_reason = s.Text(6);
  return p;
}

// Runs `sql` with `bind` applied and calls `row` for every result row.
template <class Bind, class Row>
Result<void> ForEachRow(Database& db, std::string_view sql, Bind bind, Row row) {
  auto stmt = db.Prepare(sql);
  if (!stmt) return stmt.error();
  bind(*stmt);
  while (true) {
    auto step = stmt->Step();
    if (!step) return step.error();
    if (!*step) return Ok();
    YZ_TRY(row(*stmt));
  }
}

}  // namespace

Result<GradingRules> SqliteGrading::RulesLocked(int version) {
  GradingRules rules;
  rules.version = version;
  const auto by_version = [version](Statement& s) { s.Bind(1, static_cast<int64_t>(version)); };
  YZ_TRY(ForEachRow(db_, kCriteria, by_version, [&](const Statement& s) -> Result<void> {
    auto measure = ParseGradingMeasure(s.Text(0));
    if (!measure) return Error::Internal("stored grading measure " + std::string(s.Text(0)));
    rules.criteria.push_back({*measure, static_cast<int>(s.Int(1)), s.Double(2), s.Double(3)});
    return Ok();
  }));
  YZ_TRY(ForEachRow(db_, kLevels, by_version, [&](const Statement& s) -> Result<void> {
    rules.levels.push_back({static_cast<int>(s.Int(0)), s.Double(1), {}});
    return Ok();
  }));
  YZ_TRY(ForEachRow(db_, kRequirements, by_version, [&](const Statement& s) -> Result<void> {
    auto measure = ParseGradingMeasure(s.Text(1));
    auto comparison = ParseComparison(s.Text(2));
    if (!measure || !comparison) return Error::Internal("stored grading requirement");
    for (StarLevel& level : rules.levels) {
      if (level.stars == s.Int(0))
        level.requirements.push_back({*measure, *comparison, s.Double(3)});
    }
    return Ok();
  }));
  if (rules.levels.empty() && rules.criteria.empty()) {
    return Error::NotFound("没有这一版评星标准 / no such rules version");
  }
  return rules;
}

Result<GradingRules> SqliteGrading::Rules(int version) {
  std::lock_guard lock(mutex_);
  return RulesLocked(version);
}

Result<GradingRules> SqliteGrading::CurrentRules() {
  std::lock_guard lock(mutex_);
  int64_t version = 0;
  YZ_TRY(ForEachRow(
      db_, kLatestVersion, [](Statement&) {},
      [&](const Statement& s) -> Result<void> {
        version = s.Int(0);
        return Ok();
      }));
  return RulesLocked(static_cast<int>(version));
}

Result<GradingRules> SqliteGrading::AddRules(const GradingRules& rules, std::string_view by,
                                             UtcTime at) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  int64_t version = 0;
  YZ_TRY(ForEachRow(
      db_, kLatestVersion, [](Statement&) {},
      [&](const Statement& s) -> Result<void> {
        version = s.Int(0) + 1;
        return Ok();
      }));
  auto set = db_.Prepare(kInsertRuleSet);
  if (!set) return set.error();
  set->Bind(1, version);
  set->Bind(2, by);
  set->Bind(3, ToEpochMillis(at));
  YZ_TRY(set->Run());
  auto criterion = db_.Prepare(kInsertCriterion);
  if (!criterion) return criterion.error();
  int64_t position = 0;
  for (const GradingCriterion& c : rules.criteria) {
    criterion->Reset();
    criterion->Bind(1, version);
    criterion->Bind(2, position++);
    criterion->Bind(3, GradingMeasureCode(c.measure));
    criterion->Bind(4, static_cast<int64_t>(c.points));
    criterion->Bind(5, c.zero_at);
    criterion->Bind(6, c.full_at);
    YZ_TRY(criterion->Run());
  }
  auto level = db_.Prepare(kInsertLevel);
  if (!level) return level.error();
  auto requirement = db_.Prepare(kInsertRequirement);
  if (!requirement) return requirement.error();
  for (const StarLevel& l : rules.levels) {
    level->Reset();
    level->Bind(1, version);
    level->Bind(2, static_cast<int64_t>(l.stars));
    level->Bind(3, l.min_points);
    YZ_TRY(level->Run());
    int64_t place = 0;
    for (const GradingRequirement& r : l.requirements) {
      requirement->Reset();
      requirement->Bind(1, version);
      requirement->Bind(2, static_cast<int64_t>(l.stars));
      requirement->Bind(3, place++);
      requirement->Bind(4, GradingMeasureCode(r.measure));
      requirement->Bind(5, ComparisonCode(r.comparison));
      requirement->Bind(6, r.threshold);
      YZ_TRY(requirement->Run());
    }
  }
  YZ_TRY(tx->Commit());
  GradingRules stored = rules;
  stored.version = static_cast<int>(version);
  return stored;
}

Result<std::optional<GradingFacts>> SqliteGrading::Facts(std::string_view station) {
  std::lock_guard lock(mutex_);
  std::optional<GradingFacts> out;
  YZ_TRY(ForEachRow(
      db_, kFacts, [&](Statement& s) { s.Bind(1, station); },
      [&](const Statement& s) -> Result<void> {
        out = GradingFacts{std::string(s.Text(0)), OptionalDouble(s, 1), OptionalInt(s, 2),
                           std::string(s.Text(3)), FromEpochMillis(s.Int(4))};
        return Ok();
      }));
  return out;
}

Result<void> SqliteGrading::SaveFacts(const GradingFacts& f) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(kSaveFacts);
  if (!stmt) return stmt.error();
  stmt->Bind(1, f.station_code);
  f.area_m2 ? stmt->Bind(2, *f.area_m2) : stmt->BindNull(2);
  f.capacity ? stmt->Bind(3, static_cast<int64_t>(*f.capacity)) : stmt->BindNull(3);
  stmt->Bind(4, f.updated_by);
  stmt->Bind(5, ToEpochMillis(f.updated_at));
  return stmt->Run();
}

Result<std::unordered_map<std::string, StationEvidence>> SqliteGrading::CollectEvidence(
    const EvidenceWindow& w) {
  std::lock_guard lock(mutex_);
  std::unordered_map<std::string, StationEvidence> out;
  const auto of = [&out](const Statement& s) -> StationEvidence& {
    return out[std::string(s.Text(0))];
  };
  const double days = std::chrono::duration<double, std::ratio<86400>>(w.until - w.from).count();
  const auto period = [&w](Statement& s) {
    s.Bind(1, ToEpochMillis(w.from));
    s.Bind(2, ToEpochMillis(w.until));
  };
  YZ_TRY(ForEachRow(
      db_, kEvidenceFacts, [](Statement&) {},
      [&](const Statement& s) -> Result<void> {
        AddFacts(of(s), OptionalDouble(s, 1), OptionalDouble(s, 2));
        return Ok();
      }));
  YZ_TRY(ForEachRow(
      db_, kEvidenceMonths,
      [&w](Statement& s) {
        s.Bind(1, w.first_month);
        s.Bind(2, w.last_month);
      },
      [&](const Statement& s) -> Result<void> {
        AddMonths(of(s), s.Int(1), s.Int(2), s.Int(3), days);
        return Ok();
      }));
  YZ_TRY(ForEachRow(db_, kEvidenceInspections, period, [&](const Statement& s) -> Result<void> {
    AddInspections(of(s), s.Double(2));
    return Ok();
  }));
  YZ_TRY(ForEachRow(db_, kEvidenceHoursKept, period, [&](const Statement& s) -> Result<void> {
    AddHoursKept(of(s), s.Int(1), s.Int(2));
    return Ok();
  }));
  YZ_TRY(ForEachRow(
      db_, kEvidenceOverdue, [&w](Statement& s) { s.Bind(1, ToEpochMillis(w.now)); },
      [&](const Statement& s) -> Result<void> {
        of(s)[GradingMeasure::kOverdueTickets] = static_cast<double>(s.Int(1));
        return Ok();
      }));
  YZ_TRY(ForEachRow(db_, kEvidenceOnTime, period, [&](const Statement& s) -> Result<void> {
    AddOnTime(of(s), s.Int(1), s.Int(2));
    return Ok();
  }));
  YZ_TRY(ForEachRow(
      db_, kEvidenceExpired, [&w](Statement& s) { s.Bind(1, FormatDate(w.today)); },
      [&](const Statement& s) -> Result<void> {
        of(s)[GradingMeasure::kExpiredMedicine] = static_cast<double>(s.Int(1));
        return Ok();
      }));
  return out;
}

Result<int64_t> SqliteGrading::AddRun(const GradingRun& run,
                                      const std::vector<GradingProposal>& proposals) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  auto head = db_.Prepare(std::string("INSERT INTO grading_runs ") + std::string(kInsertRunValues));
  if (!head) return head.error();
  head->Bind(1, static_cast<int64_t>(run.rules_version));
  head->Bind(2, run.first_month);
  head->Bind(3, run.last_month);
  head->Bind(4, run.region);
  head->Bind(5, run.created_by);
  head->Bind(6, ToEpochMillis(run.created_at));
  head->Bind(7, run.stations);
  head->Bind(8, EncodeByStars(run.by_stars));
  YZ_TRY(head->Run());
  const int64_t id = sqlite3_last_insert_rowid(db_.handle());
  auto row = db_.Prepare(kInsertProposal);
  if (!row) return row.error();
  for (const GradingProposal& p : proposals) {
    row->Reset();
    row->Bind(1, id);
    row->Bind(2, p.station_code);
    row->Bind(3, static_cast<int64_t>(p.stars));
    row->Bind(4, p.previous_stars ? std::optional<int64_t>(*p.previous_stars) : std::nullopt);
    row->Bind(5, p.points);
    row->Bind(6, EncodeEvidence(p.evidence));
    YZ_TRY(row->Run());
  }
  YZ_TRY(tx->Commit());
  return id;
}

Result<std::vector<GradingRun>> SqliteGrading::ListRuns(std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::vector<GradingRun> out;
  YZ_TRY(ForEachRow(
      db_,
      std::string("SELECT ") + std::string(kRunColumns) +
          " FROM grading_runs ORDER BY id DESC LIMIT ?",
      [limit](Statement& s) { s.Bind(1, static_cast<int64_t>(limit)); },
      [&](const Statement& s) -> Result<void> {
        out.push_back(ReadRun(s));
        return Ok();
      }));
  return out;
}

Result<std::optional<GradingRun>> SqliteGrading::FindRunLocked(int64_t id) {
  std::optional<GradingRun> out;
  YZ_TRY(ForEachRow(
      db_, std::string("SELECT ") + std::string(kRunColumns) + " FROM grading_runs WHERE id = ?",
      [id](Statement& s) { s.Bind(1, id); },
      [&](const Statement& s) -> Result<void> {
        out = ReadRun(s);
        return Ok();
      }));
  return out;
}

Result<std::optional<GradingRun>> SqliteGrading::FindRun(int64_t id) {
  std::lock_guard lock(mutex_);
  return FindRunLocked(id);
}

Result<std::vector<GradingProposal>> SqliteGrading::Proposals(int64_t run, std::string_view after,
                                                              std::size_t limit,
                                                              bool changed_only) {
  std::lock_guard lock(mutex_);
  std::vector<GradingProposal> out;
  YZ_TRY(ForEachRow(
      db_, changed_only ? kChangedProposalsAfter : kProposalsAfter,
      [&](Statement& s) {
        s.Bind(1, run);
        s.Bind(2, after);
        s.Bind(3, static_cast<int64_t>(limit));
      },
      [&](const Statement& s) -> Result<void> {
        auto p = ReadProposal(s);
        if (!p) return p.error();
        out.push_back(std::move(*p));
        return Ok();
      }));
  return out;
}

Result<std::optional<GradingProposal>> SqliteGrading::FindProposal(int64_t run,
                                                                   std::string_view station) {
  std::lock_guard lock(mutex_);
  std::optional<GradingProposal> out;
  YZ_TRY(ForEachRow(
      db_, kFindProposal,
      [&](Statement& s) {
        s.Bind(1, run);
        s.Bind(2, station);
      },
      [&](const Statement& s) -> Result<void> {
        auto p = ReadProposal(s);
        if (!p) return p.error();
        out = std::move(*p);
        return Ok();
      }));
  return out;
}

Result<void> SqliteGrading::OverrideProposal(int64_t run, std::string_view station,
                                             std::optional<int> stars, std::string_view reason) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  std::optional<std::string> status;
  YZ_TRY(ForEachRow(
      db_, kRunStatus, [run](Statement& s) { s.Bind(1, run); },
      [&](const Statement& s) -> Result<void> {
        status = std::string(s.Text(0));
        return Ok();
      }));
  if (!status) return Error::NotFound("没有这次评定 / no such grading run");
  if (*status != "proposed")
    return Error::Conflict("这次评定已审核，不能再调整 / already reviewed");
  auto update = db_.Prepare(kOverride);
  if (!update) return update.error();
  update->Bind(1, stars ? std::optional<int64_t>(*stars) : std::nullopt);
  update->Bind(2, reason);
  update->Bind(3, run);
  update->Bind(4, station);
  YZ_TRY(update->Run());
  if (update->Changes() == 0) return Error::NotFound("这次评定没有这个站点 / no such station");
  std::array<int64_t, 6> counts{};
  YZ_TRY(ForEachRow(
      db_, kFinalStarCounts, [run](Statement& s) { s.Bind(1, run); },
      [&](const Statement& s) -> Result<void> {
        counts[std::clamp<int64_t>(s.Int(0), 0, 5)] = s.Int(1);
        return Ok();
      }));
  auto set = db_.Prepare(kSetByStars);
  if (!set) return set.error();
  set->Bind(1, EncodeByStars(counts));
  set->Bind(2, run);
  YZ_TRY(set->Run());
  return tx->Commit();
}

Result<GradingRun> SqliteGrading::Review(int64_t run, bool approve, std::string_view by,
                                         std::string_view note, UtcTime at) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  auto found = FindRunLocked(run);
  if (!found) return found.error();
  if (!*found) return Error::NotFound("没有这次评定 / no such grading run");
  if ((*found)->status != GradingRunStatus::kProposed) {
    return Error::Conflict("这次评定已审核 / this run has been reviewed");
  }
  auto update = db_.Prepare(kReviewRun);
  if (!update) return update.error();
  update->Bind(
      1, GradingRunStatusCode(approve ? GradingRunStatus::kApproved : GradingRunStatus::kRejected));
  update->Bind(2, by);
  update->Bind(3, note);
  update->Bind(4, ToEpochMillis(at));
  update->Bind(5, run);
  YZ_TRY(update->Run());
  if (approve) {
    auto apply = db_.Prepare(kApplyGrades);
    if (!apply) return apply.error();
    apply->Bind(1, ToEpochMillis(at));
    apply->Bind(2, run);
    YZ_TRY(apply->Run());
    // Search and the station pages show grades: every process reloads (ADR 0010).
    YZ_TRY(db_.Exec("UPDATE registry_version SET version = version + 1 WHERE id = 1"));
  }
  auto after = FindRunLocked(run);
  if (!after) return after.error();
  YZ_TRY(tx->Commit());
  return **after;
}

Result<std::unordered_map<std::string, int>> SqliteGrading::CurrentGrades() {
  std::lock_guard lock(mutex_);
  std::unordered_map<std::string, int> out;
  YZ_TRY(ForEachRow(
      db_, kCurrentGrades, [](Statement&) {},
      [&](const Statement& s) -> Result<void> {
        out[std::string(s.Text(0))] = static_cast<int>(s.Int(1));
        return Ok();
      }));
  return out;
}

Result<std::vector<GradeHistoryLine>> SqliteGrading::GradeHistory(std::string_view station) {
  std::lock_guard lock(mutex_);
  std::vector<GradeHistoryLine> out;
  YZ_TRY(ForEachRow(
      db_, kGradeHistory, [station](Statement& s) { s.Bind(1, station); },
      [&](const Statement& s) -> Result<void> {
        out.push_back({s.Int(0), std::string(s.Text(1)), std::string(s.Text(2)),
                       static_cast<int>(s.Int(3)), FromEpochMillis(s.Int(4)),
                       std::string(s.Text(5))});
        return Ok();
      }));
  return out;
}

}  // namespace yz::sqlite
