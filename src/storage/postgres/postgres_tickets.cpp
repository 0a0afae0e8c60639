#include "storage/postgres/postgres_tickets.h"

#include <fmt/format.h>

#include <pqxx/pqxx>

#include "storage/ticket_sql.h"

namespace yz::pg {
namespace {

using ticket_sql::Value;

Ticket Read(const pqxx::row& r) {
  return ticket_sql::ReadTicket(
      {[&](int c) {
         return r[c].is_null() ? std::nullopt : std::optional<std::string>(r[c].as<std::string>());
       },
       [&](int c) {
         return r[c].is_null() ? std::nullopt : std::optional<int64_t>(r[c].as<int64_t>());
       }});
}

// Every value as text: PostgreSQL infers each parameter's type from where it is used.
std::vector<std::string> AsText(const std::vector<Value>& params) {
  std::vector<std::string> out;
  for (const Value& v : params) {
    out.push_back(std::holds_alternative<std::string>(v) ? std::get<std::string>(v)
                                                         : std::to_string(std::get<int64_t>(v)));
  }
  return out;
}

std::optional<int64_t> MillisOr(const std::optional<UtcTime>& t) {
  return t ? std::optional<int64_t>(ToEpochMillis(*t)) : std::nullopt;
}

std::optional<std::string> AmenityOr(const std::optional<Amenity>& a) {
  return a ? std::optional<std::string>(AmenityCode(*a)) : std::nullopt;
}

std::vector<Ticket> ReadAll(const pqxx::result& rows) {
  std::vector<Ticket> out;
  for (const auto& row : rows) out.push_back(Read(row));
  return out;
}

std::optional<Ticket> FindIn(pqxx::transaction_base& txn, std::string_view id) {
  const pqxx::result r = txn.exec_params(
      fmt::format("SELECT {} FROM reports WHERE id = $1", ticket_sql::kColumns), std::string(id));
  if (r.empty()) return std::nullopt;
  return Read(r[0]);
}

void AddEvent(pqxx::transaction_base& txn, std::string_view id, const TicketEvent& e) {
  txn.exec_params(
      "INSERT INTO ticket_events (ticket_id, seq, at_ms, actor, action, status, note) "
      "VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ticket_events WHERE ticket_id = $1), "
      "$2, $3, $4, $5, $6)",
      std::string(id), ToEpochMillis(e.at), e.actor, e.action,
      std::string(TicketStatusCode(e.status)), e.note);
}

}  // namespace

Result<std::optional<Ticket>> PostgresTickets::FindTicket(std::string_view id) {
  return pool_.Run<std::optional<Ticket>>(
      "find ticket", [&](pqxx::connection& c) -> Result<std::optional<Ticket>> {
        pqxx::read_transaction txn(c);
        return FindIn(txn, id);
      });
}

Result<std::vector<Ticket>> PostgresTickets::ListTickets(const TicketFilter& filter) {
  const ticket_sql::Query q = ticket_sql::ListTickets(filter);
  return pool_.Run<std::vector<Ticket>>(
      "list tickets", [&](pqxx::connection& c) -> Result<std::vector<Ticket>> {
        pqxx::read_transaction txn(c);
        const std::vector<std::string> params = AsText(q.params);
        return ReadAll(txn.exec_params(q.sql, pqxx::prepare::make_dynamic_params(params)));
      });
}

Result<std::vector<Ticket>> PostgresTickets::OpenTicketsOf(std::string_view station,
                                                           std::optional<Amenity> amenity) {
  return pool_.Run<std::vector<Ticket>>(
      "open tickets", [&](pqxx::connection& c) -> Result<std::vector<Ticket>> {
        pqxx::read_transaction txn(c);
        return ReadAll(txn.exec_params(
            fmt::format("SELECT {} FROM reports WHERE station_code = $1 AND status IN ({}) "
                        "AND ($2 = '' OR amenity = $2) ORDER BY at_ms DESC, id LIMIT 50",
                        ticket_sql::kColumns, OpenStatusesSql()),
            std::string(station), AmenityOr(amenity).value_or("")));
      });
}

Result<std::vector<Amenity>> PostgresTickets::ReportedAmenities(std::string_view station) {
  return pool_.Run<std::vector<Amenity>>(
      "reported amenities", [&](pqxx::connection& c) -> Result<std::vector<Amenity>> {
        pqxx::read_transaction txn(c);
        std::vector<Amenity> out;
        for (const auto& row : txn.exec_params(
                 fmt::format("SELECT DISTINCT amenity FROM reports WHERE station_code = $1 "
                             "AND amenity IS NOT NULL AND status IN ({})",
                             OpenStatusesSql()),
                 std::string(station))) {
          if (auto a = ParseAmenity(row[0].as<std::string>())) out.push_back(*a);
        }
        return out;
      });
}

Result<std::vector<TicketEvent>> PostgresTickets::History(std::string_view id) {
  return pool_.Run<std::vector<TicketEvent>>(
      "ticket history", [&](pqxx::connection& c) -> Result<std::vector<TicketEvent>> {
        pqxx::read_transaction txn(c);
        std::vector<TicketEvent> out;
        for (const auto& row :
             txn.exec_params("SELECT at_ms, actor, action, status, note FROM ticket_events "
                             "WHERE ticket_id = $1 ORDER BY seq",
                             std::string(id))) {
          out.push_back({FromEpochMillis(row[0].as<int64_t>()), row[1].as<std::string>(),
                         row[2].as<std::string>(),
                         ParseTicketStatus(row[3].as<std::string>()).value_or(TicketStatus::kNew),
                         row[4].as<std::string>()});
        }
        return out;
      });
}

Result<Ticket> PostgresTickets::ApplyChange(const TicketChange& change) {
  return pool_.Run<Ticket>("change ticket", [&](pqxx::connection& c) -> Result<Ticket> {
    pqxx::work txn(c);
    const Ticket& t = change.after;
    const pqxx::result r = txn.exec_params(
        "UPDATE reports SET status = $1, updated_at_ms = $2, assignee = $3, team_id = $4, "
        "merged_into = $5, resolved_at_ms = $6, closed_at_ms = $7, status_note = $8, "
        "worker_verdict = $9, version = version + 1 WHERE id = $10 AND version = $11",
        std::string(TicketStatusCode(t.status)), ToEpochMillis(t.updated_at), t.assignee, t.team_id,
        t.merged_into, MillisOr(t.resolved_at), MillisOr(t.closed_at), t.status_note,
        std::string(WorkerVerdictCode(t.verdict)), t.id, change.expected_version);
    if (r.affected_rows() == 0) {
      return Error::Conflict("工单已被别人改过，请刷新后再试 / the ticket changed meanwhile");
    }
    AddEvent(txn, t.id, change.event);
    auto stored = FindIn(txn, t.id);
    txn.commit();
    if (!stored) return Error::Internal("ticket vanished after its change");
    return std::move(*stored);
  });
}

Result<Ticket> PostgresTickets::OpenTicket(const Ticket& t, const TicketEvent& opened) {
  return pool_.Run<Ticket>("open ticket", [&](pqxx::connection& c) -> Result<Ticket> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "INSERT INTO reports (id, station_code, region, category, amenity, description, source, "
        "status, at_ms, updated_at_ms, due_at_ms, assignee, team_id) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12) "
        "ON CONFLICT (id) DO NOTHING",
        t.id, t.station_code, t.region, std::string(ReportCategoryCode(t.category)),
        AmenityOr(t.amenity), t.description, std::string(TicketSourceCode(t.source)),
        std::string(TicketStatusCode(t.status)), ToEpochMillis(t.at), MillisOr(t.due_at),
        t.assignee, t.team_id);
    if (r.affected_rows() == 0) return Error::Conflict("ticket id taken");
    AddEvent(txn, t.id, opened);
    auto stored = FindIn(txn, t.id);
    txn.commit();
    if (!stored) return Error::Internal("ticket vanished after its insert");
    return std::move(*stored);
  });
}

namespace {

std::vector<OverdueLine> ReadOverdue(const pqxx::result& rows) {
  std::vector<OverdueLine> out;
  for (const auto& row : rows) {
    OverdueLine line{row[0].as<std::string>(), row[1].as<int64_t>(), row[2].as<int64_t>(),
                     std::nullopt};
    if (!row[3].is_null()) line.oldest_due = FromEpochMillis(row[3].as<int64_t>());
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace

Result<std::vector<OverdueLine>> PostgresTickets::OverdueByRegion(std::string_view region,
                                                                  int group_digits, UtcTime now) {
  std::vector<Value> params{ToEpochMillis(now)};
  const std::string range = ticket_sql::RegionPrefixClause(region, params);
  const std::string sql = fmt::format(
      "SELECT left(region, {0}) AS k, COUNT(*), COUNT(*) FILTER (WHERE due_at_ms < $1), "
      "MIN(due_at_ms) FILTER (WHERE due_at_ms < $1) FROM reports WHERE status IN ({1}){2} "
      "GROUP BY k ORDER BY k",
      group_digits, OpenStatusesSql(), range);
  return pool_.Run<std::vector<OverdueLine>>(
      "overdue by region", [&](pqxx::connection& c) -> Result<std::vector<OverdueLine>> {
        pqxx::read_transaction txn(c);
        const std::vector<std::string> text = AsText(params);
        return ReadOverdue(txn.exec_params(sql, pqxx::prepare::make_dynamic_params(text)));
      });
}

Result<std::vector<OverdueLine>> PostgresTickets::OverdueByTeam(std::string_view region,
                                                                UtcTime now) {
  std::vector<Value> params{ToEpochMillis(now)};
  const std::string range = ticket_sql::RegionPrefixClause(region, params);
  const std::string sql = fmt::format(
      "SELECT COALESCE(team_id::text, '') AS k, COUNT(*), COUNT(*) FILTER (WHERE due_at_ms < $1), "
      "MIN(due_at_ms) FILTER (WHERE due_at_ms < $1) FROM reports WHERE status IN ({0}){1} "
      "GROUP BY k ORDER BY k",
      OpenStatusesSql(), range);
  return pool_.Run<std::vector<OverdueLine>>(
      "overdue by team", [&](pqxx::connection& c) -> Result<std::vector<OverdueLine>> {
        pqxx::read_transaction txn(c);
        const std::vector<std::string> text = AsText(params);
        return ReadOverdue(txn.exec_params(sql, pqxx::prepare::make_dynamic_params(text)));
      });
}

Result<std::vector<OnTimeCount>> PostgresTickets::OnTime(std::string_view region, UtcTime since,
                                                         UtcTime until, bool by_team,
                                                         int group_digits) {
  std::vector<Value> params{ToEpochMillis(since), ToEpochMillis(until)};
  const std::string range = ticket_sql::RegionPrefixClause(region, params);
  const std::string key =
      by_team ? "COALESCE(team_id::text, '')" : fmt::format("left(region, {})", group_digits);
  const std::string sql = fmt::format(
      "SELECT {0} AS k, COUNT(*), COUNT(*) FILTER (WHERE resolved_at_ms <= due_at_ms) FROM "
      "reports WHERE resolved_at_ms >= $1 AND resolved_at_ms < $2 AND due_at_ms IS NOT NULL "
      "AND status IN ('resolved', 'verified'){1} GROUP BY k ORDER BY k",
      key, range);
  return pool_.Run<std::vector<OnTimeCount>>(
      "on-time rate", [&](pqxx::connection& c) -> Result<std::vector<OnTimeCount>> {
        pqxx::read_transaction txn(c);
        const std::vector<std::string> text = AsText(params);
        std::vector<OnTimeCount> out;
        for (const auto& row : txn.exec_params(sql, pqxx::prepare::make_dynamic_params(text))) {
          out.push_back({row[0].as<std::string>(), row[1].as<int64_t>(), row[2].as<int64_t>()});
        }
        return out;
      });
}

Result<std::vector<Ticket>> PostgresTickets::DueForEscalation(UtcTime now, std::size_t limit) {
  return pool_.Run<std::vector<Ticket>>(
      "tickets due for escalation", [&](pqxx::connection& c) -> Result<std::vector<Ticket>> {
        pqxx::read_transaction txn(c);
        return ReadAll(txn.exec_params(ticket_sql::kDueForEscalation, ToEpochMillis(now),
                                       static_cast<int64_t>(limit)));
      });
}

Result<std::vector<std::string>> PostgresTickets::MarkEscalated(const std::vector<std::string>& ids,
                                                                UtcTime now) {
  return pool_.Run<std::vector<std::string>>(
      "escalate tickets", [&](pqxx::connection& c) -> Result<std::vector<std::string>> {
        pqxx::work txn(c);
        std::vector<std::string> marked;
        for (const std::string& id : ids) {
          const pqxx::result r =
              txn.exec_params(ticket_sql::kMarkEscalated, ToEpochMillis(now), id);
          if (r.affected_rows() == 0) continue;
          auto found = FindIn(txn, id);
          AddEvent(txn, id,
                   {now, "system", "overdue", found ? found->status : TicketStatus::kNew,
                    "已超过服务时限"});
          marked.push_back(id);
        }
        txn.commit();
        return marked;
      });
}

Result<std::optional<std::string>> PostgresTickets::ReporterDevice(std::string_view id) {
  return pool_.Run<std::optional<std::string>>(
      "reporter device", [&](pqxx::connection& c) -> Result<std::optional<std::string>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r =
            txn.exec_params("SELECT device_hash FROM reports WHERE id = $1", std::string(id));
        if (r.empty()) return std::optional<std::string>{};
        return std::optional<std::string>{r[0][0].is_null() ? "" : r[0][0].as<std::string>()};
      });
}

Result<std::vector<TicketPhoto>> PostgresTickets::ListPhotos(std::string_view id) {
  return pool_.Run<std::vector<TicketPhoto>>(
      "ticket photos", [&](pqxx::connection& c) -> Result<std::vector<TicketPhoto>> {
        pqxx::read_transaction txn(c);
        std::vector<TicketPhoto> out;
        for (const auto& row :
             txn.exec_params("SELECT file, kind, width, height, at_ms, actor FROM ticket_photos "
                             "WHERE ticket_id = $1 ORDER BY at_ms, file",
                             std::string(id))) {
          out.push_back({row[0].as<std::string>(),
                         ParsePhotoKind(row[1].as<std::string>()).value_or(PhotoKind::kBefore),
                         row[2].as<int>(), row[3].as<int>(), FromEpochMillis(row[4].as<int64_t>()),
                         row[5].as<std::string>()});
        }
        return out;
      });
}

Result<void> PostgresTickets::AddPhoto(std::string_view id, const TicketPhoto& p) {
  return pool_.Run<void>("add ticket photo", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    if (!FindIn(txn, id)) return Error::NotFound("没有这张工单 / no such ticket");
    txn.exec_params(
        "INSERT INTO ticket_photos (ticket_id, file, kind, width, height, at_ms, actor) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        std::string(id), p.file, std::string(PhotoKindCode(p.kind)), p.width, p.height,
        ToEpochMillis(p.at), p.actor);
    txn.commit();
    return Ok();
  });
}

Result<std::vector<MaintenanceTeam>> PostgresTickets::ListTeams() {
  return pool_.Run<std::vector<MaintenanceTeam>>(
      "list teams", [&](pqxx::connection& c) -> Result<std::vector<MaintenanceTeam>> {
        pqxx::read_transaction txn(c);
        std::vector<MaintenanceTeam> out;
        for (const auto& row :
             txn.exec("SELECT t.id, t.name, t.region, m.username FROM maintenance_teams t "
                      "LEFT JOIN maintenance_team_members m ON m.team_id = t.id "
                      "ORDER BY t.name, t.id, m.username")) {
          const int64_t id = row[0].as<int64_t>();
          if (out.empty() || out.back().id != id) {
            out.push_back({id, row[1].as<std::string>(), row[2].as<std::string>(), {}});
          }
          if (!row[3].is_null()) out.back().members.push_back(row[3].as<std::string>());
        }
        return out;
      });
}

Result<MaintenanceTeam> PostgresTickets::SaveTeam(const MaintenanceTeam& team, UtcTime now) {
  return pool_.Run<MaintenanceTeam>(
      "save team", [&](pqxx::connection& c) -> Result<MaintenanceTeam> {
        pqxx::work txn(c);
        const pqxx::result taken = txn.exec_params(
            "SELECT id FROM maintenance_teams WHERE name = $1 AND id <> $2", team.name, team.id);
        if (!taken.empty()) return Error::Conflict("已有同名的维修队 / a team of that name exists");
        MaintenanceTeam saved = team;
        if (team.id == 0) {
          saved.id = txn.exec_params(
                            "INSERT INTO maintenance_teams (name, region, created_at_ms) "
                            "VALUES ($1, $2, $3) RETURNING id",
                            team.name, team.region, ToEpochMillis(now))[0][0]
                         .as<int64_t>();
        } else {
          const pqxx::result r =
              txn.exec_params("UPDATE maintenance_teams SET name = $1, region = $2 WHERE id = $3",
                              team.name, team.region, team.id);
          if (r.affected_rows() == 0) return Error::NotFound("没有这个维修队 / no such team");
        }
        txn.exec_params("DELETE FROM maintenance_team_members WHERE team_id = $1", saved.id);
        for (const std::string& member : saved.members) {
          txn.exec_params(
              "INSERT INTO maintenance_team_members (team_id, username) VALUES ($1, $2)", saved.id,
              member);
        }
        txn.commit();
        return saved;
      });
}

Result<std::vector<ServiceLevel>> PostgresTickets::ListServiceLevels() {
  return pool_.Run<std::vector<ServiceLevel>>(
      "list service levels", [&](pqxx::connection& c) -> Result<std::vector<ServiceLevel>> {
        pqxx::read_transaction txn(c);
        std::vector<ServiceLevel> out;
        for (const auto& row : txn.exec("SELECT category, amenity, months, hours FROM "
                                        "service_levels ORDER BY category, amenity, months")) {
          ServiceLevel l;
          l.category =
              ParseReportCategory(row[0].as<std::string>()).value_or(ReportCategory::kOther);
          const std::string amenity = row[1].as<std::string>();
          if (!amenity.empty()) l.amenity = ParseAmenity(amenity);
          l.months = static_cast<uint16_t>(row[2].as<int>());
          l.hours = row[3].as<int>();
          out.push_back(l);
        }
        return out;
      });
}

Result<void> PostgresTickets::ReplaceServiceLevels(const std::vector<ServiceLevel>& levels) {
  return pool_.Run<void>("replace service levels", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec("DELETE FROM service_levels");
    for (const ServiceLevel& l : levels) {
      txn.exec_params(
          "INSERT INTO service_levels (category, amenity, months, hours) VALUES ($1, $2, $3, $4)",
          std::string(ReportCategoryCode(l.category)), AmenityOr(l.amenity).value_or(""),
          static_cast<int>(l.months), l.hours);
    }
    txn.commit();
    return Ok();
  });
}

}  // namespace yz::pg
