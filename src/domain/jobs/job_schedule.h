// When a timed job is due. A schedule cuts time into consecutive periods; a job runs once per
// period, and every server computes the same periods from the same instant, so the period's
// start (as PeriodKey text) names the period across servers.
#pragma once

#include <chrono>
#include <string>

#include "core/local_time.h"

namespace yz {

class JobSchedule {
 public:
  // Periods of length `every`, aligned on the Unix epoch: every 5 minutes starts at :00, :05 …
  // of each UTC hour; every 6 hours at 00:00, 06:00 … UTC.
  // REQUIRES: every >= 1 second (std::invalid_argument otherwise: a programming error).
  static JobSchedule Every(std::chrono::milliseconds every);
  // One period a day, starting at hour:minute station time in `zone`.
  // REQUIRES: 0 <= hour < 24, 0 <= minute < 60 (std::invalid_argument otherwise).
  static JobSchedule DailyAt(int hour, int minute, const TimeZone& zone);
  // One period a month, starting on day `day` at hour:minute station time in `zone`.
  // REQUIRES: 1 <= day <= 28 (every month has it), hour and minute as DailyAt.
  static JobSchedule MonthlyAt(int day, int hour, int minute, const TimeZone& zone);

  // The start of the period that contains `t`: the latest period start <= t.
  UtcTime PeriodStart(UtcTime t) const;
  // The start of the period after the one that contains `t`.
  UtcTime NextPeriodStart(UtcTime t) const;
  // For people: "每 5 分钟", "每天 08:30 (Asia/Shanghai)", "每月 1 日 02:00 (Asia/Shanghai)".
  std::string Describe() const;

 private:
  enum class Kind { kEvery, kDaily, kMonthly };
  JobSchedule(Kind kind, std::chrono::milliseconds every, int day, int minute_of_day, TimeZone zone)
      : kind_(kind),
        every_(every),
        day_(day),
        minute_of_day_(minute_of_day),
        zone_(std::move(zone)) {}

  Kind kind_;
  std::chrono::milliseconds every_;  // kEvery
  int day_;                          // kMonthly: day of the month
  int minute_of_day_;                // kDaily, kMonthly: local start
  TimeZone zone_;                    // kDaily, kMonthly
};

// The key of the period starting at `start`: its instant in UTC, RFC 3339 with whole seconds,
// "2026-07-01T00:30:00Z". Keys of one schedule sort as their periods do.
std::string PeriodKey(UtcTime start);

}  // namespace yz
