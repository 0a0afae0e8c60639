// The SQL both stores share for tickets (the `reports` table, ADR 0016): the column list, how a row
// becomes a Ticket, and the WHERE clause of a TicketFilter. Placeholders are numbered `$n`
// (PostgreSQL's form; SQLite reads `$n` as a numbered parameter too), and the values come back
// in order for the store to bind.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/upkeep/ticket.h"

namespace yz::ticket_sql {

// A catalogue item: new ones go to the end; a known code keeps its place.
inline constexpr std::string_view kSaveSupplyItem =
    "INSERT INTO supply_items (code, name, unit, medicine, default_minimum, position) "
    "VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(max(position), 0) + 1 FROM supply_items)) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit = excluded.unit, "
    "medicine = excluded.medicine, default_minimum = excluded.default_minimum";

inline constexpr std::string_view kColumns =
    "id, station_code, region, category, amenity, description, source, status, at_ms, "
    "updated_at_ms, due_at_ms, assignee, team_id, merged_into, resolved_at_ms, closed_at_ms, "
    "status_note, worker_verdict, version, escalated_at_ms";

using Value = std::variant<std::string, int64_t>;

// A worker's report, written by the check-in area's durable path.
// The open report it repeats: $1 station, $2 device hash, $3 category, $4 amenity or '', $5 the
// earliest at_ms of the window → id.
extern const std::string kFindRepeatedReport;
// The new ticket: $1 id, $2 station, $3 category, $4 amenity (NULL for none), $5 description,
// $6 device hash, $7 at_ms, $8 station-local month 1..12. Region and due time come from the
// stations and service_levels tables; an id taken inserts nothing (ON CONFLICT DO NOTHING).
extern const std::string kInsertReport;
// Its "opened" event: $1 id, $2 at_ms.
extern const std::string kInsertReportOpened;

// A row in kColumns order as read by the store: text columns (NULL → nullopt) and integers.
struct RowReader {
  std::function<std::optional<std::string>(int)> text;
  std::function<std::optional<int64_t>(int)> integer;
};
Ticket ReadTicket(const RowReader& row);

struct Query {
  std::string sql;
  std::vector<Value> params;
};

// Open tickets past due at $1 that the sweep has not escalated yet, most overdue first, at most
// $2.
extern const std::string kDueForEscalation;
// Marks ticket $2 escalated at $1 if it still is open and not escalated (0 rows otherwise).
// (SQLite numbers `$n` parameters in order of first appearance: keep them in order.)
extern const std::string kMarkEscalated;

// SELECT kColumns FROM reports WHERE … ORDER BY at_ms DESC, id LIMIT n.
Query ListTickets(const TicketFilter& filter);

// " AND region >= $k AND region < $k+1" for a region prefix ("" → nothing), appending the values.
std::string RegionPrefixClause(std::string_view prefix, std::vector<Value>& params);

}  // namespace yz::ticket_sql
