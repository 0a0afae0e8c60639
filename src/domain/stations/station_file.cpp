#include "domain/stations/station_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "core/csv.h"
#include "core/region_code.h"
#include "core/text.h"
#include "domain/stations/code_lists.h"

namespace yz {
namespace {

constexpr std::array<std::string_view, kStationColumnCount> kColumnNames{
    "code",      "name",           "address",       "lng",       "lat",      "region",  "host_type",
    "level",     "status",         "opening_hours", "amenities", "services", "manager", "phone",
    "opened_on", "investment_cny", "service_phone",
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
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != ' ' && c != '-' && c != '+')
      return false;
  }
  return digits >= 3 && s.size() <= kMaxPhone;
}

// Validates one cell into row.values; returns the problem, or "" when the value is good.
std::string ReadCell(StationColumn column, std::string_view v, StationRow& row,
                     std::optional<double>& lng, std::optional<double>& lat) {
  Station& s = row.values;
  switch (column) {
    case StationColumn::kCode:
      if (!IsValidStationCode(v)) {
        return fmt::format(
            "站点编码 code '{0}' 须为 1 到 32 个字符，只能用 A-Z a-z 0-9 _ - "
            "(code '{0}' must be 1 to 32 characters of A-Z a-z 0-9 _ -)",
            v);
      }
      s.code = v;
      return "";
    case StationColumn::kName:
      if (v.empty()) return "名称 name 为空 (name is empty)";
      if (CountCodePoints(v) > kMaxName) {
        return fmt::format("名称 name 超过 {0} 个字符 (name longer than {0} characters)", kMaxName);
      }
      s.name = v;
      return "";
    case StationColumn::kAddress:
      if (CountCodePoints(v) > kMaxAddress) {
        return fmt::format("地址 address 超过 {0} 个字符 (address longer than {0} characters)",
                           kMaxAddress);
      }
      s.address = v;
      return "";
    case StationColumn::kLng:
      lng = ParseCoordinate(v);
      if (!lng || *lng < -180 || *lng > 180) {
        return fmt::format(
            "经度 lng '{0}' 不在 -180 到 180 之间 (lng '{0}' is not a longitude in [-180, 180])",
            v);
      }
      return "";
    case StationColumn::kLat:
      lat = ParseCoordinate(v);
      if (!lat || *lat < -90 || *lat > 90) {
        return fmt::format(
            "纬度 lat '{0}' 不在 -90 到 90 之间 (lat '{0}' is not a latitude in [-90, 90])", v);
      }
      return "";
    case StationColumn::kRegion:
      if (!v.empty() && !IsValidRegionCode(v)) {
        return fmt::format(
            "行政区划代码 region '{0}' 不是 6、9 或 12 位数字的区划代码 "
            "(region '{0}' is not a division code of 6, 9 or 12 digits)",
            v);
      }
      s.region = v;
      return "";
    case StationColumn::kHostType:
      if (v.empty()) {
        s.host_type.reset();
        return "";
      }
      s.host_type = ParseHostType(v);
      return s.host_type
                 ? ""
                 : fmt::format("未知的共建单位类型 host_type '{0}' (unknown host_type '{0}')", v);
    case StationColumn::kLevel: {
      const auto level = v.empty() ? std::optional(Level::kStandard) : ParseLevel(v);
      if (!level) return fmt::format("未知的星级 level '{0}' (unknown level '{0}')", v);
      s.level = *level;
      return "";
    }
    case StationColumn::kStatus: {
      const auto status = v.empty() ? std::optional(StationStatus::kOpen) : ParseStationStatus(v);
      if (!status) return fmt::format("未知的状态 status '{0}' (unknown status '{0}')", v);
      s.status = *status;
      return "";
    }
    case StationColumn::kOpeningHours: {
      auto hours = OpeningHours::Parse(v);
      if (!hours) {
        return fmt::format("开放时间 opening_hours '{0}' 格式有误 (opening_hours '{0}': {1})", v,
                           hours.error().message);
      }
      s.opening_hours = std::move(*hours);
      return "";
    }
    case StationColumn::kAmenities: {
      auto list = ParseAmenityList(v);
      if (!list)
        return fmt::format("设施 amenities 填写有误 (amenities: {})", list.error().message);
      s.amenities = std::move(*list);
      return "";
    }
    case StationColumn::kServices: {
      auto list = ParseServiceList(v);
      if (!list) return fmt::format("服务 services 填写有误 (services: {})", list.error().message);
      s.services = std::move(*list);
      return "";
    }
    case StationColumn::kManager:
      if (CountCodePoints(v) > kMaxManager) {
        return fmt::format("负责人 manager 超过 {0} 个字符 (manager longer than {0} characters)",
                           kMaxManager);
      }
      s.manager = v;
      return "";
    case StationColumn::kPhone:
      if (!v.empty() && !IsValidPhone(v)) {
        return "电话 phone 须为数字，可含空格、'-'、'+'，最多 20 个字符 "
               "(phone must be digits (with optional spaces, '-', '+'), at most 20 characters)";
      }
      s.phone = v;
      return "";
    case StationColumn::kServicePhone:
      if (!v.empty() && !IsValidPhone(v)) {
        return "公开服务电话 service_phone 须为数字，可含空格、'-'、'+'，最多 20 个字符 "
               "(service_phone must be digits (with optional spaces, '-', '+'), at most 20 "
               "characters)";
      }
      s.service_phone = v;
      return "";
    case StationColumn::kOpenedOn:
      if (v.empty()) {
        s.opened_on.reset();
        return "";
      }
      s.opened_on = ParseDate(v);
      return s.opened_on ? ""
                         : fmt::format(
                               "启用日期 opened_on '{0}' 不是 YYYY-MM-DD 格式的日期 "
                               "(opened_on '{0}' is not a date YYYY-MM-DD)",
                               v);
    case StationColumn::kInvestmentCny:
      if (v.empty()) {
        s.investment.reset();
        return "";
      }
      s.investment = ParseYuan(v);
      if (s.investment) return "";
      return fmt::format(
          "投资额 investment_cny '{0}' 须为不小于 0 的金额，最多两位小数 "
          "(investment_cny '{0}' is not a non-negative amount with at most 2 decimals)",
          v);
  }
  return "未知的列 (unknown column)";
}

// The records of a table file, header first. Next() → 1 a record, 0 the end, -1 a fault that
// ends the file (already added to `errors`). CellProblems() adds the problems of the cells of
// the record just read and says whether there were any.
class CsvSource {
 public:
  static constexpr bool kPadsShortRows = false;
  explicit CsvSource(std::string_view bytes) : reader_(bytes) {}
  int Next(CsvRecord& record, std::vector<RowError>& errors) {
    auto more = reader_.Next(record);
    if (!more) {
      errors.push_back({reader_.error_line(), CsvFaultMessage(reader_.error_reason())});
      return -1;
    }
    return *more ? 1 : 0;
  }
  bool CellProblems(const CsvRecord&, std::vector<RowError>&) { return false; }

 private:
  CsvReader reader_;
};

// A sheet's rows end at their last non-empty cell, so a row shorter than the header has empty
// cells at the end (kPadsShortRows).
class SheetSource {
 public:
  static constexpr bool kPadsShortRows = true;
  explicit SheetSource(const XlsxSheet& sheet) : sheet_(sheet) {}
  int Next(CsvRecord& record, std::vector<RowError>&) {
    if (next_row_ >= sheet_.rows.size()) return 0;
    record = sheet_.rows[next_row_++];
    return 1;
  }
  bool CellProblems(const CsvRecord& record, std::vector<RowError>& errors) {
    const auto& cell_errors = sheet_.cell_errors;
    while (next_error_ < cell_errors.size() && cell_errors[next_error_].line < record.line)
      ++next_error_;
    bool any = false;
    for (; next_error_ < cell_errors.size() && cell_errors[next_error_].line == record.line;
         ++next_error_) {
      errors.push_back({record.line, cell_errors[next_error_].message});
      any = true;
    }
    return any;
  }

 private:
  const XlsxSheet& sheet_;
  std::size_t next_row_ = 0, next_error_ = 0;
};

template <class Source>
void ParseStationRecords(Source& source, Crs crs, std::size_t size_hint, ParsedStationFile& out) {
  CsvRecord header;
  const int has_header = source.Next(header, out.errors);
  if (has_header < 0) return;
  if (has_header == 0) {
    out.errors.push_back(
        {1, "文件为空：第一行须为表头 (the file is empty: a header row is required)"});
    return;
  }
  if (source.CellProblems(header, out.errors)) return;

  std::vector<StationColumn> columns;
  std::bitset<kStationColumnCount> present;
  for (const std::string& raw : header.fields) {
    const std::string_view name = Trim(raw);
    int found = -1;
    for (int c = 0; c < kStationColumnCount; ++c) {
      if (kColumnNames[c] == name) found = c;
    }
    if (found < 0) {
      out.errors.push_back(
          {header.line, fmt::format("未知的列 '{0}' (unknown column '{0}')", name)});
      continue;
    }
    if (present.test(found)) {
      out.errors.push_back(
          {header.line, fmt::format("列 '{0}' 出现了两次 (column '{0}' appears twice)", name)});
      continue;
    }
    present.set(found);
    columns.push_back(static_cast<StationColumn>(found));
  }
  for (StationColumn required :
       {StationColumn::kCode, StationColumn::kName, StationColumn::kLng, StationColumn::kLat}) {
    if (!present.test(static_cast<int>(required))) {
      out.errors.push_back(
          {header.line, fmt::format("缺少必需的列 '{0}' (required column '{0}' is missing)",
                                    StationColumnName(required))});
    }
  }
  if (!out.errors.empty()) return;

  std::unordered_map<std::string, int> first_line_of_code;
  first_line_of_code.reserve(size_hint / 128);  // rows are rarely shorter
  out.rows.reserve(size_hint / 256);
  CsvRecord record;
  while (true) {
    const int more = source.Next(record, out.errors);
    if (more < 0) return;
    if (more == 0) break;
    if (Source::kPadsShortRows && record.fields.size() < columns.size())
      record.fields.resize(columns.size());
    if (record.fields.size() != columns.size()) {
      out.errors.push_back({record.line, FieldCountMessage(record.fields.size(), columns.size())});
      continue;
    }
    if (source.CellProblems(record, out.errors)) continue;
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
      out.errors.push_back(
          {record.line,
           fmt::format("第 {1} 行已有站点编码 code '{0}' (code '{0}' already appears on line {1})",
                       row.values.code, it->second)});
      continue;
    }
    out.rows.push_back(std::move(row));
  }
}

}  // namespace

std::string_view StationColumnName(StationColumn c) { return kColumnNames[static_cast<int>(c)]; }

std::string InvalidUtf8Message() {
  return "此行有不是 UTF-8 编码的字符，文件须存为 UTF-8 "
         "(invalid UTF-8 (the file must be UTF-8))";
}

std::string NotUtf8FileMessage(std::size_t bad_lines) {
  return fmt::format(
      "文件不是 UTF-8 编码（从此行起共 {0} 行有非 UTF-8 字符，可能是中文版 Excel 保存的 GBK 编码 "
      "CSV）："
      "请在 Excel 中“另存为”并选择“CSV UTF-8（逗号分隔）”，或直接导入 .xlsx 工作簿 "
      "(invalid UTF-8: the file is not UTF-8 ({0} line(s) from this one on; perhaps GBK, as Excel "
      "in China "
      "saves CSV): save it as \"CSV UTF-8 (Comma delimited)\" or import the .xlsx workbook itself)",
      bad_lines);
}

std::string CsvFaultMessage(std::string_view reason) {
  std::string_view zh = "CSV 格式有误";
  if (reason == "unterminated quoted field")
    zh = "CSV 格式有误：引号没有闭合";
  else if (reason == "text after a closing quote")
    zh = "CSV 格式有误：右引号后面还有文字";
  else if (reason == "quote inside an unquoted field")
    zh = "CSV 格式有误：没加引号的字段里有引号";
  return fmt::format("{} ({})", zh, reason);
}

std::string FieldCountMessage(std::size_t fields, std::size_t header_fields) {
  return fmt::format("此行有 {0} 个字段，表头有 {1} 个 ({0} fields where the header has {1})",
                     fields, header_fields);
}

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
  if (Has(*this, StationColumn::kServicePhone)) base.service_phone = v.service_phone;
  return base;
}

ParsedStationFile ParseStationFile(std::string_view bytes, Crs crs) {
  ParsedStationFile out;
  if (const std::vector<int> lines = LinesWithInvalidUtf8(bytes); !lines.empty()) {
    out.errors.push_back({lines.front(), NotUtf8FileMessage(lines.size())});
    return out;
  }
  CsvSource source(bytes);
  ParseStationRecords(source, crs, bytes.size(), out);
  return out;
}

ParsedStationFile ParseStationSheet(const XlsxSheet& sheet, Crs crs) {
  ParsedStationFile out;
  SheetSource source(sheet);
  ParseStationRecords(source, crs, sheet.rows.size() * 256, out);
  return out;
}

ParsedStationFile ParseStationFile(std::string_view bytes, Crs crs, SpreadsheetFormat format) {
  if (format == SpreadsheetFormat::kCsv) return ParseStationFile(bytes, crs);
  auto sheet = ReadXlsxFirstSheet(bytes);
  if (!sheet) {
    ParsedStationFile out;
    out.errors.push_back({1, sheet.error().message});
    return out;
  }
  return ParseStationSheet(*sheet, crs);
}

std::string FormatStationFile(const std::vector<Station>& stations) {
  std::string out;
  out.reserve(200 + stations.size() * 300);
  // The contract's sixteen columns; `service_phone` (not in the contract) only when some station
  // has a public line, so a registry that never used it exports exactly the pinned columns.
  const bool with_service_phone = std::any_of(
      stations.begin(), stations.end(), [](const Station& s) { return !s.service_phone.empty(); });
  std::vector<std::string> fields(kColumnNames.begin(),
                                  kColumnNames.end() - (with_service_phone ? 0 : 1));
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
    if (with_service_phone) fields[16] = s.service_phone;
    AppendCsvRecord(out, fields);
  }
  return out;
}

}  // namespace yz
