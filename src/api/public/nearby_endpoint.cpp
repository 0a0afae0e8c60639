// GET
// /api/v1/stations/nearby?lat=&lng=[&crs][&limit][&radius_m][&amenity][&service][&host_type][&open_now][&at][&min_stars]
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "api/api_response.h"
#include "api/public/public_api.h"
#include "http/query.h"

namespace yz {
namespace {

Result<double> ParseNumber(std::string_view name, std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    return Error::InvalidArgument(fmt::format("'{}' must be a number", name));
  }
  return v;
}

// Splits "a,b,c" and parses each code; an empty item or an unknown code → invalid_argument.
template <class Set, class ParseFn>
Result<void> ParseCodes(std::string_view name, std::string_view text, ParseFn parse, Set& set) {
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    const std::string_view item =
        text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    const auto code = parse(item);
    if (!code) return Error::InvalidArgument(fmt::format("unknown {} code '{}'", name, item));
    Include(set, *code);
    if (comma == std::string_view::npos) return Ok();
    start = comma + 1;
  }
}

struct NearbyRequest {
  SearchQuery query;
  Crs crs = Crs::kWgs84;
};

Result<NearbyRequest> ParseNearby(const QueryParams& q, const TimeZone& zone, UtcTime now) {
  NearbyRequest r;
  if (const auto crs = q.Get("crs")) {
    const auto parsed = ParseCrs(*crs);
    if (!parsed) return Error::InvalidArgument("'crs' must be wgs84, gcj02 or bd09");
    r.crs = *parsed;
  }
  const auto lat_text = q.Get("lat");
  const auto lng_text = q.Get("lng");
  if (!lat_text || !lng_text) return Error::InvalidArgument("'lat' and 'lng' are required");
  auto lat = ParseNumber("lat", *lat_text);
  if (!lat) return lat.error();
  auto lng = ParseNumber("lng", *lng_text);
  if (!lng) return lng.error();
  const GeoPoint given{Latitude(*lat), Longitude(*lng)};
  if (!given.lat.IsValid()) return Error::InvalidArgument("'lat' must be in [-90, 90]");
  if (!given.lng.IsValid()) return Error::InvalidArgument("'lng' must be in [-180, 180]");
  r.query.origin = ToWgs84(given, r.crs);

  if (const auto limit = q.Get("limit")) {
    int v = 0;
    const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), v);
    if (limit->empty() || ec != std::errc() || end != limit->data() + limit->size() ||
        v < kMinSearchLimit || v > kMaxSearchLimit) {
      return Error::InvalidArgument("'limit' must be an integer from 1 to 100");
    }
    r.query.limit = v;
  }
  if (const auto radius = q.Get("radius_m")) {
    auto v = ParseNumber("radius_m", *radius);
    if (!v) return v.error();
    if (*v <= 0) return Error::InvalidArgument("'radius_m' must be greater than 0");
    r.query.radius_m = *v;
  }
  if (const auto a = q.Get("amenity"))
    YZ_TRY(ParseCodes("amenity", *a, ParseAmenity, r.query.amenities));
  if (const auto s = q.Get("service"))
    YZ_TRY(ParseCodes("service", *s, ParseService, r.query.services));
  if (const auto h = q.Get("host_type"))
    YZ_TRY(ParseCodes("host_type", *h, ParseHostType, r.query.host_types));
  if (const auto open = q.Get("open_now")) {
    if (*open == "1" || *open == "true")
      r.query.open_now_only = true;
    else if (*open == "0" || *open == "false" || open->empty())
      r.query.open_now_only = false;
    else
      return Error::InvalidArgument("'open_now' must be 1 or 0");
  }
  if (const auto stars = q.Get("min_stars")) {
    // An extension of contract section 5: only stations graded at least this many stars.
    if (stars->size() != 1 || (*stars)[0] < '0' || (*stars)[0] > '5') {
      return Error::InvalidArgument("'min_stars' must be an integer from 0 to 5");
    }
    r.query.min_stars = (*stars)[0] - '0';
  }
  UtcTime at = now;
  if (const auto at_text = q.Get("at")) {
    const auto parsed = ParseRfc3339(*at_text);
    if (!parsed)
      return Error::InvalidArgument(
          "'at' must be an RFC 3339 date-time with offset, e.g. 2026-07-01T08:30:00+08:00");
    at = *parsed;
  }
  r.query.at = zone.ToLocal(at);
  YZ_TRY(r.query.Validate());
  return r;
}

}  // namespace

HttpResponse PublicApi::Nearby(const HttpRequest& request, const PathParams&) const {
  auto query = ParseTargetQuery(request.target);
  if (!query) return ErrorReply(query.error());
  auto parsed = ParseNearby(*query, config_.zone, clock_.Now());
  if (!parsed) return ErrorReply(parsed.error());
  const auto catalog = directory_.Current();
  thread_local std::vector<StationHit> hits;
  if (auto r = catalog->Nearest(parsed->query, hits); !r) return ErrorReply(r.error());
  HttpResponse r;
  r.status = 200;
  r.body.reserve(64 + hits.size() * 1024);
  r.body += "{\"stations\":[";
  nearby_items_.AppendItems(r.body, *catalog, hits, parsed->crs, ratings_);
  r.body += "]}";
  return r;
}

}  // namespace yz
