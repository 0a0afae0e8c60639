// The console's side of the workers' reports: listing them and changing their status, limited to
// the caller's scope. HTTP-free; the handlers in api/reports map its results.
//
// Scope rule: a report belongs to its station; a report or station outside the caller's scope is
// answered kNotFound, exactly as if it did not exist. Every status change is audited
// ("report.status", object "report:<id>"), also when it fails.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/audit/auditor.h"
#include "domain/reports/report_repository.h"
#include "domain/stations/station_directory.h"

namespace yz {

struct ReportView {
  Report report;
  std::string station_name;
};

class ReportService {
 public:
  // REQUIRES: all three outlive this object. Thread-safe.
  ReportService(ReportRepository& reports, StationDirectory& directory, Auditor& auditor)
      : reports_(reports), directory_(directory), auditor_(auditor) {}

  // The reports of stations in scope, newest first, at most `limit`; only those of `station`
  // when it is not empty (a station unknown or outside the scope → kNotFound), only those with
  // `status` when given.
  Result<std::vector<ReportView>> List(const Principal& who, std::string_view station,
                                       std::optional<ReportStatus> status,
                                       std::size_t limit = 1000) const;

  // Sets the status of report `id`; the report as it now stands.
  Result<ReportView> SetStatus(const Caller& who, std::string_view id, ReportStatus status);

 private:
  ReportRepository& reports_;
  StationDirectory& directory_;
  Auditor& auditor_;
};

}  // namespace yz
