// The public API of section 5 of the pinned contract (everything a worker's phone calls), as
// route handlers. Thin: parse and validate into typed requests, call the domain, map the result.
// Every method is safe to call from many server threads at once.
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "api/cached_answer.h"
#include "api/ops/metrics.h"
#include "api/public/nearby_items.h"
#include "api/rate_limiter.h"
#include "core/clock.h"
#include "core/crs.h"
#include "core/local_time.h"
#include "domain/checkins/checkin_service.h"
#include "domain/checkins/rating_book.h"
#include "domain/settings/public_address.h"
#include "domain/stations/station_directory.h"
#include "http/router.h"

namespace yz {

struct PublicApiConfig {
  // Base URL printed into QR codes and `checkin_url` ("https://yizhan.example.org"), no trailing
  // '/'.
  std::string public_url = "http://127.0.0.1:8080";
  // The same address as the console may change it while serving; null: made from `public_url`.
  std::shared_ptr<PublicAddress> address;
  // Station-local time, for `open_now`.
  TimeZone zone = TimeZone::Shanghai();
  PublicRateLimits limits;
  // The map tile source of the worker pages: "osm", "tianditu", "amap" or "none" (a plain
  // background: the pages still show stations, the list and the worker's position).
  std::string map_tiles = "osm";
  // Tianditu's key (天地图 token), needed when map_tiles is "tianditu".
  std::string tianditu_key;
  // Where the console stores station photos (AdminApiConfig::photo_dir).
  std::filesystem::path photo_dir = "./data/photos";
};

class PublicApi {
 public:
  PublicApi(StationDirectory& directory, CheckinService& checkins, RatingBook& ratings,
            const Clock& clock, Metrics& metrics, PublicApiConfig config);

  // GET /api/v1/stations/nearby
  HttpResponse Nearby(const HttpRequest& request, const PathParams& params) const;
  // GET /api/v1/stations/{code}
  HttpResponse StationDetail(const HttpRequest& request, const PathParams& params) const;
  // GET /media/stations/{code}/photos/{file}: a photo the station lists (image/jpeg).
  HttpResponse Photo(const HttpRequest& request, const PathParams& params) const;
  // GET /api/v1/stations.geojson: built once per registry generation, ratings version and minute
  // (its `open_now`, reported amenities and kit flags are as of its build, at most a minute old),
  // with its gzip, on a heavy-work thread; ETag and If-None-Match (api/cached_answer.h).
  void StationsGeoJson(HttpRequest&& request, PathParams&& params, HttpRespond respond);
  // POST /api/v1/stations/{code}/checkins
  void Checkin(HttpRequest&& request, PathParams&& params, HttpRespond respond);
  // POST /api/v1/checkins/{checkin_id}/rating
  void Rate(HttpRequest&& request, PathParams&& params, HttpRespond respond);
  // POST /api/v1/stations/{code}/reports
  void Report(HttpRequest&& request, PathParams&& params, HttpRespond respond);
  // GET /api/v1/stations/{code}/qr.svg and qr.png
  HttpResponse QrSvg(const HttpRequest& request, const PathParams& params) const;
  HttpResponse QrPng(const HttpRequest& request, const PathParams& params) const;
  // GET /s/{code}: the check-in page (HTML, Chinese, works before any script runs).
  HttpResponse CheckinPage(const HttpRequest& request, const PathParams& params) const;
  // GET /station/{code}: the station page (HTML, Chinese).
  HttpResponse StationPage(const HttpRequest& request, const PathParams& params) const;
  // GET /station/{code}/call: the call button. Redirects to tel:{phone}, so that the station's
  // full number is in no page or API answer and reaches only a phone that taps the button, within
  // PublicRateLimits::calls_per_address.
  HttpResponse CallStation(const HttpRequest& request, const PathParams& params);
  // GET /api/v1/config: what the pages need to know (map tile source and its coordinate system).
  HttpResponse PageConfig(const HttpRequest& request, const PathParams& params) const;

  const PublicApiConfig& config() const { return config_; }
  // The public writes' rate limits (PublicRateLimits): true when a write from this address (and
  // device, when not empty) may go ahead, counting it. Other public write routes (Open311) share
  // them.
  bool AdmitWrite(const HttpRequest& request, std::string_view device_key);
  // The station page's hook: the amenities of a station with an open ticket (shown 已报修).
  using ReportedAmenities = std::function<std::vector<Amenity>(std::string_view station)>;
  void SetReportedAmenities(ReportedAmenities source) { reported_amenities_ = std::move(source); }
  // And whether its first-aid kit holds an expired medicine (shown 需补药).
  using KitNeedsRestock = std::function<bool(std::string_view station)>;
  void SetKitNeedsRestock(KitNeedsRestock source) { kit_needs_restock_ = std::move(source); }
  // Bytes held by the precomputed nearby-answer fragments (for /metrics).
  std::size_t NearbyFragmentBytes() const { return nearby_items_.MemoryBytes(); }
  // `{public_url}/s/{code}`: what the station's QR code holds.
  std::string CheckinUrl(std::string_view code) const;

 private:
  // The station as a JSON item: StationToJson plus open_now at `at` and the rating.
  boost::json::object StationItem(const Station& s, Crs crs, const LocalTime& at) const;
  // False (and a 429 sent) when the caller is over a limit.
  bool WithinLimits(const HttpRequest& request, std::string_view device_key, HttpRespond& respond);

  ReportedAmenities reported_amenities_;
  KitNeedsRestock kit_needs_restock_;
  StationDirectory& directory_;
  CheckinService& checkins_;
  RatingBook& ratings_;
  const Clock& clock_;
  Metrics& metrics_;
  PublicApiConfig config_;
  RateLimiter device_limiter_;
  RateLimiter address_limiter_;
  RateLimiter call_limiter_;
  NearbyItemWriter nearby_items_;
  CachedAnswer geojson_{heavy_work_};
  // Heavy answers run here, one at a time, off the I/O threads. Declared last: destroyed first,
  // so that no job outlives what it uses.
  WorkPool heavy_work_{1, 64};
};

}  // namespace yz
