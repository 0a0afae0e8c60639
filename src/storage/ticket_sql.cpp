#include "storage/ticket_sql.h"

#include <fmt/format.h>

namespace yz::ticket_sql {
namespace {

std::string Next(std::vector<Value>& params, Value v) {
  params.push_back(std::move(v));
  return fmt::format("${}", params.size());
}

// Region codes are digits: every code under prefix p lies in [p, p + ":"), ':' following '9'.
std::string UpperBound(std::string_view prefix) { return std::string(prefix) + ":"; }

}  // namespace

const std::string kFindRepeatedReport = fmt::format(
    "SELECT id FROM reports WHERE station_code = $1 AND device_hash = $2 AND category = $3 "
    "AND COALESCE(amenity, '') = $4 AND at_ms >= $5 AND status IN ({}) "
    "ORDER BY at_ms DESC LIMIT 1",
    OpenStatusesSql());

// The most specific service level wins: an amenity's row before the category's, a seasonal row
// before the all-year one (ADR 0016). No row (suggestions) → no due time.
const std::string kInsertReport =
    "INSERT INTO reports (id, station_code, region, category, amenity, description, device_hash, "
    "source, status, at_ms, updated_at_ms, due_at_ms) "
    "VALUES ($1, $2, COALESCE((SELECT region FROM stations WHERE code = $2), ''), $3, $4, $5, $6, "
    "'worker', 'new', $7, $7, $7 + CAST(3600000 AS BIGINT) * ("
    "SELECT hours FROM service_levels WHERE category = $3 "
    "AND (amenity = '' OR amenity = COALESCE($4, '')) "
    "AND (months = 0 OR ((months >> ($8 - 1)) & 1) = 1) "
    "ORDER BY (amenity = ''), (months = 0) LIMIT 1)) "
    "ON CONFLICT (id) DO NOTHING";

const std::string kInsertReportOpened =
    "INSERT INTO ticket_events (ticket_id, seq, at_ms, actor, action, status, note) "
    "VALUES ($1, 1, $2, 'worker', 'opened', 'new', '')";

const std::string kDueForEscalation = fmt::format(
    "SELECT {} FROM reports WHERE escalated_at_ms IS NULL AND status IN ({}) AND due_at_ms < $1 "
    "ORDER BY due_at_ms LIMIT $2",
    kColumns, OpenStatusesSql());

const std::string kMarkEscalated = fmt::format(
    "UPDATE reports SET escalated_at_ms = $1 WHERE id = $2 AND escalated_at_ms IS NULL "
    "AND status IN ({})",
    OpenStatusesSql());

Ticket ReadTicket(const RowReader& row) {
  Ticket t;
  t.id = row.text(0).value_or("");
  t.station_code = row.text(1).value_or("");
  t.region = row.text(2).value_or("");
  t.category = ParseReportCategory(row.text(3).value_or("")).value_or(ReportCategory::kOther);
  if (auto a = row.text(4)) t.amenity = ParseAmenity(*a);
  t.description = row.text(5).value_or("");
  t.source = ParseTicketSource(row.text(6).value_or("")).value_or(TicketSource::kWorker);
  t.status = ParseTicketStatus(row.text(7).value_or("")).value_or(TicketStatus::kNew);
  t.at = FromEpochMillis(row.integer(8).value_or(0));
  t.updated_at = FromEpochMillis(row.integer(9).value_or(0));
  if (auto v = row.integer(10)) t.due_at = FromEpochMillis(*v);
  t.assignee = row.text(11);
  t.team_id = row.integer(12);
  t.merged_into = row.text(13);
  if (auto v = row.integer(14)) t.resolved_at = FromEpochMillis(*v);
  if (auto v = row.integer(15)) t.closed_at = FromEpochMillis(*v);
  t.status_note = row.text(16).value_or("");
  t.verdict = ParseWorkerVerdict(row.text(17).value_or(""));
  t.version = row.integer(18).value_or(1);
  if (auto v = row.integer(19)) t.escalated_at = FromEpochMillis(*v);
  return t;
}

std::string RegionPrefixClause(std::string_view prefix, std::vector<Value>& params) {
  if (prefix.empty()) return {};
  const std::string low = Next(params, std::string(prefix));
  const std::string high = Next(params, UpperBound(prefix));
  return fmt::format(" AND region >= {} AND region < {}", low, high);
}

Query ListTickets(const TicketFilter& f) {
  Query q;
  std::string where = "1 = 1";
  if (!f.unrestricted) {
    std::string any;
    for (const std::string& r : f.regions) {
      const std::string low = Next(q.params, r);
      const std::string high = Next(q.params, UpperBound(r));
      any += fmt::format("{}(region >= {} AND region < {})", any.empty() ? "" : " OR ", low, high);
    }
    for (const std::string& s : f.stations) {
      any += fmt::format("{}station_code = {}", any.empty() ? "" : " OR ", Next(q.params, s));
    }
    where += any.empty() ? " AND 1 = 0" : " AND (" + any + ")";
  }
  if (!f.station.empty()) where += " AND station_code = " + Next(q.params, f.station);
  where += RegionPrefixClause(f.region, q.params);
  if (f.status)
    where += " AND status = " + Next(q.params, std::string(TicketStatusCode(*f.status)));
  if (f.open_only || f.overdue_only) where += fmt::format(" AND status IN ({})", OpenStatusesSql());
  if (f.closed_only) where += fmt::format(" AND status NOT IN ({})", OpenStatusesSql());
  if (f.overdue_only) where += " AND due_at_ms < " + Next(q.params, ToEpochMillis(f.now));
  if (f.category) {
    where += " AND category = " + Next(q.params, std::string(ReportCategoryCode(*f.category)));
  }
  if (!f.assignee.empty()) where += " AND assignee = " + Next(q.params, f.assignee);
  if (f.team_id) where += " AND team_id = " + Next(q.params, *f.team_id);
  if (f.since) where += " AND at_ms >= " + Next(q.params, ToEpochMillis(*f.since));
  if (f.until) where += " AND at_ms < " + Next(q.params, ToEpochMillis(*f.until));
  q.sql = fmt::format("SELECT {} FROM reports WHERE {} ORDER BY at_ms DESC, id LIMIT {}", kColumns,
                      where, f.limit);
  return q;
}

}  // namespace yz::ticket_sql
