#include "domain/checkins/checkin_service.h"

#include <fmt/format.h>

#include "core/crypto.h"
#include "core/text.h"
#include "domain/checkins/report_number.h"

namespace yz {
namespace {

constexpr std::size_t kMaxComment = 500;
constexpr std::size_t kMaxDescription = 1000;
constexpr std::size_t kCheckinIdBytes = 12;  // 96 random bits → 16 characters
constexpr std::size_t kTokenChars = 32;

bool IsPrintableId(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  return IsValidUtf8(s);
}

}  // namespace

CheckinService::CheckinService(CheckinRepository& repository, StationDirectory& directory,
                               RatingBook& ratings, const Clock& clock, std::string hash_key,
                               CheckinConfig config)
    : repository_(repository),
      directory_(directory),
      ratings_(ratings),
      clock_(clock),
      hash_key_(std::move(hash_key)),
      config_(config) {}

std::string CheckinService::TokenFor(std::string_view checkin_id) const {
  return KeyedHashHex(hash_key_, fmt::format("rating-token:{}", checkin_id)).substr(0, kTokenChars);
}

void CheckinService::CheckIn(const CheckinRequest& request,
                             std::function<void(Result<CheckinAnswer>)> done) {
  const auto category = ParseWorkerCategory(request.worker_category);
  if (!category) {
    return done(Error::InvalidArgument(
        fmt::format("unknown worker_category '{}'", request.worker_category)));
  }
  if (request.device_id) {
    const auto& d = *request.device_id;
    if (d.empty() || d.size() > config_.max_device_id || !IsPrintableId(d)) {
      return done(Error::InvalidArgument(
          fmt::format("device_id must be 1 to {} printable characters", config_.max_device_id)));
    }
  }
  const auto catalog = directory_.Current();
  const Station* station = catalog->Find(request.station_code);
  if (!station) return done(Error::NotFound("no station with this code"));
  if (station->status != StationStatus::kOpen) {
    return done(Error::Conflict(
        fmt::format("the station is {}, not open", StationStatusCode(station->status))));
  }

  Checkin proposed;
  proposed.id = RandomToken(kCheckinIdBytes);
  proposed.station_code = station->code;
  proposed.category = *category;
  if (request.device_id)
    proposed.device_hash = KeyedHashHex(hash_key_, "device:" + *request.device_id);
  proposed.at = clock_.Now();
  proposed.local_month = LocalMonth(proposed.at, config_.zone);
  proposed.rating_token_hash = KeyedHashHex(hash_key_, TokenFor(proposed.id));
  repository_.RecordCheckin(
      proposed, config_.repeat_window,
      [this, done = std::move(done)](Result<CheckinOutcome> outcome) {
        if (!outcome) return done(outcome.error());
        done(CheckinAnswer{outcome->checkin.id, TokenFor(outcome->checkin.id), outcome->created});
      });
}

void CheckinService::Rate(const RatingRequest& request, std::function<void(Result<void>)> done) {
  if (request.stars < 1 || request.stars > 5)
    return done(Error::InvalidArgument("stars must be 1 to 5"));
  if (request.comment &&
      (!IsValidUtf8(*request.comment) || CountCodePoints(*request.comment) > kMaxComment)) {
    return done(
        Error::InvalidArgument(fmt::format("comment must be at most {} characters", kMaxComment)));
  }
  Rating rating;
  rating.checkin_id = request.checkin_id;
  rating.stars = request.stars;
  rating.comment = request.comment.value_or("");
  rating.at = clock_.Now();
  rating.local_month = LocalMonth(rating.at, config_.zone);
  // The check-in, its token and the one-rating rule are checked by the writer, in the rating's
  // own transaction: nothing here waits for the store.
  repository_.RecordRating(
      rating, KeyedHashHex(hash_key_, request.token),
      [this, stars = rating.stars, done = std::move(done)](Result<std::string> station) {
        if (!station) return done(station.error());
        ratings_.Add(*station, stars);
        done(Ok());
      });
}

void CheckinService::SubmitReport(const ReportRequest& request,
                                  std::function<void(Result<std::string>)> done) {
  const auto category = ParseReportCategory(request.category);
  if (!category) {
    return done(Error::InvalidArgument(
        "category must be one of facility, supplies, cleanliness, safety, suggestion, other"));
  }
  std::optional<Amenity> amenity;
  if (request.amenity) {
    amenity = ParseAmenity(*request.amenity);
    if (!amenity)
      return done(Error::InvalidArgument(fmt::format("unknown amenity '{}'", *request.amenity)));
  }
  const std::size_t length =
      IsValidUtf8(request.description) ? CountCodePoints(request.description) : 0;
  if (length < 1 || length > kMaxDescription) {
    return done(Error::InvalidArgument(
        fmt::format("description must be 1 to {} characters", kMaxDescription)));
  }
  const auto catalog = directory_.Current();
  const Station* station = catalog->Find(request.station_code);
  if (!station) return done(Error::NotFound("no station with this code"));

  if (request.device_id && request.device_id->size() > config_.max_device_id) {
    return done(Error::InvalidArgument(
        fmt::format("device_id must be at most {} characters", config_.max_device_id)));
  }

  Report report;
  report.station_code = station->code;
  report.category = *category;
  report.amenity = amenity;
  report.description = request.description;
  if (request.device_id)
    report.device_hash = KeyedHashHex(hash_key_, "device:" + *request.device_id);
  report.at = clock_.Now();
  const std::chrono::sys_days local_day{
      std::chrono::days(config_.zone.ToLocal(report.at).day_number)};
  report.local_month =
      static_cast<int>(static_cast<unsigned>(std::chrono::year_month_day(local_day).month()));
  StoreReport(std::move(report), 0, std::move(done));
}

std::string CheckinService::DeviceHash(std::string_view device_id) const {
  return KeyedHashHex(hash_key_, "device:" + std::string(device_id));
}

// Report numbers are random (report_number.h): one already taken is drawn again, a few times.
void CheckinService::StoreReport(Report report, int attempt,
                                 std::function<void(Result<std::string>)> done) {
  report.id = NewReportNumber();
  repository_.RecordReport(
      report, config_.report_repeat_window,
      [this, report, attempt, done = std::move(done)](Result<std::string> id) mutable {
        if (!id && id.error().code == ErrorCode::kConflict && attempt < 4) {
          return StoreReport(std::move(report), attempt + 1, std::move(done));
        }
        done(std::move(id));
      });
}

}  // namespace yz
