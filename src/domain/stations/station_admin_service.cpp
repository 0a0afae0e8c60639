#include "domain/stations/station_admin_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "core/region_code.h"
#include "core/text.h"
#include "core/xlsx/xlsx_reader.h"
#include "domain/stations/station_change.h"

namespace yz {
namespace {

Error NoSuchStation() { return Error::NotFound("没有这个站点 / no such station"); }
Error NoSuchRegion() { return Error::NotFound("没有这个区域 / no such region in your scope"); }

bool Matches(const Station& s, const StationFilter& f) {
  if (!f.region.empty() && !RegionCovers(f.region, s.region)) return false;
  if (f.status && s.status != *f.status) return false;
  if (!f.text.empty() && s.code.find(f.text) == std::string::npos &&
      s.name.find(f.text) == std::string::npos && s.address.find(f.text) == std::string::npos) {
    return false;
  }
  return true;
}

// The regions of the stations the caller reaches through its station codes.
std::vector<std::string> RegionsOfListedStations(const Principal& p,
                                                 const StationCatalog& catalog) {
  std::vector<std::string> out;
  for (const auto& code : p.account.scope.stations) {
    if (const Station* s = catalog.Find(code); s != nullptr && !s->region.empty())
      out.push_back(s->region);
  }
  return out;
}

// True when `region` matters to the caller: it lies in the scope, or it is an ancestor of a
// region of the scope or of the region of a station in scope.
bool RegionVisible(const Principal& p, std::string_view region,
                   const std::vector<std::string>& station_regions) {
  if (p.CanReachRegion(region)) return true;
  for (const auto& mine : p.account.scope.regions) {
    if (RegionCovers(region, mine)) return true;
  }
  return std::any_of(station_regions.begin(), station_regions.end(),
                     [&](const std::string& mine) { return RegionCovers(region, mine); });
}

}  // namespace

bool StationAdminService::MaySeePhones(Role role) {
  return role == Role::kCityAdmin || role == Role::kRegionAdmin || role == Role::kStationManager;
}

Result<StationAdminService::Page> StationAdminService::List(const Principal& who,
                                                            const StationFilter& filter,
                                                            std::size_t offset, std::size_t limit) {
  if (!filter.region.empty() && !IsValidRegionCode(filter.region)) {
    return Error::InvalidArgument("区划代码有误 / region: bad code");
  }
  const auto catalog = directory_.Current();
  Page page;
  for (const Station* s : catalog->FirstByCode(catalog->size())) {
    if (!who.CanReachStation(s->code, s->region) || !Matches(*s, filter)) continue;
    if (page.total >= offset && (limit == 0 || page.stations.size() < limit)) {
      page.stations.push_back(*s);
    }
    ++page.total;
  }
  return page;
}

Result<Station> StationAdminService::Get(const Caller& who, std::string_view code,
                                         bool reveal_phone) {
  auto stored = stations_.FindStation(code);
  if (!stored) return stored.error();
  if (!*stored || !who.CanReachStation((*stored)->code, (*stored)->region)) return NoSuchStation();
  if (reveal_phone) {
    if (!MaySeePhones(who.role())) {
      return Error{ErrorCode::kForbidden,
                   "您的角色不能查看完整电话 / your role may not see phone numbers"};
    }
    auditor_.Record(who, "station.phone_view", "station:" + (*stored)->code,
                    AuditOutcome::kSuccess);
  }
  return std::move(**stored);
}

Result<void> StationAdminService::CheckHostExists(int64_t host_id) {
  auto hosts = hosts_.ListHosts();
  if (!hosts) return hosts.error();
  if (std::none_of(hosts->begin(), hosts->end(), [&](const Host& h) { return h.id == host_id; })) {
    return Error::InvalidArgument("没有这个共建单位 / host_id: no such host");
  }
  return Ok();
}

Result<Station> StationAdminService::Create(const Caller& who, Result<Station> proposed) {
  if (!proposed) {
    auditor_.Record(who, "station.create", "", AuditOutcome::kFailed, proposed.error().message);
    return proposed.error();
  }
  const std::string object = "station:" + proposed->code;
  if (!who.CanReachStation(proposed->code, proposed->region)) {
    auditor_.Record(who, "station.create", object, AuditOutcome::kDenied, "region outside scope");
    return NoSuchRegion();
  }
  if (proposed->host_id) YZ_TRY(CheckHostExists(*proposed->host_id));
  auto existing = stations_.FindStation(proposed->code);
  if (!existing) return existing.error();
  if (*existing) {
    auditor_.Record(who, "station.create", object, AuditOutcome::kFailed, "code taken");
    return Error::Conflict("站点编号已被使用 / this station code is taken");
  }
  if (auto saved = directory_.Save(std::span(&*proposed, 1)); !saved) {
    auditor_.Record(who, "station.create", object, AuditOutcome::kFailed, saved.error().message);
    return saved.error();
  }
  auditor_.Record(who, "station.create", object, AuditOutcome::kSuccess, proposed->name);
  return std::move(*proposed);
}

Result<Station> StationAdminService::Update(
    const Caller& who, std::string_view code,
    const std::function<Result<Station>(const Station&)>& apply, std::string_view reason) {
  auto stored = stations_.FindStation(code);
  if (!stored) return stored.error();
  if (!*stored || !who.CanReachStation((*stored)->code, (*stored)->region)) return NoSuchStation();
  const Station& before = **stored;
  const std::string object = "station:" + before.code;
  auto after = apply(before);
  if (!after) {
    auditor_.Record(who, "station.update", object, AuditOutcome::kFailed, after.error().message);
    return after.error();
  }
  if (after->region != before.region) {
    if (who.role() == Role::kStationManager) {
      auditor_.Record(who, "station.update", object, AuditOutcome::kDenied,
                      "region change by a station manager");
      return Error{ErrorCode::kForbidden,
                   "站点负责人不能更改所属区域 / a station manager cannot move a station"};
    }
    if (!who.CanReachStation(after->code, after->region)) {
      auditor_.Record(who, "station.update", object, AuditOutcome::kDenied, "region outside scope");
      return NoSuchRegion();
    }
  }
  if (after->host_id && after->host_id != before.host_id) YZ_TRY(CheckHostExists(*after->host_id));
  if (!SameStation(*after, before) || after->host_id != before.host_id) {
    if (auto saved = directory_.Save(std::span(&*after, 1)); !saved) {
      auditor_.Record(who, "station.update", object, AuditOutcome::kFailed, saved.error().message);
      return saved.error();
    }
  }
  std::string change = DescribeStationChange(before, *after);
  if (change.empty()) change = "没有改动";
  auditor_.Record(who, "station.update", object, AuditOutcome::kSuccess,
                  reason.empty() ? change : fmt::format("{}：{}", reason, change));
  return std::move(*after);
}

Result<std::variant<StationImportOutcome, ImportRefusal>> StationAdminService::Import(
    const Caller& who, std::string_view bytes, Crs crs) {
  using Answer = std::variant<StationImportOutcome, ImportRefusal>;
  // An upload has no file name: a workbook is known by its content (a zip archive).
  const SpreadsheetFormat format =
      LooksLikeXlsx(bytes) ? SpreadsheetFormat::kXlsx : SpreadsheetFormat::kCsv;
  ParsedStationFile parsed = ParseStationFile(bytes, crs, format);
  if (!parsed.errors.empty()) {
    auditor_.Record(who, "station.import", "", AuditOutcome::kFailed,
                    fmt::format("{} row errors", parsed.errors.size()));
    return Answer{ImportRefusal{std::move(parsed.errors)}};
  }
  // Scope first: every row must name a station the caller may create or change.
  auto existing = stations_.ListStations();
  if (!existing) return existing.error();
  std::unordered_map<std::string_view, const Station*> by_code;
  for (const Station& s : *existing) by_code.emplace(s.code, &s);
  std::vector<RowError> scope_errors;
  for (const StationRow& row : parsed.rows) {
    const auto it = by_code.find(row.values.code);
    const bool known = it != by_code.end();
    if (known && !who.CanReachStation(it->second->code, it->second->region)) {
      scope_errors.push_back(
          {row.line, fmt::format("站点编码 code '{0}' 已被您管辖范围以外的站点使用 (code: '{0}' is "
                                 "taken by a station outside your scope)",
                                 row.values.code)});
      continue;
    }
    const Station merged = row.ApplyTo(known ? *it->second : Station{});
    if (!who.CanReachStation(merged.code, merged.region)) {
      scope_errors.push_back(
          {row.line,
           fmt::format("行政区划 region '{0}' 不在您的管辖范围内 (region: '{0}' is outside "
                       "your scope)",
                       merged.region)});
    }
  }
  if (!scope_errors.empty()) {
    auditor_.Record(who, "station.import", "", AuditOutcome::kDenied,
                    fmt::format("{} rows outside scope", scope_errors.size()));
    return Answer{ImportRefusal{std::move(scope_errors)}};
  }
  auto outcome = ImportStationFile(stations_, bytes, crs, format);
  if (!outcome) return outcome.error();
  if (!outcome->errors.empty()) return Answer{ImportRefusal{std::move(outcome->errors)}};
  YZ_TRY(directory_.Reload());
  auditor_.Record(who, "station.import", "", AuditOutcome::kSuccess,
                  fmt::format("created {}, updated {} ({} unchanged)", outcome->created,
                              outcome->updated, outcome->unchanged));
  return Answer{std::move(*outcome)};
}

Result<std::vector<Station>> StationAdminService::ForExport(const Caller& who,
                                                            std::string_view format) {
  auto mine = List(who.principal, {});
  if (!mine) return mine.error();
  auditor_.Record(who, "station.export", "", AuditOutcome::kSuccess,
                  fmt::format("{} stations as {}", mine->stations.size(), format));
  return std::move(mine->stations);
}

Result<Station> StationAdminService::ForPlaque(const Caller& who, std::string_view code,
                                               std::string_view size) {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(code);
  if (s == nullptr || !who.CanReachStation(s->code, s->region)) return NoSuchStation();
  auditor_.Record(who, "station.plaque", "station:" + s->code, AuditOutcome::kSuccess, size);
  return *s;
}

Result<std::vector<Station>> StationAdminService::ForRegionPlaques(const Caller& who,
                                                                   std::string_view region) {
  if (!IsValidRegionCode(region)) return Error::NotFound("没有这个区域 / no such region");
  auto all = stations_.ListStations();
  if (!all) return all.error();
  std::vector<Station> out;
  for (Station& s : *all) {
    if (RegionCovers(region, s.region) && who.CanReachStation(s.code, s.region))
      out.push_back(std::move(s));
  }
  if (out.empty())
    return Error::NotFound("这个区域没有您可管理的站点 / no station of yours in this region");
  auditor_.Record(who, "region.plaques", fmt::format("region:{}", region), AuditOutcome::kSuccess,
                  fmt::format("{} stations", out.size()));
  return out;
}

Result<std::vector<VisibleRegion>> StationAdminService::Regions(const Principal& who) {
  auto regions = regions_.ListRegions();
  if (!regions) return regions.error();
  const auto mine = RegionsOfListedStations(who, *directory_.Current());
  std::vector<VisibleRegion> out;
  for (Region& region : *regions) {
    if (!RegionVisible(who, region.code, mine)) continue;
    const bool in_scope = who.CanReachRegion(region.code);
    out.push_back({std::move(region), in_scope});
  }
  return out;
}

Result<Region> StationAdminService::SaveRegion(const Caller& who, std::string_view code,
                                               std::string_view name) {
  if (!IsValidRegionCode(code))
    return Error::InvalidArgument("不是区划代码 / code: not a region code");
  const std::string_view trimmed = Trim(name);
  if (trimmed.empty() || !IsValidUtf8(trimmed) || CountCodePoints(trimmed) > 100) {
    return Error::InvalidArgument("名称应为 1 到 100 个字 / name: 1 to 100 characters");
  }
  const std::string object = fmt::format("region:{}", code);
  if (!who.CanReachRegion(code)) {
    auditor_.Record(who, "region.save", object, AuditOutcome::kDenied, "outside scope");
    return NoSuchRegion();
  }
  const Region region{std::string(code), std::string(trimmed)};
  if (auto saved = regions_.SaveRegions(std::span(&region, 1)); !saved) {
    auditor_.Record(who, "region.save", object, AuditOutcome::kFailed, saved.error().message);
    return saved.error();
  }
  auditor_.Record(who, "region.save", object, AuditOutcome::kSuccess, region.name);
  return region;
}

Result<std::vector<Host>> StationAdminService::Hosts(const Principal& who) {
  auto hosts = hosts_.ListHosts();
  if (!hosts) return hosts.error();
  const auto mine = RegionsOfListedStations(who, *directory_.Current());
  std::vector<Host> out;
  for (Host& h : *hosts) {
    if (h.region.empty() || RegionVisible(who, h.region, mine)) out.push_back(std::move(h));
  }
  return out;
}

Result<Host> StationAdminService::AddHost(const Caller& who, Host host) {
  host.name = std::string(Trim(host.name));
  if (host.name.empty() || !IsValidUtf8(host.name) || CountCodePoints(host.name) > 100) {
    return Error::InvalidArgument("名称应为 1 到 100 个字 / name: 1 to 100 characters");
  }
  if (!host.region.empty() && !IsValidRegionCode(host.region)) {
    return Error::InvalidArgument("区划代码有误 / region: bad code");
  }
  if (!who.CanReachRegion(host.region)) return NoSuchRegion();
  auto id = hosts_.AddHost(host);
  if (!id) return id.error();
  host.id = *id;
  auditor_.Record(who, "host.create", fmt::format("host:{}", *id), AuditOutcome::kSuccess,
                  host.name);
  return host;
}

}  // namespace yz
