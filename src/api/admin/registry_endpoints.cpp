// Regions, hosts (co-building partners), the amenity standard and the dashboard, each limited to
// the caller's scope.
#include <map>

#include <boost/json/array.hpp>

#include "api/admin/admin_api.h"
#include "api/api_response.h"
#include "core/region_code.h"
#include "core/text.h"

namespace yz {
namespace {

// True when `region` matters to the caller: it lies in the scope, or it is an ancestor of a
// region of the scope or of the region of a station in scope (so that the console can show where
// the caller's stations belong).
bool RegionVisible(const Principal& p, std::string_view region, const std::vector<std::string>& station_regions) {
  if (p.CanReachRegion(region)) return true;
  for (const auto& mine : p.account.scope.regions) {
    if (RegionCovers(region, mine)) return true;
  }
  for (const auto& mine : station_regions) {
    if (RegionCovers(region, mine)) return true;
  }
  return false;
}

// The regions of the stations the caller reaches through its station codes.
std::vector<std::string> RegionsOfListedStations(const Principal& p, const StationCatalog& catalog) {
  std::vector<std::string> out;
  for (const auto& code : p.account.scope.stations) {
    if (const Station* s = catalog.Find(code); s != nullptr && !s->region.empty()) out.push_back(s->region);
  }
  return out;
}

}  // namespace

HttpResponse AdminApi::ListRegions(const AdminRequest& r) {
  auto regions = store_.regions().ListRegions();
  if (!regions) return ErrorReply(regions.error());
  const auto mine = RegionsOfListedStations(*r.principal, *directory_.Current());
  boost::json::array out;
  for (const Region& region : *regions) {
    if (!RegionVisible(*r.principal, region.code, mine)) continue;
    out.emplace_back(boost::json::object{{"code", region.code}, {"name", region.name},
                                         {"in_scope", r.principal->CanReachRegion(region.code)}});
  }
  return JsonReply(200, boost::json::object{{"regions", std::move(out)}});
}

HttpResponse AdminApi::SaveRegion(const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto code = RequiredString(*body, "code");
  if (!code) return ErrorReply(code.error());
  auto name = RequiredString(*body, "name");
  if (!name) return ErrorReply(name.error());
  if (!IsValidRegionCode(*code)) return ErrorReply(Error::InvalidArgument("code: not a region code"));
  const std::string_view trimmed = Trim(*name);
  if (trimmed.empty() || !IsValidUtf8(trimmed) || CountCodePoints(trimmed) > 100) {
    return ErrorReply(Error::InvalidArgument("name: 1 to 100 characters"));
  }
  if (!r.principal->CanReachRegion(*code)) {
    Audit(r, "region.save", "region:" + *code, AuditOutcome::kDenied, "outside scope");
    return ErrorReply(Error::NotFound("没有这个区域 / no such region in your scope"));
  }
  const Region region{*code, std::string(trimmed)};
  if (auto saved = store_.regions().SaveRegions(std::span(&region, 1)); !saved) return ErrorReply(saved.error());
  Audit(r, "region.save", "region:" + region.code, AuditOutcome::kSuccess, region.name);
  return JsonReply(200, boost::json::object{{"code", region.code}, {"name", region.name}});
}

HttpResponse AdminApi::ListHosts(const AdminRequest& r) {
  auto hosts = store_.hosts().ListHosts();
  if (!hosts) return ErrorReply(hosts.error());
  const auto mine = RegionsOfListedStations(*r.principal, *directory_.Current());
  boost::json::array out;
  for (const Host& h : *hosts) {
    if (!h.region.empty() && !RegionVisible(*r.principal, h.region, mine)) continue;
    out.emplace_back(boost::json::object{{"id", h.id}, {"name", h.name}, {"type", HostTypeCode(h.type)},
                                         {"type_label", HostTypeLabel(h.type)}, {"region", h.region}});
  }
  return JsonReply(200, boost::json::object{{"hosts", std::move(out)}});
}

HttpResponse AdminApi::AddHost(const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto name = RequiredString(*body, "name");
  if (!name) return ErrorReply(name.error());
  auto type = RequiredString(*body, "type");
  if (!type) return ErrorReply(type.error());
  auto region = OptionalString(*body, "region");
  if (!region) return ErrorReply(region.error());
  Host h;
  h.name = std::string(Trim(*name));
  if (h.name.empty() || !IsValidUtf8(h.name) || CountCodePoints(h.name) > 100) {
    return ErrorReply(Error::InvalidArgument("name: 1 to 100 characters"));
  }
  const auto parsed = ParseHostType(*type);
  if (!parsed) return ErrorReply(Error::InvalidArgument("type: unknown host type"));
  h.type = *parsed;
  h.region = region->value_or("");
  if (!h.region.empty() && !IsValidRegionCode(h.region)) return ErrorReply(Error::InvalidArgument("region: bad code"));
  if (!r.principal->CanReachRegion(h.region)) {
    return ErrorReply(Error::NotFound("没有这个区域 / no such region in your scope"));
  }
  auto id = store_.hosts().AddHost(h);
  if (!id) return ErrorReply(id.error());
  Audit(r, "host.create", "host:" + std::to_string(*id), AuditOutcome::kSuccess, h.name);
  return JsonReply(201, boost::json::object{{"id", *id}, {"name", h.name}, {"type", HostTypeCode(h.type)},
                                            {"region", h.region}});
}

HttpResponse AdminApi::Standard(const AdminRequest&) {
  auto standard = store_.standard().StandardAmenities();
  if (!standard) return ErrorReply(standard.error());
  boost::json::array list, all;
  for (Amenity a : *standard) list.emplace_back(boost::json::object{{"code", AmenityCode(a)}, {"label", AmenityLabel(a)}});
  for (int i = 0; i < kAmenityCount; ++i) {
    const auto a = static_cast<Amenity>(i);
    all.emplace_back(boost::json::object{{"code", AmenityCode(a)}, {"label", AmenityLabel(a)}});
  }
  boost::json::array services, host_types, levels, statuses;
  for (int i = 0; i < kServiceCount; ++i) {
    const auto s = static_cast<Service>(i);
    services.emplace_back(boost::json::object{{"code", ServiceCode(s)}, {"label", ServiceLabel(s)}});
  }
  for (int i = 0; i < kHostTypeCount; ++i) {
    const auto h = static_cast<HostType>(i);
    host_types.emplace_back(boost::json::object{{"code", HostTypeCode(h)}, {"label", HostTypeLabel(h)}});
  }
  for (int i = 0; i < kLevelCount; ++i) {
    const auto l = static_cast<Level>(i);
    levels.emplace_back(boost::json::object{{"code", LevelCode(l)}, {"label", LevelLabel(l)}});
  }
  for (int i = 0; i < kStationStatusCount; ++i) {
    const auto s = static_cast<StationStatus>(i);
    statuses.emplace_back(boost::json::object{{"code", StationStatusCode(s)}, {"label", StationStatusLabel(s)}});
  }
  return JsonReply(200, boost::json::object{{"standard", std::move(list)},
                                            {"amenities", std::move(all)},
                                            {"services", std::move(services)},
                                            {"host_types", std::move(host_types)},
                                            {"levels", std::move(levels)},
                                            {"statuses", std::move(statuses)}});
}

HttpResponse AdminApi::Dashboard(const AdminRequest& r) {
  auto all = store_.stations().ListStations();
  if (!all) return ErrorReply(all.error());
  auto regions = store_.regions().ListRegions();
  if (!regions) return ErrorReply(regions.error());
  const UtcTime now = clock_.Now();
  const int64_t offset_ms = int64_t{config_.zone.offset_minutes()} * 60'000;
  const int64_t local_ms = ToEpochMillis(now) + offset_ms;
  const UtcTime midnight = FromEpochMillis(local_ms - local_ms % 86'400'000 - offset_ms);  // local midnight
  auto today = store_.operations().CheckinCountsSince(midnight);
  if (!today) return ErrorReply(today.error());
  auto open_reports = store_.operations().ListAllReports(ReportStatus::kOpen);
  if (!open_reports) return ErrorReply(open_reports.error());

  std::map<std::string, int64_t> by_status, by_level, by_host, by_region;
  std::unordered_map<std::string, std::string> region_of;
  int64_t stations = 0, checkins = 0, broken = 0;
  for (const Station& s : *all) {
    if (!r.principal->CanReachStation(s.code, s.region)) continue;
    ++stations;
    region_of.emplace(s.code, s.region);
    ++by_status[std::string(StationStatusCode(s.status))];
    ++by_level[std::string(LevelCode(s.level))];
    ++by_host[s.host_type ? std::string(HostTypeCode(*s.host_type)) : "unknown"];
    ++by_region[s.region.size() >= 9 ? s.region.substr(0, 9) : s.region];
    if (auto it = today->find(s.code); it != today->end()) checkins += it->second;
    for (const auto& a : s.amenities) broken += a.state != AmenityState::kWorking;
  }
  int64_t reports = 0;
  for (const Report& rep : *open_reports) reports += region_of.contains(rep.station_code);
  std::unordered_map<std::string, std::string> region_names;
  for (const Region& region : *regions) region_names.emplace(region.code, region.name);
  const auto counts = [](const std::map<std::string, int64_t>& m) {
    boost::json::object o;
    for (const auto& [k, v] : m) o[k] = v;
    return o;
  };
  boost::json::array region_rows;
  for (const auto& [code, count] : by_region) {
    const auto name = region_names.find(code);
    region_rows.emplace_back(boost::json::object{
        {"code", code}, {"name", name == region_names.end() ? code : name->second}, {"stations", count}});
  }
  return JsonReply(200, boost::json::object{{"stations", stations},
                                            {"checkins_today", checkins},
                                            {"open_reports", reports},
                                            {"amenities_out_of_order", broken},
                                            {"by_status", counts(by_status)},
                                            {"by_level", counts(by_level)},
                                            {"by_host_type", counts(by_host)},
                                            {"by_region", std::move(region_rows)}});
}

}  // namespace yz
