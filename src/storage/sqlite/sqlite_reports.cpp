#include "storage/sqlite/sqlite_reports.h"

#include <fmt/format.h>

#include "domain/checkins/checkin.h"

namespace yz::sqlite {
namespace {

constexpr std::string_view kReportColumns =
    "id, station_code, category, amenity, description, status, at_ms";

Report ReadReport(const Statement& s) {
  Report r;
  r.id = s.Text(0);
  r.station_code = s.Text(1);
  r.category = ParseReportCategory(s.Text(2)).value_or(ReportCategory::kOther);
  if (!s.IsNull(3)) r.amenity = ParseAmenity(s.Text(3));
  r.description = s.Text(4);
  r.status = ParseReportStatus(s.Text(5)).value_or(ReportStatus::kOpen);
  r.at = FromEpochMillis(s.Int(6));
  return r;
}

}  // namespace

Result<std::vector<Report>> SqliteReports::ListAllReports(std::optional<ReportStatus> status) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      fmt::format("SELECT {} FROM reports WHERE (? = '' OR status = ?) ORDER BY at_ms DESC, id",
                  kReportColumns));
  if (!stmt) return stmt.error();
  // A std::string, not an empty string_view: SQLite binds a null data pointer as NULL.
  const std::string code = status ? std::string(ReportStatusCode(*status)) : std::string();
  stmt->Bind(1, code);
  stmt->Bind(2, code);
  std::vector<Report> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(ReadReport(*stmt));
  }
  return out;
}

Result<std::optional<Report>> SqliteReports::FindReport(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(fmt::format("SELECT {} FROM reports WHERE id = ?", kReportColumns));
  if (!stmt) return stmt.error();
  stmt->Bind(1, id);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<Report>{};
  return std::optional<Report>{ReadReport(*stmt)};
}

Result<void> SqliteReports::SetReportStatus(std::string_view id, ReportStatus status) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare("UPDATE reports SET status = ? WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, ReportStatusCode(status));
  stmt->Bind(2, id);
  YZ_TRY(stmt->Run());
  if (sqlite3_changes(db_.handle()) == 0) return Error::NotFound("no such report");
  return Ok();
}

}  // namespace yz::sqlite
