#include "domain/jobs/job_schedule.h"

#include <fmt/format.h>

#include <stdexcept>

namespace yz {
namespace {

using std::chrono::days;
using std::chrono::milliseconds;
using std::chrono::minutes;

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void CheckTimeOfDay(int hour, int minute) {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    throw std::invalid_argument(fmt::format("job schedule: no time of day {}:{}", hour, minute));
  }
}

// Station-local instants are UTC instants shifted by the zone's fixed offset (local_time.h).
UtcTime ToLocal(UtcTime t, const TimeZone& zone) { return t + minutes(zone.offset_minutes()); }
UtcTime FromLocal(UtcTime local, const TimeZone& zone) {
  return local - minutes(zone.offset_minutes());
}

UtcTime MonthStart(std::chrono::year_month ym, int day, int minute_of_day) {
  const std::chrono::sys_days date{ym / std::chrono::day(static_cast<unsigned>(day))};
  return UtcTime(date) + minutes(minute_of_day);
}

}  // namespace

JobSchedule JobSchedule::Every(milliseconds every) {
  if (every < std::chrono::seconds(1)) {
    throw std::invalid_argument("job schedule: a period must last at least one second");
  }
  return JobSchedule(Kind::kEvery, every, 0, 0, TimeZone::Shanghai());
}

JobSchedule JobSchedule::DailyAt(int hour, int minute, const TimeZone& zone) {
  CheckTimeOfDay(hour, minute);
  return JobSchedule(Kind::kDaily, days(1), 0, hour * 60 + minute, zone);
}

JobSchedule JobSchedule::MonthlyAt(int day, int hour, int minute, const TimeZone& zone) {
  CheckTimeOfDay(hour, minute);
  if (day < 1 || day > 28) {
    throw std::invalid_argument(fmt::format("job schedule: day {} is not in 1..28", day));
  }
  return JobSchedule(Kind::kMonthly, days(1), day, hour * 60 + minute, zone);
}

UtcTime JobSchedule::PeriodStart(UtcTime t) const {
  switch (kind_) {
    case Kind::kEvery: {
      const int64_t n = FloorDiv(t.time_since_epoch().count(), every_.count());
      return UtcTime(milliseconds(n * every_.count()));
    }
    case Kind::kDaily: {
      // Shift so that the period start falls on a local midnight, then floor to whole days.
      const UtcTime shifted = ToLocal(t, zone_) - minutes(minute_of_day_);
      const UtcTime day_start = std::chrono::floor<days>(shifted);
      return FromLocal(day_start + minutes(minute_of_day_), zone_);
    }
    case Kind::kMonthly: {
      const UtcTime local = ToLocal(t, zone_);
      const std::chrono::year_month_day date{std::chrono::floor<days>(local)};
      std::chrono::year_month ym = date.year() / date.month();
      UtcTime start = MonthStart(ym, day_, minute_of_day_);
      if (local < start) {
        ym -= std::chrono::months(1);
        start = MonthStart(ym, day_, minute_of_day_);
      }
      return FromLocal(start, zone_);
    }
  }
  return t;
}

UtcTime JobSchedule::NextPeriodStart(UtcTime t) const {
  const UtcTime start = PeriodStart(t);
  switch (kind_) {
    case Kind::kEvery:
      return start + every_;
    case Kind::kDaily:
      return start + days(1);  // no daylight-saving time in the supported zones
    case Kind::kMonthly: {
      const std::chrono::year_month_day date{std::chrono::floor<days>(ToLocal(start, zone_))};
      const std::chrono::year_month next = date.year() / date.month() + std::chrono::months(1);
      return FromLocal(MonthStart(next, day_, minute_of_day_), zone_);
    }
  }
  return t;
}

std::string JobSchedule::Describe() const {
  const int hour = minute_of_day_ / 60;
  const int minute = minute_of_day_ % 60;
  switch (kind_) {
    case Kind::kEvery: {
      const int64_t ms = every_.count();
      if (ms % 3'600'000 == 0) return fmt::format("每 {} 小时", ms / 3'600'000);
      if (ms % 60'000 == 0) return fmt::format("每 {} 分钟", ms / 60'000);
      return fmt::format("每 {} 秒", ms / 1000);
    }
    case Kind::kDaily:
      return fmt::format("每天 {:02}:{:02} ({})", hour, minute, zone_.name());
    case Kind::kMonthly:
      return fmt::format("每月 {} 日 {:02}:{:02} ({})", day_, hour, minute, zone_.name());
  }
  return "";
}

std::string PeriodKey(UtcTime start) {
  const auto day = std::chrono::floor<days>(start);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(start - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

}  // namespace yz
