// PostgresTickets' InspectionRepository half (inspections are the upkeep area's).
#include <pqxx/pqxx>

#include "storage/postgres/postgres_tickets.h"

namespace yz::pg {

Result<int64_t> PostgresTickets::AddInspection(const Inspection& in) {
  return pool_.Run<int64_t>("add inspection", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    const int64_t id =
        txn.exec_params(
               "INSERT INTO inspections (station_code, region, inspector, at_ms, score, note) "
               "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
               in.station_code, in.region, in.inspector, ToEpochMillis(in.at), in.score,
               in.note)[0][0]
            .as<int64_t>();
    int position = 0;
    for (const InspectionItem& i : in.items) {
      txn.exec_params(
          "INSERT INTO inspection_items (inspection_id, position, item, result, note, ticket_id) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          id, position++, i.item, std::string(CheckResultCode(i.result)), i.note, i.ticket_id);
    }
    txn.commit();
    return id;
  });
}

Result<std::vector<Inspection>> PostgresTickets::InspectionsOf(std::string_view station,
                                                               std::size_t limit) {
  return pool_.Run<std::vector<Inspection>>(
      "inspections", [&](pqxx::connection& c) -> Result<std::vector<Inspection>> {
        pqxx::read_transaction txn(c);
        std::vector<Inspection> out;
        for (const auto& r : txn.exec_params(
                 "SELECT id, station_code, region, inspector, at_ms, score, note FROM inspections "
                 "WHERE station_code = $1 ORDER BY at_ms DESC, id DESC LIMIT $2",
                 std::string(station), static_cast<int64_t>(limit))) {
          out.push_back({r[0].as<int64_t>(),
                         r[1].as<std::string>(),
                         r[2].as<std::string>(),
                         r[3].as<std::string>(),
                         FromEpochMillis(r[4].as<int64_t>()),
                         r[5].as<int>(),
                         r[6].as<std::string>(),
                         {}});
        }
        for (Inspection& in : out) {
          for (const auto& r :
               txn.exec_params("SELECT item, result, note, ticket_id FROM inspection_items "
                               "WHERE inspection_id = $1 ORDER BY position",
                               in.id)) {
            in.items.push_back(
                {r[0].as<std::string>(),
                 ParseCheckResult(r[1].as<std::string>()).value_or(CheckResult::kNotApplicable),
                 r[2].as<std::string>(), r[3].as<std::string>()});
          }
        }
        return out;
      });
}

Result<std::unordered_map<std::string, UtcTime>> PostgresTickets::LastInspections() {
  using Map = std::unordered_map<std::string, UtcTime>;
  return pool_.Run<Map>("last inspections", [&](pqxx::connection& c) -> Result<Map> {
    pqxx::read_transaction txn(c);
    Map out;
    for (const auto& r :
         txn.exec("SELECT station_code, MAX(at_ms) FROM inspections GROUP BY station_code")) {
      out.emplace(r[0].as<std::string>(), FromEpochMillis(r[1].as<int64_t>()));
    }
    return out;
  });
}

}  // namespace yz::pg
