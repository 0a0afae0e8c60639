// What the console reads and changes about the workers' reports and the day's check-ins, beyond
// the public write path of CheckinRepository.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/local_time.h"
#include "core/result.h"
#include "domain/checkins/checkin.h"

namespace yz {

class OperationsRepository {
 public:
  virtual ~OperationsRepository() = default;
  // Every report, newest first (ties by id), with status `status` when given.
  virtual Result<std::vector<Report>> ListAllReports(std::optional<ReportStatus> status) = 0;
  virtual Result<std::optional<Report>> FindReport(std::string_view id) = 0;
  // Unknown id → kNotFound.
  virtual Result<void> SetReportStatus(std::string_view id, ReportStatus status) = 0;
  // Check-ins at or after `since`, per station code.
  virtual Result<std::unordered_map<std::string, int64_t>> CheckinCountsSince(UtcTime since) = 0;
};

}  // namespace yz
