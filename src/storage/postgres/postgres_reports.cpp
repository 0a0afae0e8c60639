#include "storage/postgres/postgres_reports.h"

#include "domain/checkins/checkin.h"
namespace yz::pg {
namespace {

#define YZ_REPORT_COLUMNS "id, station_code, category, amenity, description, status, at_ms"

Report ReadReport(const pqxx::row& r) {
  Report out;
  out.id = r[0].as<std::string>();
  out.station_code = r[1].as<std::string>();
  out.category = ParseReportCategory(r[2].as<std::string>()).value_or(ReportCategory::kOther);
  if (!r[3].is_null()) out.amenity = ParseAmenity(r[3].as<std::string>());
  out.description = r[4].as<std::string>();
  out.status = ParseReportStatus(r[5].as<std::string>()).value_or(ReportStatus::kOpen);
  out.at = FromEpochMillis(r[6].as<int64_t>());
  return out;
}

}  // namespace

Result<std::vector<Report>> PostgresReports::ListAllReports(std::optional<ReportStatus> status) {
  return pool_.Run<std::vector<Report>>(
      "list reports", [&](pqxx::connection& c) -> Result<std::vector<Report>> {
        pqxx::read_transaction txn(c);
        const std::string code = status ? std::string(ReportStatusCode(*status)) : std::string();
        std::vector<Report> out;
        for (const auto& row : txn.exec_params("SELECT " YZ_REPORT_COLUMNS
                                               " FROM reports WHERE ($1 = '' OR status = $1)"
                                               " ORDER BY at_ms DESC, id",
                                               code)) {
          out.push_back(ReadReport(row));
        }
        return out;
      });
}

Result<std::optional<Report>> PostgresReports::FindReport(std::string_view id) {
  return pool_.Run<std::optional<Report>>(
      "find report", [&](pqxx::connection& c) -> Result<std::optional<Report>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params(
            "SELECT " YZ_REPORT_COLUMNS " FROM reports WHERE id = $1", std::string(id));
        if (r.empty()) return std::optional<Report>{};
        return std::optional<Report>{ReadReport(r[0])};
      });
}

Result<void> PostgresReports::SetReportStatus(std::string_view id, ReportStatus status) {
  return pool_.Run<void>("set report status", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params("UPDATE reports SET status = $1 WHERE id = $2",
                                           std::string(ReportStatusCode(status)), std::string(id));
    if (r.affected_rows() == 0) return Error::NotFound("no such report");
    txn.commit();
    return Ok();
  });
}

#undef YZ_REPORT_COLUMNS

}  // namespace yz::pg
