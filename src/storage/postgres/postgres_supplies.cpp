// PostgresTickets' SupplyRepository part (supplies are the upkeep area's).
#include <pqxx/pqxx>

#include "storage/postgres/postgres_tickets.h"
#include "storage/ticket_sql.h"

namespace yz::pg {

Result<void> PostgresTickets::SaveItem(const SupplyItem& item) {
  return pool_.Run<void>("save supply item", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    // One writer of the catalogue at a time, so two new items never share a position.
    txn.exec("LOCK TABLE supply_items IN SHARE ROW EXCLUSIVE MODE");
    txn.exec_params(std::string(ticket_sql::kSaveSupplyItem), item.code, item.name, item.unit,
                    item.medicine ? 1 : 0, item.default_minimum);
    txn.commit();
    return Ok();
  });
}

Result<std::vector<SupplyItem>> PostgresTickets::Catalogue() {
  return pool_.Run<std::vector<SupplyItem>>(
      "supply catalogue", [&](pqxx::connection& c) -> Result<std::vector<SupplyItem>> {
        pqxx::read_transaction txn(c);
        std::vector<SupplyItem> out;
        for (const auto& r : txn.exec("SELECT code, name, unit, medicine, default_minimum FROM "
                                      "supply_items ORDER BY position, code")) {
          out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                         r[3].as<int>() != 0, r[4].as<int>()});
        }
        return out;
      });
}

Result<std::vector<SupplyEntry>> PostgresTickets::Ledger(std::string_view station) {
  return pool_.Run<std::vector<SupplyEntry>>(
      "supply ledger", [&](pqxx::connection& c) -> Result<std::vector<SupplyEntry>> {
        pqxx::read_transaction txn(c);
        std::vector<SupplyEntry> out;
        for (const auto& r : txn.exec_params(
                 "SELECT id, station_code, item, kind, quantity, batch, expires_on, at_ms, actor, "
                 "note FROM supply_entries WHERE station_code = $1 ORDER BY id",
                 std::string(station))) {
          SupplyEntry e;
          e.id = r[0].as<int64_t>();
          e.station_code = r[1].as<std::string>();
          e.item = r[2].as<std::string>();
          e.kind = ParseSupplyEntryKind(r[3].as<std::string>()).value_or(SupplyEntryKind::kUse);
          e.quantity = r[4].as<int>();
          e.batch = r[5].as<std::string>();
          if (!r[6].is_null()) e.expires_on = ParseDate(r[6].as<std::string>());
          e.at = FromEpochMillis(r[7].as<int64_t>());
          e.actor = r[8].as<std::string>();
          e.note = r[9].as<std::string>();
          out.push_back(std::move(e));
        }
        return out;
      });
}

Result<int64_t> PostgresTickets::AddEntry(const SupplyEntry& e) {
  return pool_.Run<int64_t>("add supply entry", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    if (e.kind != SupplyEntryKind::kRestock) {
      // One batch's entries are serialised across servers, so two uses cannot both take the last.
      txn.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 2))",
                      "supply:" + e.station_code + ":" + e.item + ":" + e.batch);
      const int64_t held =
          txn.exec_params(
                 "SELECT COALESCE(SUM(CASE kind WHEN 'restock' THEN quantity ELSE -quantity END), "
                 "0) "
                 "FROM supply_entries WHERE station_code = $1 AND item = $2 AND batch = $3",
                 e.station_code, e.item, e.batch)[0][0]
              .as<int64_t>();
      if (held < e.quantity)
        return Error::Conflict("这一批剩下的不够 / the batch holds less than that");
    }
    const std::optional<std::string> expires =
        e.expires_on ? std::optional<std::string>(FormatDate(*e.expires_on)) : std::nullopt;
    const int64_t id =
        txn.exec_params(
               "INSERT INTO supply_entries (station_code, item, kind, quantity, batch, expires_on, "
               "at_ms, actor, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
               e.station_code, e.item, std::string(SupplyEntryKindCode(e.kind)), e.quantity,
               e.batch, expires, ToEpochMillis(e.at), e.actor, e.note)[0][0]
            .as<int64_t>();
    txn.commit();
    return id;
  });
}

Result<std::unordered_map<std::string, int>> PostgresTickets::Minimums(std::string_view station) {
  using Map = std::unordered_map<std::string, int>;
  return pool_.Run<Map>("supply minimums", [&](pqxx::connection& c) -> Result<Map> {
    pqxx::read_transaction txn(c);
    Map out;
    for (const auto& r :
         txn.exec_params("SELECT item, minimum FROM supply_minimums WHERE station_code = $1",
                         std::string(station))) {
      out.emplace(r[0].as<std::string>(), r[1].as<int>());
    }
    return out;
  });
}

Result<void> PostgresTickets::SetMinimum(std::string_view station, std::string_view item,
                                         int minimum) {
  return pool_.Run<void>("set supply minimum", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params(
        "INSERT INTO supply_minimums (station_code, item, minimum) VALUES ($1, $2, $3) "
        "ON CONFLICT (station_code, item) DO UPDATE SET minimum = excluded.minimum",
        std::string(station), std::string(item), minimum);
    txn.commit();
    return Ok();
  });
}

Result<std::vector<std::string>> PostgresTickets::StationsWithSupplies() {
  return pool_.Run<std::vector<std::string>>(
      "stations with supplies", [&](pqxx::connection& c) -> Result<std::vector<std::string>> {
        pqxx::read_transaction txn(c);
        std::vector<std::string> out;
        for (const auto& r : txn.exec("SELECT station_code FROM supply_entries UNION SELECT "
                                      "station_code FROM supply_minimums ORDER BY 1")) {
          out.push_back(r[0].as<std::string>());
        }
        return out;
      });
}

}  // namespace yz::pg
