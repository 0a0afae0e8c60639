// GET /api/v1/admin/stations (filters region, status, q; optional paging offset, limit),
// POST /api/v1/admin/stations.
#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <charconv>
#include <tuple>

#include "api/api_response.h"
#include "api/station_json.h"
#include "api/stations/station_admin_endpoints.h"
#include "api/stations/station_input.h"

namespace yz::station_admin {
namespace {

boost::json::object AdminStationJson(const Station& s, bool show_phone) {
  boost::json::object o = StationToJson(s, {.crs = Crs::kWgs84,
                                            .include_status = true,
                                            .show_phone = show_phone,
                                            .include_admin_fields = true});
  boost::json::array all;
  for (const auto& a : s.amenities) {
    all.emplace_back(a.state == AmenityState::kWorking
                         ? std::string(AmenityCode(a.amenity))
                         : fmt::format("{}:{}", AmenityCode(a.amenity), AmenityStateCode(a.state)));
  }
  o["amenity_list"] = std::move(all);
  boost::json::array photos;
  for (const auto& p : s.photos) {
    const auto slash = p.path.rfind('/');
    photos.emplace_back(
        boost::json::object{{"file", p.path.substr(slash == std::string::npos ? 0 : slash + 1)},
                            {"caption", p.caption}});
  }
  o["photos"] = std::move(photos);
  return o;
}

}  // namespace

HttpResponse ListStations(const StationAdminRouteContext& c, const AdminRequest& r) {
  StationFilter filter{r.Query("region"), std::nullopt, r.Query("q")};
  if (const std::string status = r.Query("status"); !status.empty()) {
    filter.status = ParseStationStatus(status);
    if (!filter.status)
      return ErrorReply(Error::InvalidArgument("未知的站点状态 / status: unknown station status"));
  }
  // Pages on the server: a national registry is 200,000 stations (123 MB of JSON in one answer).
  // Without `limit`, every match (the contract's list).
  std::size_t offset = 0, limit = 0;
  for (const auto& [name, target, lowest, highest] :
       {std::tuple{"offset", &offset, 0, 10'000'000}, std::tuple{"limit", &limit, 1, 1000}}) {
    const std::string text = r.Query(name);
    if (text.empty()) continue;
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < lowest ||
        value > highest) {
      return ErrorReply(Error::InvalidArgument(
          fmt::format("{} 须为 {} 到 {} 的整数 / {}: a whole number from {} to {}", name, lowest,
                      highest, name, lowest, highest)));
    }
    *target = static_cast<std::size_t>(value);
  }
  auto listed = c.service.List(*r.principal, filter, offset, limit);
  if (!listed) return ErrorReply(listed.error());
  boost::json::array out;
  out.reserve(listed->stations.size());
  for (const Station& s : listed->stations) out.emplace_back(AdminStationJson(s, false));
  boost::json::object body{{"stations", std::move(out)}, {"total", listed->total}};
  if (limit > 0) {
    body["offset"] = offset;
    body["limit"] = limit;
  }
  return JsonReply(200, body);
}

HttpResponse GetStation(const StationAdminRouteContext& c, const AdminRequest& r) {
  const bool reveal = r.Query("reveal") == "phone";
  auto station = c.service.Get(CallerOf(r), r.Param("code"), reveal);
  if (!station) return ErrorReply(station.error());
  return JsonReply(200, AdminStationJson(*station, reveal));
}

HttpResponse CreateStation(const StationAdminRouteContext& c, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto created = c.service.Create(CallerOf(r), StationFromJson(*body, nullptr));
  if (!created) return ErrorReply(created.error());
  return JsonReply(201, AdminStationJson(*created, false));
}

HttpResponse PatchStation(const StationAdminRouteContext& c, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto updated = c.service.Update(CallerOf(r), r.Param("code"), [&](const Station& before) {
    return StationFromJson(*body, &before);
  });
  if (!updated) return ErrorReply(updated.error());
  return JsonReply(200, AdminStationJson(*updated, false));
}

}  // namespace yz::station_admin
