// POST /api/v1/admin/uploads/stations (a station file, the body; ?crs=) and
// GET /api/v1/admin/exports/stations?format=csv|geojson|xlsx — the command line's import and
// export, limited to the caller's scope. Import is all or nothing with line-numbered errors.
#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "api/api_response.h"
#include "api/stations/station_admin_endpoints.h"
#include "core/crypto.h"
#include "domain/stations/station_file.h"
#include "domain/stations/station_import.h"

namespace yz::station_admin {
namespace {

HttpResponse RowErrorsReply(const std::vector<RowError>& errors) {
  boost::json::array rows;
  for (const auto& e : errors)
    rows.emplace_back(boost::json::object{{"line", e.line}, {"message", e.message}});
  return JsonReply(
      400,
      boost::json::object{
          {"error",
           boost::json::object{{"code", "invalid_argument"},
                               {"message", fmt::format("{} 处错误，未写入任何数据 / {} error(s), "
                                                       "nothing was written",
                                                       errors.size(), errors.size())}}},
          {"row_errors", std::move(rows)}});
}

}  // namespace

HttpResponse ImportStations(const StationAdminRouteContext& c, const AdminRequest& r) {
  const std::string crs_text = r.Query("crs");
  const auto crs = ParseCrs(crs_text.empty() ? "wgs84" : crs_text);
  if (!crs)
    return ErrorReply(Error::InvalidArgument(
        "坐标系应为 wgs84、gcj02 或 bd09 / crs: must be wgs84, gcj02 or bd09"));
  auto outcome = c.service.Import(CallerOf(r), r.http.body, *crs);
  if (!outcome) return ErrorReply(outcome.error());
  if (const auto* refused = std::get_if<ImportRefusal>(&*outcome))
    return RowErrorsReply(refused->errors);
  const auto& done = std::get<StationImportOutcome>(*outcome);
  return JsonReply(200, boost::json::object{{"created", done.created},
                                            {"updated", done.updated},
                                            {"unchanged", done.unchanged}});
}

HttpResponse ExportStations(const StationAdminRouteContext& c, const AdminRequest& r) {
  std::string format = r.Query("format");
  if (format.empty()) format = "csv";
  if (format != "csv" && format != "geojson" && format != "xlsx") {
    return ErrorReply(
        Error::InvalidArgument("格式应为 csv、geojson 或 xlsx / format: csv, geojson or xlsx"));
  }
  auto mine = c.service.ForExport(CallerOf(r), format);
  if (!mine) return ErrorReply(mine.error());
  HttpResponse response;
  if (format == "csv") {
    response.content_type = "text/csv; charset=utf-8";
    response.body = FormatStationFile(*mine);
  } else if (format == "geojson") {
    response.content_type = "application/geo+json";
    response.body = c.geojson(*mine);
  } else {
    // form=zh: the workbook for people (Chinese headers and labels, codes on a second sheet).
    const bool for_people = r.Query("form") == "zh" && c.workbook_for_people;
    const auto path =
        std::filesystem::temp_directory_path() / ("yizhan-export-" + RandomToken(12) + ".xlsx");
    auto written =
        for_people ? c.workbook_for_people(*mine, path.string()) : c.workbook(*mine, path.string());
    if (!written) return ErrorReply(written.error());
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    response.body = std::move(content).str();
  }
  // The Chinese file name for people (RFC 6266 filename*), an ASCII one for older programs.
  const bool chinese_name = format == "xlsx" && r.Query("form") == "zh";
  response.headers.emplace_back(
      "Content-Disposition",
      chinese_name ? std::string("attachment; filename=\"stations.xlsx\"; "
                                 "filename*=UTF-8''%E7%AB%99%E7%82%B9%E5%90%8D%E5%BD%95.xlsx")
                   : fmt::format("attachment; filename=\"stations.{}\"", format));
  return response;
}

}  // namespace yz::station_admin
