#include "core/local_time.h"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdlib>

namespace yz {
namespace {

constexpr int64_t kMillisPerMinute = 60'000;
constexpr int64_t kMillisPerDay = 86'400'000;
// 1970-01-01 was a Thursday: weekday 3 with Monday = 0.
constexpr int64_t kEpochWeekday = 3;

struct ZoneEntry {
  std::string_view name;
  int offset_minutes;
};

constexpr std::array<ZoneEntry, 8> kZones{{
    {"Asia/Shanghai", 8 * 60},
    {"Asia/Chongqing", 8 * 60},
    {"Asia/Harbin", 8 * 60},
    {"Asia/Hong_Kong", 8 * 60},
    {"Asia/Macau", 8 * 60},
    {"Asia/Taipei", 8 * 60},
    {"Asia/Urumqi", 6 * 60},
    {"UTC", 0},
}};

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Reads exactly `n` ASCII digits at `pos`; -1 when any of them is not a digit or out of range.
int Digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::optional<TimeZone> TimeZone::FromName(std::string_view name) {
  for (const ZoneEntry& zone : kZones) {
    if (zone.name == name) return TimeZone(std::string(zone.name), zone.offset_minutes);
  }
  return std::nullopt;
}

LocalTime TimeZone::ToLocal(UtcTime t) const {
  const int64_t local_ms = t.time_since_epoch().count() + offset_minutes_ * kMillisPerMinute;
  const int64_t day = FloorDiv(local_ms, kMillisPerDay);
  LocalTime out;
  out.day_number = day;
  out.minute_of_day = static_cast<int>((local_ms - day * kMillisPerDay) / kMillisPerMinute);
  out.weekday = static_cast<int>(day + kEpochWeekday - FloorDiv(day + kEpochWeekday, 7) * 7);
  return out;
}

// RFC 3339 section 5.6 `date-time`: full-date "T" full-time, where the 'T' and 'Z' may be
// lower case. The leap second 60 is rejected: it has no UtcTime.
std::optional<UtcTime> ParseRfc3339(std::string_view text) {
  if (text.size() < 20) return std::nullopt;
  const int year = Digits(text, 0, 4);
  const int month = Digits(text, 5, 2);
  const int day = Digits(text, 8, 2);
  const int hour = Digits(text, 11, 2);
  const int minute = Digits(text, 14, 2);
  const int second = Digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return std::nullopt;
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;

  std::size_t pos = 19;
  int64_t millis = 0;
  if (text[pos] == '.') {
    ++pos;
    const std::size_t first_digit = pos;
    int64_t scale = 100;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      millis += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == first_digit) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;

  int offset_minutes = 0;
  const char zone = text[pos];
  if (zone == 'Z' || zone == 'z') {
    if (pos + 1 != text.size()) return std::nullopt;
  } else if (zone == '+' || zone == '-') {
    if (pos + 6 != text.size() || text[pos + 3] != ':') return std::nullopt;
    const int offset_hour = Digits(text, pos + 1, 2);
    const int offset_minute = Digits(text, pos + 4, 2);
    if (offset_hour < 0 || offset_minute < 0 || offset_hour > 23 || offset_minute > 59) {
      return std::nullopt;
    }
    offset_minutes = (offset_hour * 60 + offset_minute) * (zone == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }

  const std::chrono::sys_days days{date};
  const int64_t local_ms = days.time_since_epoch().count() * kMillisPerDay +
                           ((hour * 60 + minute) * 60 + second) * int64_t{1000} + millis;
  return UtcTime{std::chrono::milliseconds{local_ms - offset_minutes * kMillisPerMinute}};
}

UtcTime TimeZone::StartOfLocalDay(UtcTime t) const {
  constexpr int64_t kDayMs = 86'400'000;
  const int64_t offset_ms = int64_t{offset_minutes_} * 60'000;
  const int64_t local_ms = t.time_since_epoch().count() + offset_ms;
  const int64_t day =
      local_ms >= 0 ? local_ms / kDayMs : (local_ms - kDayMs + 1) / kDayMs;  // floor
  return UtcTime(std::chrono::milliseconds(day * kDayMs - offset_ms));
}

std::string FormatRfc3339(UtcTime t, const TimeZone& zone) {
  using namespace std::chrono;
  const auto local = floor<seconds>(t) + minutes(zone.offset_minutes());
  const auto day = floor<days>(local);
  const year_month_day date(day);
  const hh_mm_ss clock(local - day);
  const int offset = zone.offset_minutes();
  const std::string suffix = offset == 0
                                 ? std::string("Z")
                                 : fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+',
                                               std::abs(offset) / 60, std::abs(offset) % 60);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count(),
                     suffix);
}

std::string LocalMonth(UtcTime t, const TimeZone& zone) {
  const std::chrono::year_month_day day{
      std::chrono::sys_days(std::chrono::days(zone.ToLocal(t).day_number))};
  return fmt::format("{:04}-{:02}", static_cast<int>(day.year()),
                     static_cast<unsigned>(day.month()));
}

}  // namespace yz
