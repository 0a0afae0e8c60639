#include "api/public/public_api.h"

#include <fmt/format.h>

#include "api/api_response.h"
#include "api/station_json.h"

namespace yz {

PublicApi::PublicApi(StationDirectory& directory, CheckinService& checkins, RatingBook& ratings,
                     const Clock& clock, Metrics& metrics, PublicApiConfig config)
    : directory_(directory),
      checkins_(checkins),
      ratings_(ratings),
      clock_(clock),
      metrics_(metrics),
      config_(std::move(config)),
      device_limiter_(config_.limits.per_device, clock),
      address_limiter_(config_.limits.per_address, clock),
      call_limiter_(config_.limits.calls_per_address, clock),
      nearby_items_(directory) {
  while (!config_.public_url.empty() && config_.public_url.back() == '/')
    config_.public_url.pop_back();
  if (!config_.address) config_.address = std::make_shared<PublicAddress>(config_.public_url);
}

std::string PublicApi::CheckinUrl(std::string_view code) const {
  return fmt::format("{}/s/{}", config_.address->Get(), code);
}

boost::json::object PublicApi::StationItem(const Station& s, Crs crs, const LocalTime& at) const {
  StationJsonOptions options;
  options.crs = crs;
  options.include_status = false;
  boost::json::object o = StationToJson(s, options);
  const auto open = s.opening_hours.IsOpen(at);
  o["open_now"] = open ? boost::json::value(*open) : boost::json::value(nullptr);
  const StationRating rating = ratings_.Get(s.code);
  o["rating"] = boost::json::object{{"average", rating.average ? boost::json::value(*rating.average)
                                                               : boost::json::value(nullptr)},
                                    {"count", rating.count}};
  return o;
}

bool PublicApi::AdmitWrite(const HttpRequest& request, std::string_view device_key) {
  if (!config_.limits.enabled) return true;
  const bool address_ok = address_limiter_.Allow(request.remote_address);
  const bool device_ok = device_key.empty() || device_limiter_.Allow(device_key);
  return address_ok && device_ok;
}

bool PublicApi::WithinLimits(const HttpRequest& request, std::string_view device_key,
                             HttpRespond& respond) {
  if (AdmitWrite(request, device_key)) return true;
  HttpResponse r = ErrorReply({ErrorCode::kRateLimited, "too many requests: please wait a minute"});
  r.headers.emplace_back("Retry-After", "60");
  respond(std::move(r));
  return false;
}

}  // namespace yz
