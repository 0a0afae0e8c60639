// The rules of checking in, rating and reporting (public-api.md section 5), without HTTP:
//   - check-ins only at open stations; the same device at the same station within 30 minutes of
//     its first check-in there gets that check-in back (no new record), whatever the category;
//   - one rating per check-in, proven by the token handed out with the check-in;
//   - reports name a category, optionally an amenity, and 1–1000 characters of description.
// Every answer is given only once the record is durable. Callbacks run on a store thread.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "domain/checkins/checkin_repository.h"
#include "domain/checkins/rating_book.h"
#include "domain/stations/station_directory.h"

namespace yz {

struct CheckinConfig {
  // The idempotency window of the contract.
  std::chrono::milliseconds repeat_window = std::chrono::minutes(30);
  // Longest device_id accepted (characters); longer → invalid_argument.
  std::size_t max_device_id = 128;
  // The same report (station, category, amenity) from the same device within this window, while
  // its ticket is open, is that report again.
  std::chrono::milliseconds report_repeat_window = std::chrono::hours(24);
  // Station-local time, for the month that picks a seasonal service level.
  TimeZone zone = TimeZone::Shanghai();
};

struct CheckinRequest {
  std::string station_code;
  std::string worker_category;  // a code of the contract
  std::optional<std::string> device_id;
};

struct CheckinAnswer {
  std::string checkin_id;
  std::string rating_token;
  bool created = false;  // false: a repeat within the window (HTTP 200 instead of 201)
};

struct RatingRequest {
  std::string checkin_id;
  std::string token;
  int stars = 0;
  std::optional<std::string> comment;
};

struct ReportRequest {
  std::string station_code;
  std::string category;
  std::optional<std::string> amenity;
  std::string description;
  std::optional<std::string> device_id;
};

class CheckinService {
 public:
  // `hash_key`: the store's secret for hashing device ids and tokens (never logged).
  CheckinService(CheckinRepository& repository, StationDirectory& directory, RatingBook& ratings,
                 const Clock& clock, std::string hash_key, CheckinConfig config = {});

  // Errors: unknown station → not_found; station not open → conflict; bad category or
  // device_id → invalid_argument; store failure → its Error.
  void CheckIn(const CheckinRequest& request, std::function<void(Result<CheckinAnswer>)> done);

  // Errors, in this order: bad stars/comment → invalid_argument; unknown check-in → not_found;
  // wrong token → forbidden; already rated → conflict.
  void Rate(const RatingRequest& request, std::function<void(Result<void>)> done);

  // Errors: unknown station → not_found; bad category, amenity, description or device_id →
  // invalid_argument. Returns the report number (domain/checkins/report_number.h): a new one, or
  // that of the same open report from the same device (CheckinConfig::report_repeat_window).
  void SubmitReport(const ReportRequest& request, std::function<void(Result<std::string>)> done);
  // The keyed hash a device id is stored as (reports and check-ins): how a later request proves
  // it comes from the same phone without the id ever being stored.
  std::string DeviceHash(std::string_view device_id) const;

 private:
  // The rating token of a check-in is derived from its id and the secret, so a repeated check-in
  // can hand the same token back without storing it in clear.
  std::string TokenFor(std::string_view checkin_id) const;
  void StoreReport(Report report, int attempt, std::function<void(Result<std::string>)> done);

  CheckinRepository& repository_;
  StationDirectory& directory_;
  RatingBook& ratings_;
  const Clock& clock_;
  std::string hash_key_;
  CheckinConfig config_;
};

}  // namespace yz
