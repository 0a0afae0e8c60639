#include "storage/sqlite/sqlite_tickets.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <map>

#include "storage/ticket_sql.h"

namespace yz::sqlite {
namespace {

using ticket_sql::Value;

void BindAll(Statement& s, const std::vector<Value>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    std::visit([&](const auto& v) { s.Bind(static_cast<int>(i + 1), v); }, params[i]);
  }
}

Ticket Read(const Statement& s) {
  return ticket_sql::ReadTicket(
      {[&](int c) { return s.IsNull(c) ? std::nullopt : std::optional<std::string>(s.Text(c)); },
       [&](int c) { return s.IsNull(c) ? std::nullopt : std::optional<int64_t>(s.Int(c)); }});
}

std::optional<int64_t> MillisOr(const std::optional<UtcTime>& t) {
  return t ? std::optional<int64_t>(ToEpochMillis(*t)) : std::nullopt;
}

void BindOptional(Statement& s, int i, const std::optional<std::string>& v) {
  if (v) {
    s.Bind(i, *v);
  } else {
    s.BindNull(i);
  }
}

}  // namespace

Result<std::vector<Ticket>> SqliteTickets::Query(std::string_view sql,
                                                 const std::vector<Value>& params) {
  auto stmt = db_.Prepare(sql);
  if (!stmt) return stmt.error();
  BindAll(*stmt, params);
  std::vector<Ticket> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(Read(*stmt));
  }
  return out;
}

Result<std::optional<Ticket>> SqliteTickets::FindLocked(std::string_view id) {
  auto found = Query(fmt::format("SELECT {} FROM reports WHERE id = $1", ticket_sql::kColumns),
                     {std::string(id)});
  if (!found) return found.error();
  if (found->empty()) return std::optional<Ticket>{};
  return std::optional<Ticket>{std::move(found->front())};
}

Result<std::optional<Ticket>> SqliteTickets::FindTicket(std::string_view id) {
  std::lock_guard lock(mutex_);
  return FindLocked(id);
}

Result<std::vector<Ticket>> SqliteTickets::ListTickets(const TicketFilter& filter) {
  const ticket_sql::Query q = ticket_sql::ListTickets(filter);
  std::lock_guard lock(mutex_);
  return Query(q.sql, q.params);
}

Result<std::vector<Ticket>> SqliteTickets::OpenTicketsOf(std::string_view station,
                                                         std::optional<Amenity> amenity) {
  std::lock_guard lock(mutex_);
  return Query(
      fmt::format("SELECT {} FROM reports WHERE station_code = $1 AND status IN ({}) "
                  "AND ($2 = '' OR amenity = $2) ORDER BY at_ms DESC, id LIMIT 50",
                  ticket_sql::kColumns, OpenStatusesSql()),
      {std::string(station), amenity ? std::string(AmenityCode(*amenity)) : std::string()});
}

Result<std::vector<Amenity>> SqliteTickets::ReportedAmenities(std::string_view station) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(fmt::format(
      "SELECT DISTINCT amenity FROM reports WHERE station_code = ? AND amenity IS NOT NULL "
      "AND status IN ({})",
      OpenStatusesSql()));
  if (!stmt) return stmt.error();
  stmt->Bind(1, station);
  std::vector<Amenity> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    if (auto a = ParseAmenity(stmt->Text(0))) out.push_back(*a);
  }
  return out;
}

Result<std::vector<TicketEvent>> SqliteTickets::History(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT at_ms, actor, action, status, note FROM ticket_events WHERE ticket_id = ? "
      "ORDER BY seq");
  if (!stmt) return stmt.error();
  stmt->Bind(1, id);
  std::vector<TicketEvent> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back({FromEpochMillis(stmt->Int(0)), std::string(stmt->Text(1)),
                   std::string(stmt->Text(2)),
                   ParseTicketStatus(stmt->Text(3)).value_or(TicketStatus::kNew),
                   std::string(stmt->Text(4))});
  }
  return out;
}

Result<void> SqliteTickets::AddEvent(std::string_view id, const TicketEvent& e) {
  auto stmt = db_.Prepare(
      "INSERT INTO ticket_events (ticket_id, seq, at_ms, actor, action, status, note) "
      "VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ticket_events WHERE ticket_id = ?1), "
      "?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return stmt.error();
  stmt->Bind(1, id);
  stmt->Bind(2, ToEpochMillis(e.at));
  stmt->Bind(3, e.actor);
  stmt->Bind(4, e.action);
  stmt->Bind(5, TicketStatusCode(e.status));
  stmt->Bind(6, e.note);
  return stmt->Run();
}

Result<Ticket> SqliteTickets::ApplyChange(const TicketChange& change) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  const Ticket& t = change.after;
  auto stmt = db_.Prepare(
      "UPDATE reports SET status = ?1, updated_at_ms = ?2, assignee = ?3, team_id = ?4, "
      "merged_into = ?5, resolved_at_ms = ?6, closed_at_ms = ?7, status_note = ?8, "
      "worker_verdict = ?9, version = version + 1 WHERE id = ?10 AND version = ?11");
  if (!stmt) return stmt.error();
  stmt->Bind(1, TicketStatusCode(t.status));
  stmt->Bind(2, ToEpochMillis(t.updated_at));
  BindOptional(*stmt, 3, t.assignee);
  stmt->Bind(4, t.team_id);
  BindOptional(*stmt, 5, t.merged_into);
  stmt->Bind(6, MillisOr(t.resolved_at));
  stmt->Bind(7, MillisOr(t.closed_at));
  stmt->Bind(8, t.status_note);
  stmt->Bind(9, WorkerVerdictCode(t.verdict));
  stmt->Bind(10, t.id);
  stmt->Bind(11, change.expected_version);
  YZ_TRY(stmt->Run());
  if (sqlite3_changes(db_.handle()) == 0) {
    return Error::Conflict("工单已被别人改过，请刷新后再试 / the ticket changed meanwhile");
  }
  YZ_TRY(AddEvent(t.id, change.event));
  YZ_TRY(tx->Commit());
  auto stored = FindLocked(t.id);
  if (!stored) return stored.error();
  if (!*stored) return Error::Internal("ticket vanished after its change");
  return std::move(**stored);
}

Result<Ticket> SqliteTickets::OpenTicket(const Ticket& t, const TicketEvent& opened) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  auto stmt = db_.Prepare(
      "INSERT INTO reports (id, station_code, region, category, amenity, description, source, "
      "status, at_ms, updated_at_ms, due_at_ms, assignee, team_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12) ON CONFLICT (id) DO NOTHING");
  if (!stmt) return stmt.error();
  stmt->Bind(1, t.id);
  stmt->Bind(2, t.station_code);
  stmt->Bind(3, t.region);
  stmt->Bind(4, ReportCategoryCode(t.category));
  BindOptional(*stmt, 5,
               t.amenity ? std::optional<std::string>(AmenityCode(*t.amenity)) : std::nullopt);
  stmt->Bind(6, t.description);
  stmt->Bind(7, TicketSourceCode(t.source));
  stmt->Bind(8, TicketStatusCode(t.status));
  stmt->Bind(9, ToEpochMillis(t.at));
  stmt->Bind(10, MillisOr(t.due_at));
  BindOptional(*stmt, 11, t.assignee);
  stmt->Bind(12, t.team_id);
  YZ_TRY(stmt->Run());
  if (sqlite3_changes(db_.handle()) == 0) return Error::Conflict("ticket id taken");
  YZ_TRY(AddEvent(t.id, opened));
  YZ_TRY(tx->Commit());
  auto stored = FindLocked(t.id);
  if (!stored) return stored.error();
  if (!*stored) return Error::Internal("ticket vanished after its insert");
  return std::move(**stored);
}

Result<std::vector<OverdueLine>> SqliteTickets::Overdue(std::string_view key_sql,
                                                        std::string_view region, UtcTime now) {
  std::vector<Value> params{ToEpochMillis(now)};
  const std::string range = ticket_sql::RegionPrefixClause(region, params);
  std::lock_guard lock(mutex_);
  auto stmt =
      db_.Prepare(fmt::format("SELECT {0} AS k, COUNT(*), SUM(due_at_ms < $1), MIN(CASE WHEN "
                              "due_at_ms < $1 THEN due_at_ms END) "
                              "FROM reports WHERE status IN ({1}){2} GROUP BY k ORDER BY k",
                              key_sql, OpenStatusesSql(), range));
  if (!stmt) return stmt.error();
  BindAll(*stmt, params);
  std::vector<OverdueLine> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    OverdueLine line{std::string(stmt->Text(0)), stmt->Int(1), stmt->Int(2), std::nullopt};
    if (!stmt->IsNull(3)) line.oldest_due = FromEpochMillis(stmt->Int(3));
    out.push_back(std::move(line));
  }
  return out;
}

Result<std::vector<OverdueLine>> SqliteTickets::OverdueByRegion(std::string_view region,
                                                                int group_digits, UtcTime now) {
  return Overdue(fmt::format("substr(region, 1, {})", group_digits), region, now);
}

Result<std::vector<OverdueLine>> SqliteTickets::OverdueByTeam(std::string_view region,
                                                              UtcTime now) {
  return Overdue("COALESCE(CAST(team_id AS TEXT), '')", region, now);
}

Result<std::vector<OnTimeCount>> SqliteTickets::OnTime(std::string_view region, UtcTime since,
                                                       UtcTime until, bool by_team,
                                                       int group_digits) {
  std::vector<Value> params{ToEpochMillis(since), ToEpochMillis(until)};
  const std::string range = ticket_sql::RegionPrefixClause(region, params);
  const std::string key = by_team ? "COALESCE(CAST(team_id AS TEXT), '')"
                                  : fmt::format("substr(region, 1, {})", group_digits);
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      fmt::format("SELECT {0} AS k, COUNT(*), SUM(resolved_at_ms <= due_at_ms) FROM reports "
                  "WHERE resolved_at_ms >= $1 AND resolved_at_ms < $2 AND due_at_ms IS NOT NULL "
                  "AND status IN ('resolved', 'verified'){1} GROUP BY k ORDER BY k",
                  key, range));
  if (!stmt) return stmt.error();
  BindAll(*stmt, params);
  std::vector<OnTimeCount> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back({std::string(stmt->Text(0)), stmt->Int(1), stmt->Int(2)});
  }
  return out;
}

Result<std::vector<Ticket>> SqliteTickets::DueForEscalation(UtcTime now, std::size_t limit) {
  std::lock_guard lock(mutex_);
  return Query(ticket_sql::kDueForEscalation, {ToEpochMillis(now), static_cast<int64_t>(limit)});
}

Result<std::vector<std::string>> SqliteTickets::MarkEscalated(const std::vector<std::string>& ids,
                                                              UtcTime now) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  auto stmt = db_.Prepare(ticket_sql::kMarkEscalated);
  if (!stmt) return stmt.error();
  std::vector<std::string> marked;
  for (const std::string& id : ids) {
    stmt->Reset();
    stmt->Bind(1, ToEpochMillis(now));
    stmt->Bind(2, id);
    YZ_TRY(stmt->Run());
    if (stmt->Changes() == 0) continue;
    auto found = FindLocked(id);
    if (!found) return found.error();
    YZ_TRY(AddEvent(id, {now, "system", "overdue", (*found)->status, "已超过服务时限"}));
    marked.push_back(id);
  }
  YZ_TRY(tx->Commit());
  return marked;
}

Result<std::vector<TicketPhoto>> SqliteTickets::ListPhotos(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT file, kind, width, height, at_ms, actor FROM ticket_photos WHERE ticket_id = ? "
      "ORDER BY at_ms, file");
  if (!stmt) return stmt.error();
  stmt->Bind(1, id);
  std::vector<TicketPhoto> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back({std::string(stmt->Text(0)),
                   ParsePhotoKind(stmt->Text(1)).value_or(PhotoKind::kBefore),
                   static_cast<int>(stmt->Int(2)), static_cast<int>(stmt->Int(3)),
                   FromEpochMillis(stmt->Int(4)), std::string(stmt->Text(5))});
  }
  return out;
}

Result<std::optional<std::string>> SqliteTickets::ReporterDevice(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare("SELECT device_hash FROM reports WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, id);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{std::string(stmt->Text(0))};
}

Result<void> SqliteTickets::AddPhoto(std::string_view id, const TicketPhoto& p) {
  std::lock_guard lock(mutex_);
  auto found = FindLocked(id);
  if (!found) return found.error();
  if (!*found) return Error::NotFound("没有这张工单 / no such ticket");
  auto stmt = db_.Prepare(
      "INSERT INTO ticket_photos (ticket_id, file, kind, width, height, at_ms, actor) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  stmt->Bind(1, id);
  stmt->Bind(2, p.file);
  stmt->Bind(3, PhotoKindCode(p.kind));
  stmt->Bind(4, static_cast<int64_t>(p.width));
  stmt->Bind(5, static_cast<int64_t>(p.height));
  stmt->Bind(6, ToEpochMillis(p.at));
  stmt->Bind(7, p.actor);
  return stmt->Run();
}

Result<std::vector<MaintenanceTeam>> SqliteTickets::ListTeams() {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT t.id, t.name, t.region, m.username FROM maintenance_teams t "
      "LEFT JOIN maintenance_team_members m ON m.team_id = t.id ORDER BY t.name, t.id, m.username");
  if (!stmt) return stmt.error();
  std::vector<MaintenanceTeam> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    if (out.empty() || out.back().id != stmt->Int(0)) {
      out.push_back({stmt->Int(0), std::string(stmt->Text(1)), std::string(stmt->Text(2)), {}});
    }
    if (!stmt->IsNull(3)) out.back().members.emplace_back(stmt->Text(3));
  }
  return out;
}

Result<MaintenanceTeam> SqliteTickets::SaveTeam(const MaintenanceTeam& team, UtcTime now) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  auto taken = db_.Prepare("SELECT id FROM maintenance_teams WHERE name = ? AND id <> ?");
  if (!taken) return taken.error();
  taken->Bind(1, team.name);
  taken->Bind(2, team.id);
  auto row = taken->Step();
  if (!row) return row.error();
  if (*row) return Error::Conflict("已有同名的维修队 / a team of that name exists");
  MaintenanceTeam saved = team;
  if (team.id == 0) {
    auto insert =
        db_.Prepare("INSERT INTO maintenance_teams (name, region, created_at_ms) VALUES (?, ?, ?)");
    if (!insert) return insert.error();
    insert->Bind(1, team.name);
    insert->Bind(2, team.region);
    insert->Bind(3, ToEpochMillis(now));
    YZ_TRY(insert->Run());
    saved.id = sqlite3_last_insert_rowid(db_.handle());
  } else {
    auto update = db_.Prepare("UPDATE maintenance_teams SET name = ?, region = ? WHERE id = ?");
    if (!update) return update.error();
    update->Bind(1, team.name);
    update->Bind(2, team.region);
    update->Bind(3, team.id);
    YZ_TRY(update->Run());
    if (sqlite3_changes(db_.handle()) == 0) return Error::NotFound("没有这个维修队 / no such team");
  }
  auto clear = db_.Prepare("DELETE FROM maintenance_team_members WHERE team_id = ?");
  if (!clear) return clear.error();
  clear->Bind(1, saved.id);
  YZ_TRY(clear->Run());
  for (const std::string& member : saved.members) {
    auto add =
        db_.Prepare("INSERT INTO maintenance_team_members (team_id, username) VALUES (?, ?)");
    if (!add) return add.error();
    add->Bind(1, saved.id);
    add->Bind(2, member);
    YZ_TRY(add->Run());
  }
  YZ_TRY(tx->Commit());
  return saved;
}

Result<std::vector<ServiceLevel>> SqliteTickets::ListServiceLevels() {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT category, amenity, months, hours FROM service_levels ORDER BY category, amenity, "
      "months");
  if (!stmt) return stmt.error();
  std::vector<ServiceLevel> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    ServiceLevel l;
    l.category = ParseReportCategory(stmt->Text(0)).value_or(ReportCategory::kOther);
    if (!stmt->Text(1).empty()) l.amenity = ParseAmenity(stmt->Text(1));
    l.months = static_cast<uint16_t>(stmt->Int(2));
    l.hours = static_cast<int>(stmt->Int(3));
    out.push_back(l);
  }
  return out;
}

Result<void> SqliteTickets::ReplaceServiceLevels(const std::vector<ServiceLevel>& levels) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  YZ_TRY(db_.Exec("DELETE FROM service_levels"));
  for (const ServiceLevel& l : levels) {
    auto insert = db_.Prepare(
        "INSERT INTO service_levels (category, amenity, months, hours) VALUES (?, ?, ?, ?)");
    if (!insert) return insert.error();
    insert->Bind(1, ReportCategoryCode(l.category));
    insert->Bind(2, std::string(l.amenity ? AmenityCode(*l.amenity) : std::string_view()));
    insert->Bind(3, static_cast<int64_t>(l.months));
    insert->Bind(4, static_cast<int64_t>(l.hours));
    YZ_TRY(insert->Run());
  }
  return tx->Commit();
}

}  // namespace yz::sqlite
