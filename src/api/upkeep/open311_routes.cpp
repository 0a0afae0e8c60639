#include "api/upkeep/open311_routes.h"

#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "api/upkeep/report_photo_routes.h"
#include "core/date.h"
#include "core/text.h"
#include "domain/checkins/report_number.h"
#include "domain/stations/search/search_query.h"
#include "http/query.h"

namespace yz {
namespace {

constexpr std::string_view kJson = "application/json; charset=utf-8";
constexpr double kNearestStationMeters = 200.0;

// GeoReport v2's error shape: [{"code": <HTTP status>, "description": "…"}].
HttpResponse Open311Error(int status, std::string_view description) {
  boost::json::array body{boost::json::object{{"code", status}, {"description", description}}};
  return HttpResponse{status, std::string(kJson), boost::json::serialize(body), {}};
}

HttpResponse Open311Error(const Error& e) {
  switch (e.code) {
    case ErrorCode::kInvalidArgument:
      return Open311Error(400, e.message);
    case ErrorCode::kNotFound:
      return Open311Error(404, e.message);
    case ErrorCode::kConflict:
      return Open311Error(409, e.message);
    case ErrorCode::kRateLimited:
      return Open311Error(429, e.message);
    case ErrorCode::kUnavailable:
      return Open311Error(503, e.message);
    default:
      return Open311Error(500, "服务器内部错误 / internal error");
  }
}

HttpResponse Json(int status, const boost::json::value& body) {
  return HttpResponse{status, std::string(kJson), boost::json::serialize(body), {}};
}

// "{name}.json" → name; anything else (another format, no suffix) → nullopt.
std::optional<std::string_view> WithoutJsonSuffix(std::string_view segment) {
  if (!segment.ends_with(".json") || segment.size() == 5) return std::nullopt;
  return segment.substr(0, segment.size() - 5);
}

std::string_view ServiceDescription(ReportCategory c) {
  switch (c) {
    case ReportCategory::kFacility:
      return "驿站里的设施坏了：空调、饮水机、微波炉、卫生间等";
    case ReportCategory::kSupplies:
      return "驿站缺少物资：饮用水、急救药品、雨具等";
    case ReportCategory::kCleanliness:
      return "驿站卫生不好，需要清洁";
    case ReportCategory::kSafety:
      return "驿站有安全隐患：漏电、消防、门窗等";
    case ReportCategory::kSuggestion:
      return "对驿站的意见和建议";
    case ReportCategory::kOther:
      return "其他问题";
  }
  return "";
}

std::string_view ServiceKeywords(ReportCategory c) {
  switch (c) {
    case ReportCategory::kFacility:
      return "报修,设施,损坏";
    case ReportCategory::kSupplies:
      return "物资,药品,饮水";
    case ReportCategory::kCleanliness:
      return "卫生,清洁";
    case ReportCategory::kSafety:
      return "安全,隐患";
    case ReportCategory::kSuggestion:
      return "建议,意见";
    case ReportCategory::kOther:
      return "其他";
  }
  return "";
}

boost::json::object ServiceJson(ReportCategory c) {
  return {{"service_code", ReportCategoryCode(c)},
          {"service_name", ReportCategoryLabel(c)},
          {"description", ServiceDescription(c)},
          {"metadata", true},
          {"type", "realtime"},
          {"keywords", ServiceKeywords(c)},
          {"group", "户外劳动者服务站点"}};
}

HttpResponse Services() {
  boost::json::array out;
  for (int i = 0; i < kReportCategoryCount; ++i)
    out.emplace_back(ServiceJson(static_cast<ReportCategory>(i)));
  return Json(200, out);
}

HttpResponse ServiceDefinition(std::string_view segment) {
  const auto code = WithoutJsonSuffix(segment);
  const auto category = code ? ParseReportCategory(*code) : std::nullopt;
  if (!category) return Open311Error(404, "没有这项服务 / no such service_code");
  boost::json::array amenities;
  for (int i = 0; i < kAmenityCount; ++i) {
    const Amenity a = static_cast<Amenity>(i);
    amenities.emplace_back(boost::json::object{{"key", AmenityCode(a)}, {"name", AmenityLabel(a)}});
  }
  boost::json::array attributes{
      boost::json::object{
          {"variable", true},
          {"code", "station"},
          {"datatype", "string"},
          {"required", false},
          {"datatype_description",
           "站点编码（驿站二维码牌上的编码）；不填时按 lat、long 找 200 米内最近的开放站点"},
          {"order", 1},
          {"description", "站点编码"}},
      boost::json::object{{"variable", true},
                          {"code", "amenity"},
                          {"datatype", "singlevaluelist"},
                          {"required", false},
                          {"datatype_description", "问题涉及的设施"},
                          {"order", 2},
                          {"description", "设施"},
                          {"values", std::move(amenities)}}};
  return Json(200, boost::json::object{{"service_code", ReportCategoryCode(*category)},
                                       {"attributes", std::move(attributes)}});
}

// GeoReport v2: "a URL to media associated with the request, e.g. an image" — the reporter's
// first photo, absolute.
boost::json::object RequestJson(const PublicReport& r, const TimeZone& zone,
                                std::string_view public_url) {
  const auto when = [&](UtcTime t) { return FormatRfc3339(t, zone); };
  return {{"service_request_id", r.id},
          {"status", r.closed ? "closed" : "open"},
          {"status_notes", r.status_notes},
          {"service_name", ReportCategoryLabel(r.category)},
          {"service_code", ReportCategoryCode(r.category)},
          {"description", r.description},
          {"agency_responsible", r.agency},
          {"service_notice", nullptr},
          {"requested_datetime", when(r.requested)},
          {"updated_datetime", when(r.updated)},
          {"expected_datetime", r.expected ? boost::json::value(when(*r.expected)) : nullptr},
          // The station's street address (its name where the registry has none).
          {"address", r.station_address.empty() ? r.station_name : r.station_address},
          {"address_id", r.station_code},
          {"zipcode", nullptr},
          {"lat", r.station_location.lat.degrees()},
          {"long", r.station_location.lng.degrees()},
          {"media_url", r.photos.empty() ? boost::json::value(nullptr)
                                         : boost::json::value(std::string(public_url) +
                                                              ReportPhotoPath(r.id, r.photos[0]))}};
}

// A start_date or end_date: an ISO 8601 date-time with offset, or a date (the start of that day in
// station-local time).
std::optional<UtcTime> ParseWhen(std::string_view text, const TimeZone& zone) {
  if (auto t = ParseRfc3339(text)) return t;
  if (auto d = ParseDate(text)) {
    const auto days = std::chrono::sys_days(*d).time_since_epoch();
    return UtcTime(std::chrono::duration_cast<std::chrono::milliseconds>(days)) -
           std::chrono::minutes(zone.offset_minutes());
  }
  return std::nullopt;
}

std::vector<std::string> SplitIds(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view piece = Trim(text.substr(0, comma));
    if (!piece.empty()) out.emplace_back(piece);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

HttpResponse SearchRequests(PublicReportService& reports, const TimeZone& zone,
                            std::string_view public_url, const HttpRequest& request) {
  auto query = ParseTargetQuery(request.target);
  if (!query) return Open311Error(400, query.error().message);
  PublicReportQuery q;
  if (auto ids = query->Get("service_request_id")) {
    q.ids = SplitIds(*ids);
    if (q.ids.size() > 1000)
      return Open311Error(400, "service_request_id 至多 1000 个 / at most 1000 ids");
  }
  if (auto code = query->Get("service_code"); code && !code->empty()) {
    q.category = ParseReportCategory(*code);
    if (!q.category) return Open311Error(400, "未知的 service_code / unknown service_code");
  }
  if (auto status = query->Get("status"); status && !status->empty()) {
    if (*status != "open" && *status != "closed") {
      return Open311Error(400, "status 应为 open 或 closed / status must be open or closed");
    }
    q.closed = *status == "closed";
  }
  for (const auto& [name, target] :
       {std::pair{"start_date", &q.start}, std::pair{"end_date", &q.end}}) {
    if (auto text = query->Get(name); text && !text->empty()) {
      *target = ParseWhen(*text, zone);
      if (!*target) {
        return Open311Error(400,
                            fmt::format("{} 应为 ISO 8601 时间，如 2026-12-01T00:00:00+08:00 / "
                                        "{} must be an ISO 8601 date-time",
                                        name, name));
      }
    }
  }
  if (q.start && q.end && *q.end < *q.start) {
    return Open311Error(400, "end_date 早于 start_date / end_date is before start_date");
  }
  auto found = reports.Search(q);
  if (!found) return Open311Error(found.error());
  boost::json::array out;
  for (const PublicReport& r : *found) out.emplace_back(RequestJson(r, zone, public_url));
  return Json(200, out);
}

HttpResponse OneRequest(PublicReportService& reports, const TimeZone& zone,
                        std::string_view public_url, std::string_view segment) {
  const auto id = WithoutJsonSuffix(segment);
  if (!id || !NormalizeReportNumber(*id))
    return Open311Error(404, "没有这张报修单 / no such request");
  auto found = reports.Follow(*id, false);
  if (!found) return Open311Error(found.error());
  return Json(200, boost::json::array{RequestJson(*found, zone, public_url)});
}

// POST /requests.json: the form's fields, checked, as a ReportRequest. The station is
// attribute[station], or the nearest open station within 200 m of lat/long.
Result<ReportRequest> ParsePost(const HttpRequest& request, const StationDirectory& directory) {
  const std::string_view type = request.Header("content-type");
  if (!type.starts_with("application/x-www-form-urlencoded")) {
    return Error::InvalidArgument(
        "请用 application/x-www-form-urlencoded 提交 / the body must be form-encoded");
  }
  auto form = ParseQuery(request.body);
  if (!form) return form.error();
  for (const auto& [name, value] : form->items) {
    if (!IsValidUtf8(value))
      return Error::InvalidArgument(name + " 不是有效的 UTF-8 文本 / not UTF-8");
  }
  ReportRequest out;
  const auto code = form->Get("service_code");
  if (!code || code->empty())
    return Error::InvalidArgument("缺少 service_code / service_code is required");
  if (!ParseReportCategory(*code))
    return Error::InvalidArgument("未知的 service_code / unknown service_code");
  out.category = std::string(*code);
  const auto description = form->Get("description");
  if (!description) return Error::InvalidArgument("缺少 description / description is required");
  out.description = std::string(*description);
  if (auto amenity = form->Get("attribute[amenity]"); amenity && !amenity->empty()) {
    out.amenity = std::string(*amenity);
  }
  if (auto device = form->Get("device_id"); device && !device->empty())
    out.device_id = std::string(*device);

  const auto station = form->Get("attribute[station]");
  const auto lat_text = form->Get("lat");
  const auto lng_text = form->Get("long");
  if (station && !station->empty()) {
    out.station_code = std::string(*station);
    return out;
  }
  if (!lat_text || !lng_text || lat_text->empty() || lng_text->empty()) {
    return Error::InvalidArgument(
        "要给出 attribute[station]，或 lat 和 long / attribute[station] or lat and long is "
        "required");
  }
  double lat = 0, lng = 0;
  try {
    std::size_t used_lat = 0, used_lng = 0;
    lat = std::stod(std::string(*lat_text), &used_lat);
    lng = std::stod(std::string(*lng_text), &used_lng);
    if (used_lat != lat_text->size() || used_lng != lng_text->size())
      throw std::invalid_argument("");
  } catch (const std::exception&) {
    return Error::InvalidArgument(
        "lat、long 应为 WGS-84 经纬度数值 / lat and long must be numbers");
  }
  SearchQuery nearest;
  nearest.origin = GeoPoint{Latitude(lat), Longitude(lng)};
  if (!nearest.origin.IsValid()) {
    return Error::InvalidArgument("lat、long 超出范围 / lat or long out of range");
  }
  nearest.limit = 1;
  nearest.radius_m = kNearestStationMeters;
  const auto catalog = directory.Current();
  auto hits = catalog->Nearest(nearest);
  if (!hits) return hits.error();
  if (hits->empty()) {
    return Error::InvalidArgument(
        "200 米内没有开放的驿站，请写明站点编码 / no open station within 200 m");
  }
  out.station_code = hits->front().station->code;
  return out;
}

}  // namespace

void AddOpen311Routes(PublicRoutes& routes, const Open311Context& c) {
  PublicReportService& reports = c.reports;
  const TimeZone zone = c.zone;
  PublicApi& api = c.public_api;
  CheckinService& checkins = c.checkins;
  const StationDirectory& directory = c.directory;
  const std::string public_url = api.config().public_url;
  routes.Add("GET", "/open311/v2/services.json",
             SyncRouteHandler([](const HttpRequest&, const PathParams&) { return Services(); }));
  routes.Add("GET", "/open311/v2/services/{service}",
             SyncRouteHandler([](const HttpRequest&, const PathParams& p) {
               return ServiceDefinition(p.Get("service").value_or(""));
             }));
  routes.Add(
      "GET", "/open311/v2/requests.json",
      SyncRouteHandler([&reports, zone, public_url](const HttpRequest& r, const PathParams&) {
        return SearchRequests(reports, zone, public_url, r);
      }));
  routes.Add(
      "GET", "/open311/v2/requests/{request}",
      SyncRouteHandler([&reports, zone, public_url](const HttpRequest&, const PathParams& p) {
        return OneRequest(reports, zone, public_url, p.Get("request").value_or(""));
      }));
  routes.Add(
      "POST", "/open311/v2/requests.json",
      RouteHandler([&api, &checkins, &directory](HttpRequest&& request, PathParams&&,
                                                 HttpRespond respond) {
        auto parsed = ParsePost(request, directory);
        if (!parsed) return respond(Open311Error(parsed.error()));
        if (!api.AdmitWrite(request, parsed->device_id.value_or(""))) {
          HttpResponse r = Open311Error(429, "提交太频繁，请一分钟后再试 / too many requests");
          r.headers.emplace_back("Retry-After", "60");
          return respond(std::move(r));
        }
        checkins.SubmitReport(*parsed, [respond = std::move(respond)](Result<std::string> id) {
          if (!id) {
            // The station named does not exist: a bad value of the request, not a missing page.
            if (id.error().code == ErrorCode::kNotFound) {
              return respond(Open311Error(400, "没有这个站点编码 / unknown attribute[station]"));
            }
            return respond(Open311Error(id.error()));
          }
          const std::string notice = fmt::format(
              "已收到，报修单号 {}。可凭单号在“查进度”里查看处理情况。", FormatReportNumber(*id));
          respond(Json(201, boost::json::array{boost::json::object{{"service_request_id", *id},
                                                                   {"service_notice", notice},
                                                                   {"account_id", nullptr}}}));
        });
      }));
}

}  // namespace yz
