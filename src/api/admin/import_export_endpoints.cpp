// POST /api/v1/admin/uploads/stations (a station file, the body; ?crs=) and
// GET /api/v1/admin/exports/stations?format=csv|geojson|xlsx — the command line's import and
// export, limited to the caller's scope. Import is all or nothing with line-numbered errors.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include "api/admin/admin_api.h"
#include "api/api_response.h"
#include "core/crypto.h"
#include "domain/stations/station_file.h"
#include "domain/stations/station_import.h"

namespace yz {
namespace {

HttpResponse RowErrorsReply(const std::vector<RowError>& errors) {
  boost::json::array rows;
  for (const auto& e : errors) rows.emplace_back(boost::json::object{{"line", e.line}, {"message", e.message}});
  return JsonReply(400, boost::json::object{
                            {"error", boost::json::object{{"code", "invalid_argument"},
                                                          {"message", fmt::format("{} 处错误，未写入任何数据 / {} error(s), "
                                                                                  "nothing was written",
                                                                                  errors.size(), errors.size())}}},
                            {"row_errors", std::move(rows)}});
}

}  // namespace

HttpResponse AdminApi::ImportStations(const AdminRequest& r) {
  const std::string crs_text = r.Query("crs");
  const auto crs = ParseCrs(crs_text.empty() ? "wgs84" : crs_text);
  if (!crs) return ErrorReply(Error::InvalidArgument("crs: must be wgs84, gcj02 or bd09"));
  // Scope first: every row must name a station the caller may create or change. Rows outside
  // are errors of their line, so the rule stays all or nothing.
  ParsedStationFile parsed = ParseStationFile(r.http.body, *crs);
  if (!parsed.errors.empty()) {
    Audit(r, "station.import", "", AuditOutcome::kFailed, fmt::format("{} row errors", parsed.errors.size()));
    return RowErrorsReply(parsed.errors);
  }
  auto existing = store_.stations().ListStations();
  if (!existing) return ErrorReply(existing.error());
  std::unordered_map<std::string_view, const Station*> by_code;
  for (const Station& s : *existing) by_code.emplace(s.code, &s);
  std::vector<RowError> scope_errors;
  for (const StationRow& row : parsed.rows) {
    const auto it = by_code.find(row.values.code);
    const bool known = it != by_code.end();
    if (known && !r.principal->CanReachStation(it->second->code, it->second->region)) {
      scope_errors.push_back({row.line, fmt::format("站点编码 code '{0}' 已被您管辖范围以外的站点使用 (code: '{0}' is taken by a station outside your scope)", row.values.code)});
      continue;
    }
    const Station merged = row.ApplyTo(known ? *it->second : Station{});
    if (!r.principal->CanReachStation(merged.code, merged.region)) {
      scope_errors.push_back({row.line, fmt::format("行政区划 region '{0}' 不在您的管辖范围内 (region: '{0}' is outside your scope)", merged.region)});
    }
  }
  if (!scope_errors.empty()) {
    Audit(r, "station.import", "", AuditOutcome::kDenied, fmt::format("{} rows outside scope", scope_errors.size()));
    return RowErrorsReply(scope_errors);
  }
  auto outcome = ImportStationFile(store_.stations(), r.http.body, *crs);
  if (!outcome) return ErrorReply(outcome.error());
  if (!outcome->errors.empty()) return RowErrorsReply(outcome->errors);
  if (auto reloaded = directory_.Reload(); !reloaded) return ErrorReply(reloaded.error());
  Audit(r, "station.import", "", AuditOutcome::kSuccess,
        fmt::format("created {}, updated {} ({} unchanged)", outcome->created, outcome->updated, outcome->unchanged));
  return JsonReply(200, boost::json::object{
                            {"created", outcome->created}, {"updated", outcome->updated}, {"unchanged", outcome->unchanged}});
}

HttpResponse AdminApi::ExportStations(const AdminRequest& r) {
  std::string format = r.Query("format");
  if (format.empty()) format = "csv";
  if (format != "csv" && format != "geojson" && format != "xlsx") {
    return ErrorReply(Error::InvalidArgument("format: csv, geojson or xlsx"));
  }
  auto all = store_.stations().ListStations();
  if (!all) return ErrorReply(all.error());
  std::vector<Station> mine;
  for (Station& s : *all) {
    if (r.principal->CanReachStation(s.code, s.region)) mine.push_back(std::move(s));
  }
  HttpResponse response;
  if (format == "csv") {
    response.content_type = "text/csv; charset=utf-8";
    response.body = FormatStationFile(mine);
  } else if (format == "geojson") {
    response.content_type = "application/geo+json";
    response.body = geojson_(mine);
  } else {
    const auto path = std::filesystem::temp_directory_path() / ("yizhan-export-" + RandomToken(12) + ".xlsx");
    auto written = workbook_(mine, path.string());
    if (!written) return ErrorReply(written.error());
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    response.body = std::move(content).str();
  }
  response.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"stations.{}\"", format));
  // The CSV and the workbook carry the managers' phone numbers in clear.
  Audit(r, "station.export", "", AuditOutcome::kSuccess, fmt::format("{} stations as {}", mine.size(), format));
  return response;
}

}  // namespace yz
