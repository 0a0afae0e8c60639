#include "api/stations/station_input.h"

#include <fmt/format.h>

#include <array>
#include <boost/json/array.hpp>

#include "core/crs.h"
#include "core/csv.h"
#include "domain/stations/station_file.h"

namespace yz {
namespace {

// A JSON member as the text of its CSV cell.
Result<std::string> CellText(std::string_view name, const boost::json::value& v) {
  if (v.is_null()) return std::string();
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_double()) return fmt::format("{}", v.as_double());
  if (v.is_array() && (name == "amenities" || name == "services")) {
    std::string joined;
    for (const auto& item : v.as_array()) {
      if (!item.is_string())
        return Error::InvalidArgument(fmt::format("{}: every item must be a string", name));
      const std::string_view text = item.as_string();
      if (text.find('|') != std::string_view::npos) {
        return Error::InvalidArgument(fmt::format("{}: bad item '{}'", name, text));
      }
      if (!joined.empty()) joined += '|';
      joined += text;
    }
    return joined;
  }
  return Error::InvalidArgument(fmt::format("{}: wrong type", name));
}

}  // namespace

Result<Station> StationFromJson(const boost::json::object& body, const Station* base) {
  Crs crs = Crs::kWgs84;
  std::vector<std::string> header, cells;
  std::optional<int64_t> host_id;
  bool host_id_given = false;
  bool has_lng = false, has_lat = false;
  for (const auto& [key, value] : body) {
    const std::string_view name = key;
    if (name == "crs") {
      if (!value.is_string()) return Error::InvalidArgument("crs: must be wgs84, gcj02 or bd09");
      auto parsed = ParseCrs(value.as_string());
      if (!parsed) return Error::InvalidArgument("crs: must be wgs84, gcj02 or bd09");
      crs = *parsed;
      continue;
    }
    if (name == "host_id") {
      host_id_given = true;
      if (value.is_null()) continue;
      if (!value.is_int64() || value.as_int64() <= 0)
        return Error::InvalidArgument("host_id: a host's id or null");
      host_id = value.as_int64();
      continue;
    }
    bool known = false;
    for (int c = 0; c < kStationColumnCount; ++c)
      known |= StationColumnName(static_cast<StationColumn>(c)) == name;
    if (!known) return Error::InvalidArgument(fmt::format("unknown member '{}'", name));
    if (name == "code" && base != nullptr) {
      if (!value.is_string() || value.as_string() != base->code) {
        return Error::InvalidArgument("code: a station's code cannot change");
      }
    }
    auto text = CellText(name, value);
    if (!text) return text.error();
    header.emplace_back(name);
    cells.push_back(std::move(*text));
    has_lng |= name == "lng";
    has_lat |= name == "lat";
  }
  if (base != nullptr) {
    // The file's required columns, from the stored station where the body leaves them out.
    const auto fill = [&](std::string_view name, std::string value) {
      for (const auto& h : header) {
        if (h == name) return;
      }
      header.emplace_back(name);
      cells.push_back(std::move(value));
    };
    if (!has_lng && !has_lat) crs = Crs::kWgs84;
    const GeoPoint stored = FromWgs84(base->location, crs);
    fill("code", base->code);
    fill("name", base->name);
    fill("lng", fmt::format("{}", stored.lng.degrees()));
    fill("lat", fmt::format("{}", stored.lat.degrees()));
  }
  std::string file;
  AppendCsvRecord(file, header);
  AppendCsvRecord(file, cells);
  ParsedStationFile parsed = ParseStationFile(file, crs);
  if (!parsed.errors.empty()) {
    std::string message;
    for (const auto& e : parsed.errors) {
      if (!message.empty()) message += "; ";
      message += e.message;
    }
    return Error::InvalidArgument(message);
  }
  if (parsed.rows.size() != 1) return Error::InvalidArgument("a station is one JSON object");
  Station out = parsed.rows.front().ApplyTo(base != nullptr ? *base : Station{});
  if (host_id_given) out.host_id = host_id;
  return out;
}

}  // namespace yz
