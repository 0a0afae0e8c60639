#include "domain/stations/station_file.h"

#include <array>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.h"
#include "core/region_code.h"
#include "core/text.h"
#include "domain/stations/code_lists.h"

namespace yz {
namespace {

constexpr std::array<std::string_view, kStationColumnCount> kColumnNames{
    "code", "name", "address", "lng", "lat", "region", "host_type", "level", "status",
    "opening_hours", "amenities", "services", "manager", "phone", "opened_on", "investment_cny",
};

constexpr std::size_t kMaxName = 100, kMaxAddress = 200, kMaxManager = 50, kMaxPhone = 20;

bool Has(const StationRow& row, StationColumn c) { return row.present.test(static_cast<int>(c)); }

std::optional<double> ParseCoordinate(std::string_view s) {
  if (s.empty() || s.front() == '+') return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool IsValidPhone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c != ' ' && c != '-' && c != '+') return false;
  }
  return digits >= 3 && s.size() <= kMaxPhone;
}

// Validates one cell into row.values; returns the problem, or "" when the value is good.
std::string ReadCell(StationColumn column, std::string_view v, StationRow& row,
                     std::optional<double>& lng, std::optional<double>& lat) {
  Station& s = row.values;
  switch (column) {
    case StationColumn::kCode:
      if (!IsValidStationCode(v)) return fmt::format("code '{}' must be 1 to 32 characters of A-Z a-z 0-9 _ -", v);
      s.code = v;
      return "";
    case StationColumn::kName:
      if (v.empty()) return "name is empty";
      if (CountCodePoints(v) > kMaxName) return fmt::format("name longer than {} characters", kMaxName);
      s.name = v;
      return "";
    case StationColumn::kAddress:
      if (CountCodePoints(v) > kMaxAddress) return fmt::format("address longer than {} characters", kMaxAddress);
      s.address = v;
      return "";
    case StationColumn::kLng:
      lng = ParseCoordinate(v);
      if (!lng || *lng < -180 || *lng > 180) return fmt::format("lng '{}' is not a longitude in [-180, 180]", v);
      return "";
    case StationColumn::kLat:
      lat = ParseCoordinate(v);
      if (!lat || *lat < -90 || *lat > 90) return fmt::format("lat '{}' is not a latitude in [-90, 90]", v);
      return "";
    case StationColumn::kRegion:
      if (!v.empty() && !IsValidRegionCode(v)) return fmt::format("region '{}' is not a division code of 6, 9 or 12 digits", v);
      s.region = v;
      return "";
    case StationColumn::kHostType:
      if (v.empty()) { s.host_type.reset(); return ""; }
      s.host_type = ParseHostType(v);
      return s.host_type ? "" : fmt::format("unknown host_type '{}'", v);
    case StationColumn::kLevel: {
      const auto level = v.empty() ? std::optional(Level::kStandard) : ParseLevel(v);
      if (!level) return fmt::format("unknown level '{}'", v);
      s.level = *level;
      return "";
    }
    case StationColumn::kStatus: {
      const auto status = v.empty() ? std::optional(StationStatus::kOpen) : ParseStationStatus(v);
      if (!status) return fmt::format("unknown status '{}'", v);
      s.status = *status;
      return "";
    }
    case StationColumn::kOpeningHours: {
      auto hours = OpeningHours::Parse(v);
      if (!hours) return fmt::format("opening_hours '{}': {}", v, hours.error().message);
      s.opening_hours = std::move(*hours);
      return "";
    }
    case StationColumn::kAmenities: {
      auto list = ParseAmenityList(v);
      if (!list) return fmt::format("amenities: {}", list.error().message);
      s.amenities = std::move(*list);
      return "";
    }
    case StationColumn::kServices: {
      auto list = ParseServiceList(v);
      if (!list) return fmt::format("services: {}", list.error().message);
      s.services = std::move(*list);
      return "";
    }
    case StationColumn::kManager:
      if (CountCodePoints(v) > kMaxManager) return fmt::format("manager longer than {} characters", kMaxManager);
      s.manager = v;
      return "";
    case StationColumn::kPhone:
      if (!v.empty() && !IsValidPhone(v)) return "phone must be digits (with optional spaces, '-', '+'), at most 20 characters";
      s.phone = v;
      return "";
    case StationColumn::kOpenedOn:
      if (v.empty()) { s.opened_on.reset(); return ""; }
      s.opened_on = ParseDate(v);
      return s.opened_on ? "" : fmt::format("opened_on '{}' is not a date YYYY-MM-DD", v);
    case StationColumn::kInvestmentCny:
      if (v.empty()) { s.investment.reset(); return ""; }
      s.investment = ParseYuan(v);
      return s.investment ? "" : fmt::format("investment_cny '{}' is not a non-negative amount with at most 2 decimals", v);
  }
  return "unknown column";
}

}  // namespace

std::string_view StationColumnName(StationColumn c) { return kColumnNames[static_cast<int>(c)]; }

Station StationRow::ApplyTo(Station base) const {
  const Station& v = values;
  if (Has(*this, StationColumn::kCode)) base.code = v.code;
  if (Has(*this, StationColumn::kName)) base.name = v.name;
  if (Has(*this, StationColumn::kAddress)) base.address = v.address;
  if (Has(*this, StationColumn::kLng)) base.location.lng = v.location.lng;
  if (Has(*this, StationColumn::kLat)) base.location.lat = v.location.lat;
  if (Has(*this, StationColumn::kRegion)) base.region = v.region;
  if (Has(*this, StationColumn::kHostType)) base.host_type = v.host_type;
  if (Has(*this, StationColumn::kLevel)) base.level = v.level;
  if (Has(*this, StationColumn::kStatus)) base.status = v.status;
  if (Has(*this, StationColumn::kOpeningHours)) base.opening_hours = v.opening_hours;
  if (Has(*this, StationColumn::kAmenities)) base.amenities = v.amenities;
  if (Has(*this, StationColumn::kServices)) base.services = v.services;
  if (Has(*this, StationColumn::kManager)) base.manager = v.manager;
  if (Has(*this, StationColumn::kPhone)) base.phone = v.phone;
  if (Has(*this, StationColumn::kOpenedOn)) base.opened_on = v.opened_on;
  if (Has(*this, StationColumn::kInvestmentCny)) base.investment = v.investment;
  return base;
}

ParsedStationFile ParseStationFile(std::string_view bytes, Crs crs) {
  ParsedStationFile out;
  if (const std::vector<int> lines = LinesWithInvalidUtf8(bytes); !lines.empty()) {
    for (int line : lines) out.errors.push_back({line, "invalid UTF-8 (the file must be UTF-8)"});
    return out;
  }
  CsvReader reader(bytes);
  CsvRecord header;
  auto has_header = reader.Next(header);
  if (!has_header) {
    out.errors.push_back({reader.error_line(), reader.error_reason()});
    return out;
  }
  if (!*has_header) {
    out.errors.push_back({1, "the file is empty: a header row is required"});
    return out;
  }

  std::vector<StationColumn> columns;
  std::bitset<kStationColumnCount> present;
  for (const std::string& raw : header.fields) {
    const std::string_view name = Trim(raw);
    int found = -1;
    for (int c = 0; c < kStationColumnCount; ++c) {
      if (kColumnNames[c] == name) found = c;
    }
    if (found < 0) {
      out.errors.push_back({header.line, fmt::format("unknown column '{}'", name)});
      continue;
    }
    if (present.test(found)) {
      out.errors.push_back({header.line, fmt::format("column '{}' appears twice", name)});
      continue;
    }
    present.set(found);
    columns.push_back(static_cast<StationColumn>(found));
  }
  for (StationColumn required : {StationColumn::kCode, StationColumn::kName, StationColumn::kLng, StationColumn::kLat}) {
    if (!present.test(static_cast<int>(required))) {
      out.errors.push_back({header.line, fmt::format("required column '{}' is missing", StationColumnName(required))});
    }
  }
  if (!out.errors.empty()) return out;

  std::unordered_map<std::string, int> first_line_of_code;
  first_line_of_code.reserve(bytes.size() / 128);  // rows are rarely shorter
  out.rows.reserve(bytes.size() / 256);
  CsvRecord record;
  while (true) {
    auto more = reader.Next(record);
    if (!more) {
      out.errors.push_back({reader.error_line(), reader.error_reason()});
      return out;
    }
    if (!*more) break;
    if (record.fields.size() != columns.size()) {
      out.errors.push_back({record.line, fmt::format("{} fields where the header has {}",
                                                     record.fields.size(), columns.size())});
      continue;
    }
    StationRow row;
    row.line = record.line;
    row.present = present;
    std::optional<double> lng, lat;
    bool row_ok = true;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      std::string problem = ReadCell(columns[k], Trim(record.fields[k]), row, lng, lat);
      if (!problem.empty()) {
        out.errors.push_back({record.line, std::move(problem)});
        row_ok = false;
      }
    }
    if (!row_ok) continue;
    GeoPoint point{Latitude(*lat), Longitude(*lng)};
    point = ToWgs84(point, crs);
    row.values.location = point;
    const auto [it, inserted] = first_line_of_code.emplace(row.values.code, record.line);
    if (!inserted) {
      out.errors.push_back({record.line, fmt::format("code '{}' already appears on line {}", row.values.code, it->second)});
      continue;
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string FormatStationFile(const std::vector<Station>& stations) {
  std::string out;
  out.reserve(200 + stations.size() * 300);
  std::vector<std::string> fields(kColumnNames.begin(), kColumnNames.end());
  AppendCsvRecord(out, fields);
  for (const Station& s : stations) {
    fields[0] = s.code;
    fields[1] = s.name;
    fields[2] = s.address;
    fields[3] = fmt::format("{}", s.location.lng.degrees());
    fields[4] = fmt::format("{}", s.location.lat.degrees());
    fields[5] = s.region;
    fields[6] = s.host_type ? std::string(HostTypeCode(*s.host_type)) : "";
    fields[7] = LevelCode(s.level);
    fields[8] = StationStatusCode(s.status);
    fields[9] = s.opening_hours.text();
    fields[10] = FormatAmenityList(s.amenities);
    fields[11] = FormatServiceList(s.services);
    fields[12] = s.manager;
    fields[13] = s.phone;
    fields[14] = s.opened_on ? FormatDate(*s.opened_on) : "";
    fields[15] = s.investment ? FormatYuan(*s.investment) : "";
    AppendCsvRecord(out, fields);
  }
  return out;
}

}  // namespace yz
