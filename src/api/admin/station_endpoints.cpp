// GET /api/v1/admin/stations (filters region, status, q), GET/PATCH /api/v1/admin/stations/{code},
// POST /api/v1/admin/stations.
#include <algorithm>

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include "api/admin/admin_api.h"
#include "api/admin/station_input.h"
#include "api/api_response.h"
#include "api/station_json.h"
#include "core/region_code.h"

namespace yz {
namespace {

boost::json::object AdminStationJson(const Station& s, bool show_phone) {
  boost::json::object o = StationToJson(s, {.crs = Crs::kWgs84, .include_status = true, .show_phone = show_phone,
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
    photos.emplace_back(boost::json::object{{"file", p.path.substr(slash == std::string::npos ? 0 : slash + 1)},
                                            {"caption", p.caption}});
  }
  o["photos"] = std::move(photos);
  return o;
}

bool Matches(const Station& s, std::string_view region, std::optional<StationStatus> status, std::string_view q) {
  if (!region.empty() && !RegionCovers(region, s.region)) return false;
  if (status && s.status != *status) return false;
  if (!q.empty() && s.code.find(q) == std::string::npos && s.name.find(q) == std::string::npos &&
      s.address.find(q) == std::string::npos) {
    return false;
  }
  return true;
}

Error NotFound() { return Error::NotFound("没有这个站点 / no such station"); }

}  // namespace

HttpResponse AdminApi::ListStations(const AdminRequest& r) {
  const std::string region = r.Query("region"), status_text = r.Query("status"), q = r.Query("q");
  std::optional<StationStatus> status;
  if (!status_text.empty()) {
    status = ParseStationStatus(status_text);
    if (!status) return ErrorReply(Error::InvalidArgument("status: unknown station status"));
  }
  if (!region.empty() && !IsValidRegionCode(region)) return ErrorReply(Error::InvalidArgument("region: bad code"));
  auto all = store_.stations().ListStations();
  if (!all) return ErrorReply(all.error());
  boost::json::array out;
  for (const Station& s : *all) {
    if (!r.principal->CanReachStation(s.code, s.region) || !Matches(s, region, status, q)) continue;
    out.emplace_back(AdminStationJson(s, false));
  }
  return JsonReply(200, boost::json::object{{"stations", std::move(out)}});
}

HttpResponse AdminApi::GetStation(const AdminRequest& r) {
  const auto catalog = directory_.Current();
  const Station* s = FindInScope(*catalog, r, r.Param("code"));
  if (s == nullptr) return ErrorReply(NotFound());
  const bool reveal = r.Query("reveal") == "phone";
  if (reveal && !MaySeePhones(*r.principal)) {
    return ErrorReply({ErrorCode::kForbidden, "您的角色不能查看完整电话 / your role may not see phone numbers"});
  }
  if (reveal) Audit(r, "station.phone_view", "station:" + s->code, AuditOutcome::kSuccess);
  // Photos are read from the store: the catalog holds them too, but the store is the reference.
  auto stored = store_.stations().FindStation(s->code);
  if (!stored) return ErrorReply(stored.error());
  if (!*stored) return ErrorReply(NotFound());
  return JsonReply(200, AdminStationJson(**stored, reveal));
}

HttpResponse AdminApi::CreateStation(const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto station = StationFromJson(*body, nullptr);
  if (!station) {
    Audit(r, "station.create", "", AuditOutcome::kFailed, station.error().message);
    return ErrorReply(station.error());
  }
  const std::string object = "station:" + station->code;
  if (!r.principal->CanReachStation(station->code, station->region)) {
    Audit(r, "station.create", object, AuditOutcome::kDenied, "region outside scope");
    return ErrorReply(Error::NotFound("没有这个区域 / no such region in your scope"));
  }
  if (station->host_id) {
    auto hosts = store_.hosts().ListHosts();
    if (!hosts) return ErrorReply(hosts.error());
    if (std::none_of(hosts->begin(), hosts->end(), [&](const Host& h) { return h.id == *station->host_id; })) {
      return ErrorReply(Error::InvalidArgument("host_id: no such host"));
    }
  }
  auto existing = store_.stations().FindStation(station->code);
  if (!existing) return ErrorReply(existing.error());
  if (*existing) {
    Audit(r, "station.create", object, AuditOutcome::kFailed, "code taken");
    return ErrorReply(Error::Conflict("站点编号已被使用 / this station code is taken"));
  }
  if (auto saved = SaveStations(std::span(&*station, 1)); !saved) {
    Audit(r, "station.create", object, AuditOutcome::kFailed, saved.error().message);
    return ErrorReply(saved.error());
  }
  Audit(r, "station.create", object, AuditOutcome::kSuccess, station->name);
  return JsonReply(201, AdminStationJson(*station, false));
}

HttpResponse AdminApi::PatchStation(const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto stored = store_.stations().FindStation(r.Param("code"));
  if (!stored) return ErrorReply(stored.error());
  if (!*stored || !r.principal->CanReachStation((*stored)->code, (*stored)->region)) return ErrorReply(NotFound());
  const Station& before = **stored;
  const std::string object = "station:" + before.code;
  auto after = StationFromJson(*body, &before);
  if (!after) {
    Audit(r, "station.update", object, AuditOutcome::kFailed, after.error().message);
    return ErrorReply(after.error());
  }
  if (after->region != before.region) {
    if (r.principal->role() == Role::kStationManager) {
      Audit(r, "station.update", object, AuditOutcome::kDenied, "region change by a station manager");
      return ErrorReply({ErrorCode::kForbidden, "站点负责人不能更改所属区域 / a station manager cannot move a station"});
    }
    if (!r.principal->CanReachStation(after->code, after->region)) {
      Audit(r, "station.update", object, AuditOutcome::kDenied, "region outside scope");
      return ErrorReply(Error::NotFound("没有这个区域 / no such region in your scope"));
    }
  }
  if (after->host_id && after->host_id != before.host_id) {
    auto hosts = store_.hosts().ListHosts();
    if (!hosts) return ErrorReply(hosts.error());
    if (std::none_of(hosts->begin(), hosts->end(), [&](const Host& h) { return h.id == *after->host_id; })) {
      return ErrorReply(Error::InvalidArgument("host_id: no such host"));
    }
  }
  std::string changed;
  for (const auto& [key, value] : *body) {
    if (!changed.empty()) changed += ",";
    changed += std::string_view(key);
  }
  if (!SameStation(*after, before) || after->host_id != before.host_id) {
    if (auto saved = SaveStations(std::span(&*after, 1)); !saved) {
      Audit(r, "station.update", object, AuditOutcome::kFailed, saved.error().message);
      return ErrorReply(saved.error());
    }
  }
  Audit(r, "station.update", object, AuditOutcome::kSuccess, "fields: " + changed);
  return JsonReply(200, AdminStationJson(*after, false));
}

}  // namespace yz
