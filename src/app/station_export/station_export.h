// `yizhan export stations`: the registry as CSV (the station file), GeoJSON or an Excel workbook.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "domain/stations/station.h"

namespace yz {

enum class ExportFormat { kCsv, kGeoJson, kXlsx };

// RFC 7946 FeatureCollection: [lng, lat] WGS-84 points, the station fields as properties
// (phone masked: GeoJSON files get published).
std::string FormatStationGeoJson(const std::vector<Station>& stations);

// Writes an .xlsx workbook to `path`: sheet 站点 with the station file's columns (codes in the
// header row, so it reads like the CSV) and sheet 字段说明 explaining each column in Chinese.
Result<void> WriteStationWorkbook(const std::vector<Station>& stations, const std::string& path);

// The workbook for people (the console's default): sheet 站点 with Chinese headers and the
// Chinese label of every code (设施 "饮水机（损坏）、微波炉", 状态 "开放"), coordinates and money
// as numbers; sheet 代码（可重新导入） with the station file's columns and codes, as
// WriteStationWorkbook writes them; sheet 字段说明.
Result<void> WriteStationWorkbookForPeople(const std::vector<Station>& stations,
                                           const std::string& path);

}  // namespace yz
