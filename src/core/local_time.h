// Station-local time. China has had no daylight-saving time since 1991, so a zone is a fixed
// offset from UTC, looked up by IANA name among the zones this software supports.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yz {

using UtcTime = std::chrono::sys_time<std::chrono::milliseconds>;

// Monday = 0 … Sunday = 6 (ISO order, as opening_hours writes Mo … Su).
struct LocalTime {
  int weekday = 0;         // 0..6, Monday first
  int minute_of_day = 0;   // 0..1439
  int64_t day_number = 0;  // days since 1970-01-01 in local time; consecutive days differ by 1
};

class TimeZone {
 public:
  // Known names: Asia/Shanghai (default), Asia/Chongqing, Asia/Harbin, Asia/Hong_Kong,
  // Asia/Macau, Asia/Taipei (all +08:00), Asia/Urumqi (+06:00), UTC (+00:00).
  static std::optional<TimeZone> FromName(std::string_view name);
  static TimeZone Shanghai() { return TimeZone("Asia/Shanghai", 8 * 60); }

  const std::string& name() const { return name_; }
  int offset_minutes() const { return offset_minutes_; }
  LocalTime ToLocal(UtcTime t) const;
  // The instant the local day holding `t` began (local midnight).
  UtcTime StartOfLocalDay(UtcTime t) const;

 private:
  TimeZone(std::string name, int offset_minutes)
      : name_(std::move(name)), offset_minutes_(offset_minutes) {}
  std::string name_;
  int offset_minutes_;
};

// The local month of `t` as "YYYY-MM" (the key of monthly figures).
std::string LocalMonth(UtcTime t, const TimeZone& zone);

// Parses an RFC 3339 date-time with an offset ("2026-07-01T08:30:00+08:00", "…Z", fractional
// seconds allowed). Anything else → nullopt.
std::optional<UtcTime> ParseRfc3339(std::string_view text);

// `t` as an RFC 3339 / ISO 8601 date-time in `zone`, to the second, with the zone's offset:
// "2026-12-07T12:34:56+08:00" ("…Z" for UTC).
std::string FormatRfc3339(UtcTime t, const TimeZone& zone);

}  // namespace yz
