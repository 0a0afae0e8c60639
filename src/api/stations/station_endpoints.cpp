// GET /api/v1/admin/stations (filters region, status, q), GET/PATCH /api/v1/admin/stations/{code},
// POST /api/v1/admin/stations.
#include <fmt/format.h>

#include <boost/json/array.hpp>

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
  auto listed = c.service.List(*r.principal, filter);
  if (!listed) return ErrorReply(listed.error());
  boost::json::array out;
  for (const Station& s : *listed) out.emplace_back(AdminStationJson(s, false));
  return JsonReply(200, boost::json::object{{"stations", std::move(out)}});
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
  std::string changed;
  for (const auto& [key, value] : *body) {
    if (!changed.empty()) changed += ",";
    changed += std::string_view(key);
  }
  auto updated = c.service.Update(
      CallerOf(r), r.Param("code"),
      [&](const Station& before) { return StationFromJson(*body, &before); }, changed);
  if (!updated) return ErrorReply(updated.error());
  return JsonReply(200, AdminStationJson(*updated, false));
}

}  // namespace yz::station_admin
