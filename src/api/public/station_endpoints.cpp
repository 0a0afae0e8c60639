// GET /api/v1/stations/{code}, GET /api/v1/stations.geojson and the stations' photos
#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "api/api_response.h"
#include "api/photo_files.h"
#include "api/public/public_api.h"
#include "api/station_json.h"
#include "domain/checkins/checkin.h"

namespace yz {

HttpResponse PublicApi::StationDetail(const HttpRequest&, const PathParams& params) const {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(params.Get("code").value_or(""));
  if (!s) return ErrorReply(Error::NotFound("no station with this code"));
  boost::json::object o = StationItem(*s, Crs::kWgs84, config_.zone.ToLocal(clock_.Now()));
  o["status"] = StationStatusCode(s->status);
  boost::json::array photos;
  for (std::size_t i = 0; i < s->photos.size(); ++i) {
    photos.emplace_back(boost::json::object{{"url", "/media/stations/" + s->code + "/photos/" +
                                                        std::string(PhotoFileName(s->photos[i]))},
                                            {"caption", s->photos[i].caption}});
  }
  o["photos"] = std::move(photos);
  o["checkin_url"] = CheckinUrl(s->code);
  return JsonReply(200, o);
}

HttpResponse PublicApi::Photo(const HttpRequest&, const PathParams& params) const {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(params.Get("code").value_or(""));
  if (s == nullptr) return ErrorReply(Error::NotFound("没有这张照片 / no such photo"));
  auto bytes = ReadStationPhoto(config_.photo_dir, *s, params.Get("file").value_or(""));
  if (!bytes) return ErrorReply(bytes.error());
  HttpResponse r;
  r.content_type = "image/jpeg";
  r.body = std::move(*bytes);
  // A file name is never reused for other content (uploads get fresh random names).
  r.headers.emplace_back("Cache-Control", "public, max-age=86400");
  return r;
}

void PublicApi::StationsGeoJson(HttpRequest&& request, PathParams&&, HttpRespond respond) {
  const UtcTime now = clock_.Now();
  const std::string key = fmt::format("g{:012}-r{:012}-m{:010}", directory_.Current()->generation(),
                                      ratings_.version(), ToEpochMillis(now) / 60'000);
  geojson_.Serve(
      request, key,
      [this] {
        const auto catalog = directory_.Current();
        const LocalTime at = config_.zone.ToLocal(clock_.Now());
        // Written feature by feature: a document tree of 200,000 features held over a gigabyte
        // while it was built; this holds the text and one feature.
        std::string text = R"({"type":"FeatureCollection","features":[)";
        text.reserve(catalog->open_count() * 560);
        bool first = true;
        catalog->ForEachOpen([&](const Station& s) {
          boost::json::object properties = StationItem(s, Crs::kWgs84, at);
          properties.erase("lat");
          properties.erase("lng");
          if (!first) text += ',';
          first = false;
          text += boost::json::serialize(boost::json::object{
              {"type", "Feature"},
              {"id", s.code},
              {"geometry",
               boost::json::object{{"type", "Point"},
                                   {"coordinates", boost::json::array{s.location.lng.degrees(),
                                                                      s.location.lat.degrees()}}}},
              {"properties", std::move(properties)}});
        });
        text += "]}";
        return CachedAnswer::Built{"application/geo+json", std::move(text)};
      },
      std::move(respond));
}

}  // namespace yz
