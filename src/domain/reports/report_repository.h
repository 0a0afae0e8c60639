// What the console reads and changes about the workers' reports. The public write path (a worker
// files a report) goes through CheckinRepository::RecordReport, the group-commit writer's queue.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/checkins/checkin.h"

namespace yz {

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  // Every report, newest first (ties by id), with status `status` when given.
  virtual Result<std::vector<Report>> ListAllReports(std::optional<ReportStatus> status) = 0;
  virtual Result<std::optional<Report>> FindReport(std::string_view id) = 0;
  // Unknown id → kNotFound.
  virtual Result<void> SetReportStatus(std::string_view id, ReportStatus status) = 0;
};

}  // namespace yz
