#include "storage/postgres/postgres_grading.h"

#include <algorithm>
#include <pqxx/pqxx>

#include "domain/checkins/checkin.h"
#include "storage/grading_sql.h"

namespace yz::pg {
namespace {

using namespace grading_sql;

std::string S(std::string_view sql) { return std::string(sql); }

std::optional<double> OptionalDouble(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<double>();
}

std::optional<int> OptionalInt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<int>();
}

std::optional<int> OptionalStars(std::optional<int> stars) { return stars; }

GradingRun ReadRun(const pqxx::row& r) {
  GradingRun run;
  run.id = r[0].as<int64_t>();
  run.rules_version = r[1].as<int>();
  run.first_month = r[2].as<std::string>();
  run.last_month = r[3].as<std::string>();
  run.region = r[4].as<std::string>();
  run.created_by = r[5].as<std::string>();
  run.created_at = FromEpochMillis(r[6].as<int64_t>());
  run.status = ParseGradingRunStatus(r[7].as<std::string>()).value_or(GradingRunStatus::kProposed);
  run.reviewed_by = r[8].as<std::string>();
  if (!r[9].is_null()) run.reviewed_at = FromEpochMillis(r[9].as<int64_t>());
  run.review_note = r[10].as<std::string>();
  run.stations = r[11].as<int64_t>();
  run.by_stars = DecodeByStars(r[12].as<std::string>());
  return run;
}

Result<GradingProposal> ReadProposal(const pqxx::row& r) {
  GradingProposal p;
  p.station_code = r[0].as<std::string>();
  p.stars = r[1].as<int>();
  p.previous_stars = OptionalInt(r[2]);
  p.points = r[3].as<double>();
  auto evidence = DecodeEvidence(r[4].as<std::string>());
  if (!evidence) return Error::Internal("stored grading evidence of " + p.station_code);
  p.evidence = *evidence;
  p.override_stars = OptionalInt(r[5]);
  p.override_reason = r[6].as<std::string>();
  return p;
}

template <class Txn>
Result<GradingRules> ReadRules(Txn& txn, int version) {
  GradingRules rules;
  rules.version = version;
  for (const auto& r : txn.exec_params(S(kCriteria), version)) {
    auto measure = ParseGradingMeasure(r[0].template as<std::string>());
    if (!measure) return Error::Internal("stored grading measure");
    rules.criteria.push_back({*measure, r[1].template as<int>(), r[2].template as<double>(),
                              r[3].template as<double>()});
  }
  for (const auto& r : txn.exec_params(S(kLevels), version)) {
    rules.levels.push_back({r[0].template as<int>(), r[1].template as<double>(), {}});
  }
  for (const auto& r : txn.exec_params(S(kRequirements), version)) {
    auto measure = ParseGradingMeasure(r[1].template as<std::string>());
    auto comparison = ParseComparison(r[2].template as<std::string>());
    if (!measure || !comparison) return Error::Internal("stored grading requirement");
    for (StarLevel& level : rules.levels) {
      if (level.stars == r[0].template as<int>()) {
        level.requirements.push_back({*measure, *comparison, r[3].template as<double>()});
      }
    }
  }
  if (rules.levels.empty() && rules.criteria.empty()) {
    return Error::NotFound("没有这一版评星标准 / no such rules version");
  }
  return rules;
}

template <class Txn>
std::optional<GradingRun> ReadRunById(Txn& txn, int64_t id) {
  const pqxx::result r =
      txn.exec_params("SELECT " + S(kRunColumns) + " FROM grading_runs WHERE id = $1", id);
  if (r.empty()) return std::nullopt;
  return ReadRun(r[0]);
}

}  // namespace

Result<GradingRules> PostgresGrading::CurrentRules() {
  return pool_.Run<GradingRules>("grading rules", [&](pqxx::connection& c) -> Result<GradingRules> {
    pqxx::read_transaction txn(c);
    const int version = txn.exec(S(kLatestVersion))[0][0].as<int>();
    return ReadRules(txn, version);
  });
}

Result<GradingRules> PostgresGrading::Rules(int version) {
  return pool_.Run<GradingRules>("grading rules", [&](pqxx::connection& c) -> Result<GradingRules> {
    pqxx::read_transaction txn(c);
    return ReadRules(txn, version);
  });
}

Result<GradingRules> PostgresGrading::AddRules(const GradingRules& rules, std::string_view by,
                                               UtcTime at) {
  return pool_.Run<GradingRules>(
      "add grading rules", [&](pqxx::connection& c) -> Result<GradingRules> {
        pqxx::work txn(c);
        // One writer of rules at a time, so two saves never draw the same version.
        txn.exec("LOCK TABLE grading_rule_sets IN EXCLUSIVE MODE");
        const int version = txn.exec(S(kLatestVersion))[0][0].as<int>() + 1;
        txn.exec_params(S(kInsertRuleSet), version, std::string(by), ToEpochMillis(at));
        int position = 0;
        for (const GradingCriterion& k : rules.criteria) {
          txn.exec_params(S(kInsertCriterion), version, position++,
                          std::string(GradingMeasureCode(k.measure)), k.points, k.zero_at,
                          k.full_at);
        }
        for (const StarLevel& l : rules.levels) {
          txn.exec_params(S(kInsertLevel), version, l.stars, l.min_points);
          int place = 0;
          for (const GradingRequirement& r : l.requirements) {
            txn.exec_params(S(kInsertRequirement), version, l.stars, place++,
                            std::string(GradingMeasureCode(r.measure)),
                            std::string(ComparisonCode(r.comparison)), r.threshold);
          }
        }
        txn.commit();
        GradingRules stored = rules;
        stored.version = version;
        return stored;
      });
}

Result<std::optional<GradingFacts>> PostgresGrading::Facts(std::string_view station) {
  return pool_.Run<std::optional<GradingFacts>>(
      "grading facts", [&](pqxx::connection& c) -> Result<std::optional<GradingFacts>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params(S(kFacts), std::string(station));
        if (r.empty()) return std::optional<GradingFacts>{};
        return std::optional<GradingFacts>{
            GradingFacts{r[0][0].as<std::string>(), OptionalDouble(r[0][1]), OptionalInt(r[0][2]),
                         r[0][3].as<std::string>(), FromEpochMillis(r[0][4].as<int64_t>())}};
      });
}

Result<void> PostgresGrading::SaveFacts(const GradingFacts& f) {
  return pool_.Run<void>("save grading facts", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params(S(kSaveFacts), f.station_code, f.area_m2, f.capacity, f.updated_by,
                    ToEpochMillis(f.updated_at));
    txn.commit();
    return Ok();
  });
}

Result<std::unordered_map<std::string, StationEvidence>> PostgresGrading::CollectEvidence(
    const EvidenceWindow& w) {
  using Map = std::unordered_map<std::string, StationEvidence>;
  return pool_.Run<Map>("grading evidence", [&](pqxx::connection& c) -> Result<Map> {
    // One snapshot for every query, so the measures agree with each other.
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(c);
    Map out;
    const auto of = [&out](const pqxx::row& r) -> StationEvidence& {
      return out[r[0].as<std::string>()];
    };
    const double days = std::chrono::duration<double, std::ratio<86400>>(w.until - w.from).count();
    const int64_t from = ToEpochMillis(w.from);
    const int64_t until = ToEpochMillis(w.until);
    for (const auto& r : txn.exec(S(kEvidenceFacts))) {
      AddFacts(of(r), OptionalDouble(r[1]), OptionalDouble(r[2]));
    }
    for (const auto& r : txn.exec_params(S(kEvidenceMonths), w.first_month, w.last_month)) {
      AddMonths(of(r), r[1].as<int64_t>(), r[2].as<int64_t>(), r[3].as<int64_t>(), days);
    }
    for (const auto& r : txn.exec_params(S(kEvidenceInspections), from, until)) {
      AddInspections(of(r), r[2].as<double>());
    }
    for (const auto& r : txn.exec_params(S(kEvidenceHoursKept), from, until)) {
      AddHoursKept(of(r), r[1].as<int64_t>(), r[2].as<int64_t>());
    }
    for (const auto& r : txn.exec_params(S(kEvidenceOverdue), ToEpochMillis(w.now))) {
      of(r)[GradingMeasure::kOverdueTickets] = r[1].as<double>();
    }
    for (const auto& r : txn.exec_params(S(kEvidenceOnTime), from, until)) {
      AddOnTime(of(r), r[1].as<int64_t>(), r[2].as<int64_t>());
    }
    for (const auto& r : txn.exec_params(S(kEvidenceExpired), FormatDate(w.today))) {
      of(r)[GradingMeasure::kExpiredMedicine] = r[1].as<double>();
    }
    txn.commit();
    return out;
  });
}

Result<int64_t> PostgresGrading::AddRun(const GradingRun& run,
                                        const std::vector<GradingProposal>& proposals) {
  return pool_.Run<int64_t>("add grading run", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    const int64_t id =
        txn.exec_params("INSERT INTO grading_runs " + S(kInsertRunValues) + " RETURNING id",
                        run.rules_version, run.first_month, run.last_month, run.region,
                        run.created_by, ToEpochMillis(run.created_at), run.stations,
                        EncodeByStars(run.by_stars))[0][0]
            .as<int64_t>();
    // Many rows per statement: a run over a province is 200,000 proposals.
    constexpr std::size_t kChunk = 2000;
    for (std::size_t begin = 0; begin < proposals.size(); begin += kChunk) {
      std::string sql =
          "INSERT INTO grading_proposals (run_id, station_code, stars, previous_stars, points, "
          "evidence) VALUES ";
      const std::size_t end = std::min(proposals.size(), begin + kChunk);
      for (std::size_t i = begin; i < end; ++i) {
        const GradingProposal& p = proposals[i];
        if (i > begin) sql += ',';
        sql += '(' + std::to_string(id) + ',' + txn.quote(p.station_code) + ',' +
               std::to_string(p.stars) + ',' +
               (p.previous_stars ? std::to_string(*p.previous_stars) : std::string("NULL")) + ',' +
               txn.quote(p.points) + ',' + txn.quote(EncodeEvidence(p.evidence)) + ')';
      }
      txn.exec(sql);
    }
    txn.commit();
    return id;
  });
}

Result<std::vector<GradingRun>> PostgresGrading::ListRuns(std::size_t limit) {
  return pool_.Run<std::vector<GradingRun>>(
      "grading runs", [&](pqxx::connection& c) -> Result<std::vector<GradingRun>> {
        pqxx::read_transaction txn(c);
        std::vector<GradingRun> out;
        for (const auto& r : txn.exec_params(
                 "SELECT " + S(kRunColumns) + " FROM grading_runs ORDER BY id DESC LIMIT $1",
                 static_cast<int64_t>(limit))) {
          out.push_back(ReadRun(r));
        }
        return out;
      });
}

Result<std::optional<GradingRun>> PostgresGrading::FindRun(int64_t id) {
  return pool_.Run<std::optional<GradingRun>>(
      "grading run", [&](pqxx::connection& c) -> Result<std::optional<GradingRun>> {
        pqxx::read_transaction txn(c);
        return ReadRunById(txn, id);
      });
}

Result<std::vector<GradingProposal>> PostgresGrading::Proposals(int64_t run, std::string_view after,
                                                                std::size_t limit,
                                                                bool changed_only) {
  return pool_.Run<std::vector<GradingProposal>>(
      "grading proposals", [&](pqxx::connection& c) -> Result<std::vector<GradingProposal>> {
        pqxx::read_transaction txn(c);
        std::vector<GradingProposal> out;
        for (const auto& r :
             txn.exec_params(S(changed_only ? kChangedProposalsAfter : kProposalsAfter), run,
                             std::string(after), static_cast<int64_t>(limit))) {
          auto p = ReadProposal(r);
          if (!p) return p.error();
          out.push_back(std::move(*p));
        }
        return out;
      });
}

Result<std::optional<GradingProposal>> PostgresGrading::FindProposal(int64_t run,
                                                                     std::string_view station) {
  return pool_.Run<std::optional<GradingProposal>>(
      "grading proposal", [&](pqxx::connection& c) -> Result<std::optional<GradingProposal>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params(S(kFindProposal), run, std::string(station));
        if (r.empty()) return std::optional<GradingProposal>{};
        auto p = ReadProposal(r[0]);
        if (!p) return p.error();
        return std::optional<GradingProposal>{std::move(*p)};
      });
}

Result<void> PostgresGrading::OverrideProposal(int64_t run, std::string_view station,
                                               std::optional<int> stars, std::string_view reason) {
  return pool_.Run<void>("override grading proposal", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    const pqxx::result status =
        txn.exec_params("SELECT status FROM grading_runs WHERE id = $1 FOR UPDATE", run);
    if (status.empty()) return Error::NotFound("没有这次评定 / no such grading run");
    if (status[0][0].as<std::string>() != "proposed") {
      return Error::Conflict("这次评定已审核，不能再调整 / already reviewed");
    }
    const pqxx::result updated = txn.exec_params(S(kOverride), OptionalStars(stars),
                                                 std::string(reason), run, std::string(station));
    if (updated.affected_rows() == 0) {
      return Error::NotFound("这次评定没有这个站点 / no such station");
    }
    std::array<int64_t, 6> counts{};
    for (const auto& r : txn.exec_params(S(kFinalStarCounts), run)) {
      counts[std::clamp<int64_t>(r[0].as<int64_t>(), 0, 5)] = r[1].as<int64_t>();
    }
    txn.exec_params(S(kSetByStars), EncodeByStars(counts), run);
    txn.commit();
    return Ok();
  });
}

Result<GradingRun> PostgresGrading::Review(int64_t run, bool approve, std::string_view by,
                                           std::string_view note, UtcTime at) {
  return pool_.Run<GradingRun>(
      "review grading run", [&](pqxx::connection& c) -> Result<GradingRun> {
        pqxx::work txn(c);
        const pqxx::result status =
            txn.exec_params("SELECT status FROM grading_runs WHERE id = $1 FOR UPDATE", run);
        if (status.empty()) return Error::NotFound("没有这次评定 / no such grading run");
        if (status[0][0].as<std::string>() != "proposed") {
          return Error::Conflict("这次评定已审核 / this run has been reviewed");
        }
        txn.exec_params(S(kReviewRun),
                        std::string(GradingRunStatusCode(approve ? GradingRunStatus::kApproved
                                                                 : GradingRunStatus::kRejected)),
                        std::string(by), std::string(note), ToEpochMillis(at), run);
        // station_grades' trigger moves the registry version: every server reloads (ADR 0010).
        if (approve) txn.exec_params(S(kApplyGrades), ToEpochMillis(at), run);
        auto after = ReadRunById(txn, run);
        txn.commit();
        return *after;
      });
}

Result<std::unordered_map<std::string, int>> PostgresGrading::CurrentGrades() {
  using Map = std::unordered_map<std::string, int>;
  return pool_.Run<Map>("station grades", [&](pqxx::connection& c) -> Result<Map> {
    pqxx::read_transaction txn(c);
    Map out;
    for (const auto& r : txn.exec(S(kCurrentGrades))) out[r[0].as<std::string>()] = r[1].as<int>();
    return out;
  });
}

Result<std::vector<GradeHistoryLine>> PostgresGrading::GradeHistory(std::string_view station) {
  return pool_.Run<std::vector<GradeHistoryLine>>(
      "grade history", [&](pqxx::connection& c) -> Result<std::vector<GradeHistoryLine>> {
        pqxx::read_transaction txn(c);
        std::vector<GradeHistoryLine> out;
        for (const auto& r : txn.exec_params(S(kGradeHistory), std::string(station))) {
          out.push_back({r[0].as<int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(),
                         r[3].as<int>(), FromEpochMillis(r[4].as<int64_t>()),
                         r[5].as<std::string>()});
        }
        return out;
      });
}

}  // namespace yz::pg
