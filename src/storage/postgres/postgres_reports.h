// The PostgreSQL ReportRepository: the console's reads and status changes of reports, on the
// store's shared pool.
#pragma once

#include "domain/reports/report_repository.h"
#include "storage/postgres/connection_pool.h"

namespace yz::pg {

class PostgresReports final : public ReportRepository {
 public:
  // REQUIRES: `pool` outlives this object.
  explicit PostgresReports(ConnectionPool& pool) : pool_(pool) {}

  Result<std::vector<Report>> ListAllReports(std::optional<ReportStatus> status) override;
  Result<std::optional<Report>> FindReport(std::string_view id) override;
  Result<void> SetReportStatus(std::string_view id, ReportStatus status) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace yz::pg
