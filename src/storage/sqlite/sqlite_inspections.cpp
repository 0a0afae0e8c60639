// SqliteTickets' InspectionRepository half (inspections are the upkeep area's).
#include <sqlite3.h>

#include "storage/sqlite/sqlite_tickets.h"

namespace yz::sqlite {

Result<int64_t> SqliteTickets::AddInspection(const Inspection& in) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  auto head = db_.Prepare(
      "INSERT INTO inspections (station_code, region, inspector, at_ms, score, note) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!head) return head.error();
  head->Bind(1, in.station_code);
  head->Bind(2, in.region);
  head->Bind(3, in.inspector);
  head->Bind(4, ToEpochMillis(in.at));
  head->Bind(5, static_cast<int64_t>(in.score));
  head->Bind(6, in.note);
  YZ_TRY(head->Run());
  const int64_t id = sqlite3_last_insert_rowid(db_.handle());
  auto item = db_.Prepare(
      "INSERT INTO inspection_items (inspection_id, position, item, result, note, ticket_id) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!item) return item.error();
  int64_t position = 0;
  for (const InspectionItem& i : in.items) {
    item->Reset();
    item->Bind(1, id);
    item->Bind(2, position++);
    item->Bind(3, i.item);
    item->Bind(4, CheckResultCode(i.result));
    item->Bind(5, i.note);
    item->Bind(6, i.ticket_id);
    YZ_TRY(item->Run());
  }
  YZ_TRY(tx->Commit());
  return id;
}

Result<std::vector<Inspection>> SqliteTickets::InspectionsOf(std::string_view station,
                                                             std::size_t limit) {
  std::lock_guard lock(mutex_);
  auto head = db_.Prepare(
      "SELECT id, station_code, region, inspector, at_ms, score, note FROM inspections "
      "WHERE station_code = ? ORDER BY at_ms DESC, id DESC LIMIT ?");
  if (!head) return head.error();
  head->Bind(1, station);
  head->Bind(2, static_cast<int64_t>(limit));
  std::vector<Inspection> out;
  while (true) {
    auto row = head->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back({head->Int(0),
                   std::string(head->Text(1)),
                   std::string(head->Text(2)),
                   std::string(head->Text(3)),
                   FromEpochMillis(head->Int(4)),
                   static_cast<int>(head->Int(5)),
                   std::string(head->Text(6)),
                   {}});
  }
  auto items = db_.Prepare(
      "SELECT item, result, note, ticket_id FROM inspection_items WHERE inspection_id = ? "
      "ORDER BY position");
  if (!items) return items.error();
  for (Inspection& in : out) {
    items->Reset();
    items->Bind(1, in.id);
    while (true) {
      auto row = items->Step();
      if (!row) return row.error();
      if (!*row) break;
      in.items.push_back({std::string(items->Text(0)),
                          ParseCheckResult(items->Text(1)).value_or(CheckResult::kNotApplicable),
                          std::string(items->Text(2)), std::string(items->Text(3))});
    }
  }
  return out;
}

Result<std::unordered_map<std::string, UtcTime>> SqliteTickets::LastInspections() {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare("SELECT station_code, MAX(at_ms) FROM inspections GROUP BY station_code");
  if (!stmt) return stmt.error();
  std::unordered_map<std::string, UtcTime> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.emplace(std::string(stmt->Text(0)), FromEpochMillis(stmt->Int(1)));
  }
  return out;
}

}  // namespace yz::sqlite
