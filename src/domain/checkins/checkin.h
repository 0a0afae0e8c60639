// What workers leave at a station: check-ins (签到), satisfaction ratings (满意度评价) and
// reports of problems (报修 / 反馈).
#pragma once

#include <optional>
#include <string>

#include "core/local_time.h"
#include "domain/stations/codes.h"

namespace yz {

// A worker's check-in. Anonymous: the device is kept only as a keyed hash, for the 30-minute
// idempotency rule.
struct Checkin {
  std::string id;  // random, URL-safe
  std::string station_code;
  WorkerCategory category = WorkerCategory::kOther;
  std::string device_hash;        // keyed hash of the device id; "" when none was given
  std::string rating_token_hash;  // keyed hash of the rating token handed to the worker
  UtcTime at;
  // "YYYY-MM", the station-local month of `at`: the key of the month figures the store keeps
  // with every check-in (not stored on the row; "" counts in China's time, +08:00).
  std::string local_month;
  friend bool operator==(const Checkin&, const Checkin&) = default;
};

struct Rating {
  std::string checkin_id;  // one rating per check-in
  std::string station_code;
  int stars = 0;        // 1..5
  std::string comment;  // at most 500 code points; may be empty
  UtcTime at;
  std::string local_month;  // as Checkin::local_month
};

enum class ReportCategory : uint8_t {
  kFacility,
  kSupplies,
  kCleanliness,
  kSafety,
  kSuggestion,
  kOther
};
inline constexpr int kReportCategoryCount = 6;
std::string_view ReportCategoryCode(ReportCategory c);   // "facility", …
std::string_view ReportCategoryLabel(ReportCategory c);  // "设施损坏", …
std::optional<ReportCategory> ParseReportCategory(std::string_view code);

struct Report {
  std::string id;
  std::string station_code;
  ReportCategory category = ReportCategory::kOther;
  std::optional<Amenity> amenity;  // the facility concerned, if any
  std::string description;         // 1..1000 code points
  std::string device_hash;         // keyed hash of the device id; "" when none was given
  int local_month = 1;  // 1..12, the station-local month of `at` (seasonal service levels)
  UtcTime at;
};
// A report is the first state of its maintenance ticket (domain/upkeep); its status and what
// follows live there. Its id is a report number a person can read out
// (domain/checkins/report_number.h).

// Milliseconds since the Unix epoch, the stored form of every instant.
inline int64_t ToEpochMillis(UtcTime t) { return t.time_since_epoch().count(); }
inline UtcTime FromEpochMillis(int64_t ms) { return UtcTime(std::chrono::milliseconds(ms)); }

}  // namespace yz
