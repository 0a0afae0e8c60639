// Internal to the stores: the SQL of star grading (domain/grading) that SQLite and PostgreSQL
// share. Parameters are `$n` and appear in increasing order (SQLite binds them by position).
// Every evidence query is one aggregate over one kind of record, grouped by station.
#pragma once

#include <string>
#include <string_view>

#include "domain/grading/grading_repository.h"

namespace yz::grading_sql {

inline constexpr std::string_view kLatestVersion =
    "SELECT COALESCE(max(version), 0) FROM grading_rule_sets";
inline constexpr std::string_view kCriteria =
    "SELECT measure, points, zero_at, full_at FROM grading_criteria WHERE version = $1 "
    "ORDER BY position";
inline constexpr std::string_view kLevels =
    "SELECT stars, min_points FROM grading_levels WHERE version = $1 ORDER BY stars";
inline constexpr std::string_view kRequirements =
    "SELECT stars, measure, comparison, threshold FROM grading_requirements WHERE version = $1 "
    "ORDER BY stars, position";
inline constexpr std::string_view kInsertRuleSet =
    "INSERT INTO grading_rule_sets (version, created_by, created_at_ms) VALUES ($1, $2, $3)";
inline constexpr std::string_view kInsertCriterion =
    "INSERT INTO grading_criteria (version, position, measure, points, zero_at, full_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
inline constexpr std::string_view kInsertLevel =
    "INSERT INTO grading_levels (version, stars, min_points) VALUES ($1, $2, $3)";
inline constexpr std::string_view kInsertRequirement =
    "INSERT INTO grading_requirements (version, stars, position, measure, comparison, threshold) "
    "VALUES ($1, $2, $3, $4, $5, $6)";

inline constexpr std::string_view kFacts =
    "SELECT station_code, area_m2, capacity, updated_by, updated_at_ms FROM grading_facts "
    "WHERE station_code = $1";
inline constexpr std::string_view kSaveFacts =
    "INSERT INTO grading_facts (station_code, area_m2, capacity, updated_by, updated_at_ms) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (station_code) DO UPDATE SET "
    "area_m2 = excluded.area_m2, capacity = excluded.capacity, "
    "updated_by = excluded.updated_by, updated_at_ms = excluded.updated_at_ms";

// Evidence. Results: station_code, then the numbers named.
// area_m2, capacity (NULL when not declared)
inline constexpr std::string_view kEvidenceFacts =
    "SELECT station_code, area_m2, capacity FROM grading_facts";
// $1 first month, $2 last month → check-ins, ratings, sum of stars
inline constexpr std::string_view kEvidenceMonths =
    "SELECT station_code, sum(checkins), sum(ratings), sum(stars_sum) FROM station_months "
    "WHERE month >= $1 AND month <= $2 GROUP BY station_code";
// $1 from, $2 until → inspections, mean score
inline constexpr std::string_view kEvidenceInspections =
    "SELECT station_code, count(*), avg(score) FROM inspections "
    "WHERE at_ms >= $1 AND at_ms < $2 GROUP BY station_code";
// $1 from, $2 until → answered "hours_kept" items, passed ones
inline constexpr std::string_view kEvidenceHoursKept =
    "SELECT n.station_code, count(*), sum(CASE WHEN i.result = 'pass' THEN 1 ELSE 0 END) "
    "FROM inspections n JOIN inspection_items i ON i.inspection_id = n.id "
    "WHERE n.at_ms >= $1 AND n.at_ms < $2 AND i.item = 'hours_kept' AND i.result <> 'na' "
    "GROUP BY n.station_code";
// $1 now → open tickets past due
inline constexpr std::string_view kEvidenceOverdue =
    "SELECT station_code, count(*) FROM reports "
    "WHERE status IN ('new', 'assigned', 'in_progress', 'waiting_parts') AND due_at_ms < $1 "
    "GROUP BY station_code";
// $1 from, $2 until → tickets resolved, resolved by their due time
inline constexpr std::string_view kEvidenceOnTime =
    "SELECT station_code, count(*), sum(CASE WHEN resolved_at_ms <= due_at_ms THEN 1 ELSE 0 END) "
    "FROM reports WHERE resolved_at_ms >= $1 AND resolved_at_ms < $2 AND due_at_ms IS NOT NULL "
    "GROUP BY station_code";
// $1 today (YYYY-MM-DD) → medicine batches with stock left whose expiry date has passed. A
// batch's expiry is the latest its restocks named (a batch is restocked with one date).
inline constexpr std::string_view kEvidenceExpired =
    "SELECT station_code, count(*) FROM ("
    " SELECT station_code, item, batch, max(expires_on) AS expires_on,"
    "  sum(CASE WHEN kind = 'restock' THEN quantity ELSE -quantity END) AS held"
    " FROM supply_entries WHERE item IN (SELECT code FROM supply_items WHERE medicine = 1)"
    " GROUP BY station_code, item, batch) b "
    "WHERE held > 0 AND expires_on IS NOT NULL AND expires_on < $1 GROUP BY station_code";

inline constexpr std::string_view kRunColumns =
    "id, rules_version, first_month, last_month, region, created_by, created_at_ms, status, "
    "reviewed_by, reviewed_at_ms, review_note, stations, by_stars";
inline constexpr std::string_view kInsertRunValues =
    "(rules_version, first_month, last_month, region, created_by, created_at_ms, status, "
    "stations, by_stars) VALUES ($1, $2, $3, $4, $5, $6, 'proposed', $7, $8)";
inline constexpr std::string_view kProposalColumns =
    "station_code, stars, previous_stars, points, evidence, override_stars, override_reason";
inline constexpr std::string_view kInsertProposal =
    "INSERT INTO grading_proposals (run_id, station_code, stars, previous_stars, points, evidence) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
inline constexpr std::string_view kProposalsAfter =
    "SELECT station_code, stars, previous_stars, points, evidence, override_stars, "
    "override_reason FROM grading_proposals WHERE run_id = $1 AND station_code > $2 "
    "ORDER BY station_code LIMIT $3";
inline constexpr std::string_view kChangedProposalsAfter =
    "SELECT station_code, stars, previous_stars, points, evidence, override_stars, "
    "override_reason FROM grading_proposals WHERE run_id = $1 AND station_code > $2 "
    "AND COALESCE(override_stars, stars) <> COALESCE(previous_stars, 0) "
    "ORDER BY station_code LIMIT $3";
inline constexpr std::string_view kFindProposal =
    "SELECT station_code, stars, previous_stars, points, evidence, override_stars, "
    "override_reason FROM grading_proposals WHERE run_id = $1 AND station_code = $2";
inline constexpr std::string_view kRunStatus = "SELECT status FROM grading_runs WHERE id = $1";
inline constexpr std::string_view kOverride =
    "UPDATE grading_proposals SET override_stars = $1, override_reason = $2 "
    "WHERE run_id = $3 AND station_code = $4";
inline constexpr std::string_view kFinalStarCounts =
    "SELECT COALESCE(override_stars, stars), count(*) FROM grading_proposals WHERE run_id = $1 "
    "GROUP BY 1";
inline constexpr std::string_view kSetByStars =
    "UPDATE grading_runs SET by_stars = $1 WHERE id = $2";
inline constexpr std::string_view kReviewRun =
    "UPDATE grading_runs SET status = $1, reviewed_by = $2, review_note = $3, "
    "reviewed_at_ms = $4 WHERE id = $5";
inline constexpr std::string_view kApplyGrades =
    "INSERT INTO station_grades (station_code, stars, run_id, approved_at_ms) "
    "SELECT station_code, COALESCE(override_stars, stars), run_id, $1 FROM grading_proposals "
    "WHERE run_id = $2 "
    "ON CONFLICT (station_code) DO UPDATE SET stars = excluded.stars, run_id = excluded.run_id, "
    "approved_at_ms = excluded.approved_at_ms";
inline constexpr std::string_view kCurrentGrades = "SELECT station_code, stars FROM station_grades";
inline constexpr std::string_view kGradeHistory =
    "SELECT r.id, r.first_month, r.last_month, COALESCE(p.override_stars, p.stars), "
    "r.reviewed_at_ms, r.reviewed_by FROM grading_proposals p JOIN grading_runs r ON r.id = "
    "p.run_id WHERE p.station_code = $1 AND r.status = 'approved' ORDER BY r.reviewed_at_ms DESC, "
    "r.id DESC";

// "n0,n1,…,n5" ↔ counts per star.
std::string EncodeByStars(const std::array<int64_t, 6>& counts);
std::array<int64_t, 6> DecodeByStars(std::string_view text);

// Turns the rows of the evidence queries into measures (the one place that knows which column
// means what). `days` is the length of the window in days.
void AddFacts(StationEvidence& e, std::optional<double> area, std::optional<double> capacity);
void AddMonths(StationEvidence& e, int64_t checkins, int64_t ratings, int64_t stars_sum,
               double days);
void AddInspections(StationEvidence& e, double mean_score);
void AddHoursKept(StationEvidence& e, int64_t answered, int64_t passed);
void AddOnTime(StationEvidence& e, int64_t resolved, int64_t on_time);

}  // namespace yz::grading_sql
