// Durable storage of check-ins, ratings and reports. Writes are asynchronous: `done` is called
// exactly once, on a store thread, after the record is durable (synced to disk on the embedded
// store, committed on PostgreSQL) or with the Error that prevented it. An acknowledged write
// survives the process being killed at any moment after `done`.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "domain/checkins/checkin.h"

namespace yz {

struct CheckinOutcome {
  Checkin checkin;  // the stored check-in: `proposed`, or the earlier one it repeats
  bool created = false;
};

struct RatingTotal {
  int64_t count = 0;
  int64_t stars_sum = 0;
};

class CheckinRepository {
 public:
  virtual ~CheckinRepository() = default;

  // Stores `proposed` unless a check-in of the same station and non-empty device_hash exists
  // with `at` ≥ proposed.at − window, in which case that one is returned with created = false.
  // Atomic with respect to concurrent calls (also across servers on PostgreSQL).
  virtual void RecordCheckin(const Checkin& proposed, std::chrono::milliseconds window,
                             std::function<void(Result<CheckinOutcome>)> done) = 0;

  virtual Result<std::optional<Checkin>> FindCheckin(std::string_view id) = 0;

  // Stores the rating of check-in `rating.checkin_id` when `token_hash` is that check-in's
  // rating_token_hash (compared in constant time), checking and writing in one transaction, off
  // the caller's thread: an unknown check-in → kNotFound, another hash → kForbidden, a rating
  // already stored → kConflict (in that order). The rating's station is the check-in's
  // (rating.station_code is not read); `done` receives it.
  virtual void RecordRating(const Rating& rating, std::string token_hash,
                            std::function<void(Result<std::string>)> done) = 0;

  // Stores `report` as a new ticket (status new, its region and the due time of the city's
  // service level for its category, amenity and local month, with an "opened" event) and passes
  // its id to `done`. When an open report of the same station, category, amenity and non-empty
  // device_hash was filed within `repeat_window`, nothing is stored and that report's id is
  // passed instead. An id already taken → kConflict (the caller draws another number).
  virtual void RecordReport(const Report& report, std::chrono::milliseconds repeat_window,
                            std::function<void(Result<std::string>)> done) = 0;

  // Reports of one station, newest first.
  virtual Result<std::vector<Report>> ListReports(std::string_view station_code) = 0;

  // Per station: the number of ratings and the sum of their stars.
  virtual Result<std::unordered_map<std::string, RatingTotal>> RatingTotals() = 0;

  // Number of check-ins stored (all stations), for tests and metrics.
  virtual Result<int64_t> CountCheckins() = 0;

  // Check-ins at or after `since`, per station code (the dashboard's day).
  virtual Result<std::unordered_map<std::string, int64_t>> CheckinCountsSince(UtcTime since) = 0;

  // Check-ins and ratings waiting for the writer (0 where the store has no queue).
  virtual std::size_t QueueDepth() const = 0;
};

}  // namespace yz
