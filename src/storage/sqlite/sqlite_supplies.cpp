// SqliteTickets' SupplyRepository part (supplies are the upkeep area's).
#include <sqlite3.h>

#include "storage/sqlite/sqlite_tickets.h"
#include "storage/ticket_sql.h"

namespace yz::sqlite {

Result<std::vector<SupplyItem>> SqliteTickets::Catalogue() {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT code, name, unit, medicine, default_minimum FROM supply_items ORDER BY position, "
      "code");
  if (!stmt) return stmt.error();
  std::vector<SupplyItem> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back({std::string(stmt->Text(0)), std::string(stmt->Text(1)),
                   std::string(stmt->Text(2)), stmt->Int(3) != 0, static_cast<int>(stmt->Int(4))});
  }
  return out;
}

Result<void> SqliteTickets::SaveItem(const SupplyItem& item) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(ticket_sql::kSaveSupplyItem);
  if (!stmt) return stmt.error();
  stmt->Bind(1, item.code);
  stmt->Bind(2, item.name);
  stmt->Bind(3, item.unit);
  stmt->Bind(4, static_cast<int64_t>(item.medicine ? 1 : 0));
  stmt->Bind(5, static_cast<int64_t>(item.default_minimum));
  return stmt->Run();
}

Result<std::vector<SupplyEntry>> SqliteTickets::Ledger(std::string_view station) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT id, station_code, item, kind, quantity, batch, expires_on, at_ms, actor, note "
      "FROM supply_entries WHERE station_code = ? ORDER BY id");
  if (!stmt) return stmt.error();
  stmt->Bind(1, station);
  std::vector<SupplyEntry> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    SupplyEntry e;
    e.id = stmt->Int(0);
    e.station_code = stmt->Text(1);
    e.item = stmt->Text(2);
    e.kind = ParseSupplyEntryKind(stmt->Text(3)).value_or(SupplyEntryKind::kUse);
    e.quantity = static_cast<int>(stmt->Int(4));
    e.batch = stmt->Text(5);
    if (!stmt->IsNull(6)) e.expires_on = ParseDate(stmt->Text(6));
    e.at = FromEpochMillis(stmt->Int(7));
    e.actor = stmt->Text(8);
    e.note = stmt->Text(9);
    out.push_back(std::move(e));
  }
  return out;
}

Result<int64_t> SqliteTickets::AddEntry(const SupplyEntry& e) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  if (e.kind != SupplyEntryKind::kRestock) {
    auto held = db_.Prepare(
        "SELECT COALESCE(SUM(CASE kind WHEN 'restock' THEN quantity ELSE -quantity END), 0) "
        "FROM supply_entries WHERE station_code = ? AND item = ? AND batch = ?");
    if (!held) return held.error();
    held->Bind(1, e.station_code);
    held->Bind(2, e.item);
    held->Bind(3, e.batch);
    auto row = held->Step();
    if (!row) return row.error();
    if (held->Int(0) < e.quantity) {
      return Error::Conflict("这一批剩下的不够 / the batch holds less than that");
    }
  }
  auto insert = db_.Prepare(
      "INSERT INTO supply_entries (station_code, item, kind, quantity, batch, expires_on, at_ms, "
      "actor, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  insert->Bind(1, e.station_code);
  insert->Bind(2, e.item);
  insert->Bind(3, SupplyEntryKindCode(e.kind));
  insert->Bind(4, static_cast<int64_t>(e.quantity));
  insert->Bind(5, e.batch);
  if (e.expires_on) {
    insert->Bind(6, FormatDate(*e.expires_on));
  } else {
    insert->BindNull(6);
  }
  insert->Bind(7, ToEpochMillis(e.at));
  insert->Bind(8, e.actor);
  insert->Bind(9, e.note);
  YZ_TRY(insert->Run());
  const int64_t id = sqlite3_last_insert_rowid(db_.handle());
  YZ_TRY(tx->Commit());
  return id;
}

Result<std::unordered_map<std::string, int>> SqliteTickets::Minimums(std::string_view station) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare("SELECT item, minimum FROM supply_minimums WHERE station_code = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, station);
  std::unordered_map<std::string, int> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.emplace(std::string(stmt->Text(0)), static_cast<int>(stmt->Int(1)));
  }
  return out;
}

Result<void> SqliteTickets::SetMinimum(std::string_view station, std::string_view item,
                                       int minimum) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "INSERT INTO supply_minimums (station_code, item, minimum) VALUES (?, ?, ?) "
      "ON CONFLICT (station_code, item) DO UPDATE SET minimum = excluded.minimum");
  if (!stmt) return stmt.error();
  stmt->Bind(1, station);
  stmt->Bind(2, item);
  stmt->Bind(3, static_cast<int64_t>(minimum));
  return stmt->Run();
}

Result<std::vector<std::string>> SqliteTickets::StationsWithSupplies() {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT station_code FROM supply_entries UNION SELECT station_code FROM supply_minimums "
      "ORDER BY 1");
  if (!stmt) return stmt.error();
  std::vector<std::string> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.emplace_back(stmt->Text(0));
  }
  return out;
}

}  // namespace yz::sqlite
