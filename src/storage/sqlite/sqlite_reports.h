// The embedded store's ReportRepository: the console's reads and status changes of reports, on
// the store's shared reader connection.
#pragma once

#include <mutex>

#include "domain/reports/report_repository.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

class SqliteReports final : public ReportRepository {
 public:
  // `db` is guarded by `mutex`; both outlive this object.
  SqliteReports(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  Result<std::vector<Report>> ListAllReports(std::optional<ReportStatus> status) override;
  Result<std::optional<Report>> FindReport(std::string_view id) override;
  Result<void> SetReportStatus(std::string_view id, ReportStatus status) override;

 private:
  Database& db_;
  std::mutex& mutex_;
};

}  // namespace yz::sqlite
