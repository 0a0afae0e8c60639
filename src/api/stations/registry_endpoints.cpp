// Regions, hosts (co-building partners) and the amenity standard, each limited to the caller's
// scope by StationAdminService.
#include <boost/json/array.hpp>

#include "api/api_response.h"
#include "api/stations/station_admin_endpoints.h"

namespace yz::station_admin {

HttpResponse ListRegions(const StationAdminRouteContext& c, const AdminRequest& r) {
  auto regions = c.service.Regions(*r.principal);
  if (!regions) return ErrorReply(regions.error());
  boost::json::array out;
  for (const VisibleRegion& v : *regions) {
    out.emplace_back(boost::json::object{
        {"code", v.region.code}, {"name", v.region.name}, {"in_scope", v.in_scope}});
  }
  return JsonReply(200, boost::json::object{{"regions", std::move(out)}});
}

HttpResponse SaveRegion(const StationAdminRouteContext& c, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto code = RequiredString(*body, "code");
  if (!code) return ErrorReply(code.error());
  auto name = RequiredString(*body, "name");
  if (!name) return ErrorReply(name.error());
  auto saved = c.service.SaveRegion(CallerOf(r), *code, *name);
  if (!saved) return ErrorReply(saved.error());
  return JsonReply(200, boost::json::object{{"code", saved->code}, {"name", saved->name}});
}

HttpResponse ListHosts(const StationAdminRouteContext& c, const AdminRequest& r) {
  auto hosts = c.service.Hosts(*r.principal);
  if (!hosts) return ErrorReply(hosts.error());
  boost::json::array out;
  for (const Host& h : *hosts) {
    out.emplace_back(boost::json::object{{"id", h.id},
                                         {"name", h.name},
                                         {"type", HostTypeCode(h.type)},
                                         {"type_label", HostTypeLabel(h.type)},
                                         {"region", h.region}});
  }
  return JsonReply(200, boost::json::object{{"hosts", std::move(out)}});
}

HttpResponse AddHost(const StationAdminRouteContext& c, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto name = RequiredString(*body, "name");
  if (!name) return ErrorReply(name.error());
  auto type = RequiredString(*body, "type");
  if (!type) return ErrorReply(type.error());
  auto region = OptionalString(*body, "region");
  if (!region) return ErrorReply(region.error());
  const auto parsed = ParseHostType(*type);
  if (!parsed)
    return ErrorReply(Error::InvalidArgument("未知的共建单位类型 / type: unknown host type"));
  Host h;
  h.name = *name;
  h.type = *parsed;
  h.region = region->value_or("");
  auto added = c.service.AddHost(CallerOf(r), std::move(h));
  if (!added) return ErrorReply(added.error());
  return JsonReply(201, boost::json::object{{"id", added->id},
                                            {"name", added->name},
                                            {"type", HostTypeCode(added->type)},
                                            {"region", added->region}});
}

HttpResponse Standard(const StationAdminRouteContext& c, const AdminRequest&) {
  auto standard = c.service.StandardAmenities();
  if (!standard) return ErrorReply(standard.error());
  boost::json::array list, all;
  for (Amenity a : *standard)
    list.emplace_back(boost::json::object{{"code", AmenityCode(a)}, {"label", AmenityLabel(a)}});
  for (int i = 0; i < kAmenityCount; ++i) {
    const auto a = static_cast<Amenity>(i);
    all.emplace_back(boost::json::object{{"code", AmenityCode(a)}, {"label", AmenityLabel(a)}});
  }
  boost::json::array services, host_types, levels, statuses;
  for (int i = 0; i < kServiceCount; ++i) {
    const auto s = static_cast<Service>(i);
    services.emplace_back(
        boost::json::object{{"code", ServiceCode(s)}, {"label", ServiceLabel(s)}});
  }
  for (int i = 0; i < kHostTypeCount; ++i) {
    const auto h = static_cast<HostType>(i);
    host_types.emplace_back(
        boost::json::object{{"code", HostTypeCode(h)}, {"label", HostTypeLabel(h)}});
  }
  for (int i = 0; i < kLevelCount; ++i) {
    const auto l = static_cast<Level>(i);
    levels.emplace_back(boost::json::object{{"code", LevelCode(l)}, {"label", LevelLabel(l)}});
  }
  for (int i = 0; i < kStationStatusCount; ++i) {
    const auto s = static_cast<StationStatus>(i);
    statuses.emplace_back(
        boost::json::object{{"code", StationStatusCode(s)}, {"label", StationStatusLabel(s)}});
  }
  return JsonReply(200, boost::json::object{{"standard", std::move(list)},
                                            {"amenities", std::move(all)},
                                            {"services", std::move(services)},
                                            {"host_types", std::move(host_types)},
                                            {"levels", std::move(levels)},
                                            {"statuses", std::move(statuses)}});
}

}  // namespace yz::station_admin
