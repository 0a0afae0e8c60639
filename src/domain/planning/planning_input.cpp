#include "domain/planning/planning_input.h"

#include <array>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.h"
#include "core/text.h"

namespace yz {
namespace {

struct ColumnSpec {
  std::string_view name;
  bool required;
};

constexpr std::array<ColumnSpec, 4> kDemandColumns{{
    {"lng", true}, {"lat", true}, {"weight", true}, {"group", false}}};
constexpr std::array<ColumnSpec, 5> kCandidateColumns{{
    {"id", true}, {"lng", true}, {"lat", true}, {"cost", false}, {"host_type", false}}};

constexpr std::size_t kMaxIdLength = 64;

std::optional<double> ParseNumber(std::string_view s) {
  if (s.empty() || s.front() == '+') return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Maps the header to column positions (index into `specs`, -1 when absent). Problems are
// errors of line 1.
template <std::size_t N>
std::array<int, N> ReadHeader(const CsvRecord& header, const std::array<ColumnSpec, N>& specs,
                              std::vector<RowError>& errors) {
  std::array<int, N> position;
  position.fill(-1);
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string_view name = Trim(header.fields[i]);
    std::size_t k = 0;
    while (k < N && specs[k].name != name) ++k;
    if (k == N) {
      std::string known;
      for (const auto& s : specs) known += (known.empty() ? "" : ", ") + std::string(s.name);
      errors.push_back({header.line, fmt::format("未知的列 '{0}'，可用的列：{1} (unknown column '{0}' (expected {1}))", name, known)});
    } else if (position[k] >= 0) {
      errors.push_back({header.line, fmt::format("列 '{0}' 出现了两次 (column '{0}' appears twice)", name)});
    } else {
      position[k] = static_cast<int>(i);
    }
  }
  for (std::size_t k = 0; k < N; ++k) {
    if (specs[k].required && position[k] < 0) {
      errors.push_back({header.line, fmt::format("缺少列 '{0}' (missing column '{0}')", specs[k].name)});
    }
  }
  return position;
}

// Reads lng and lat cells; on success stores both the input point and its WGS-84 conversion.
std::string ReadLocation(std::string_view lng_text, std::string_view lat_text, Crs crs,
                         GeoPoint& input, GeoPoint& wgs84) {
  const auto lng = ParseNumber(lng_text);
  if (!lng || *lng < -180 || *lng > 180) return fmt::format("经度 lng '{0}' 不在 -180 到 180 之间 (lng '{0}' is not a longitude in [-180, 180])", lng_text);
  const auto lat = ParseNumber(lat_text);
  if (!lat || *lat < -90 || *lat > 90) return fmt::format("纬度 lat '{0}' 不在 -90 到 90 之间 (lat '{0}' is not a latitude in [-90, 90])", lat_text);
  input = GeoPoint{Latitude(*lat), Longitude(*lng)};
  wgs84 = ToWgs84(input, crs);
  return "";
}

// Parses the CSV and the header; returns the data records, or nothing after a fatal problem.
template <std::size_t N>
std::optional<std::vector<CsvRecord>> ReadTable(std::string_view bytes, const std::array<ColumnSpec, N>& specs,
                                                std::array<int, N>& position, std::vector<RowError>& errors) {
  if (const std::size_t bad = FindInvalidUtf8(bytes); bad != std::string_view::npos) {
    int line = 1;
    for (std::size_t i = 0; i < bad; ++i) line += bytes[i] == '\n';
    errors.push_back({line, InvalidUtf8Message()});
    return std::nullopt;
  }
  CsvFault fault;
  auto records = ParseCsv(bytes, &fault);
  if (!records) {
    errors.push_back({fault.line, CsvFaultMessage(fault.reason)});
    return std::nullopt;
  }
  if (records->empty()) {
    std::string names;
    for (const auto& s : specs) names += (names.empty() ? "" : ",") + std::string(s.name);
    errors.push_back({1, fmt::format("文件是空的，第一行应是表头 {0} (empty file: a header row ({0}) is expected)", names)});
    return std::nullopt;
  }
  position = ReadHeader((*records)[0], specs, errors);
  if (!errors.empty()) return std::nullopt;
  records->erase(records->begin());
  return std::move(*records);
}

bool CheckFieldCount(const CsvRecord& r, std::size_t expected, std::vector<RowError>& errors) {
  if (r.fields.size() == expected) return true;
  errors.push_back({r.line, FieldCountMessage(r.fields.size(), expected)});
  return false;
}

std::string_view Cell(const CsvRecord& r, int position) {
  return position < 0 ? std::string_view() : std::string_view(r.fields[static_cast<std::size_t>(position)]);
}

}  // namespace

ParsedDemandFile ParseDemandFile(std::string_view bytes, Crs crs) {
  ParsedDemandFile out;
  std::array<int, kDemandColumns.size()> pos{};
  auto records = ReadTable(bytes, kDemandColumns, pos, out.errors);
  if (!records) return out;
  std::size_t columns = 0;
  for (int p : pos) columns += p >= 0;
  out.points.reserve(records->size());
  for (const CsvRecord& r : *records) {
    if (!CheckFieldCount(r, columns, out.errors)) continue;
    DemandPoint d;
    GeoPoint input;
    if (auto problem = ReadLocation(Cell(r, pos[0]), Cell(r, pos[1]), crs, input, d.location); !problem.empty()) {
      out.errors.push_back({r.line, std::move(problem)});
      continue;
    }
    const std::string_view weight_text = Cell(r, pos[2]);
    const auto weight = ParseNumber(weight_text);
    if (!weight || *weight < 0) {
      out.errors.push_back({r.line, fmt::format("人数 weight '{0}' 应是不小于 0 的数 (weight '{0}' is not a number >= 0)", weight_text)});
      continue;
    }
    d.weight = *weight;
    if (const std::string_view group = Cell(r, pos[3]); !group.empty()) {
      d.group = ParseWorkerCategory(group);
      if (!d.group) {
        out.errors.push_back({r.line, fmt::format("未知的工种 group '{0}' (unknown group '{0}' (a worker category: "
                                                  "sanitation, landscaping, courier, delivery, driver, "
                                                  "traffic_police, construction, domestic, other))", group)});
        continue;
      }
    }
    out.points.push_back(d);
  }
  return out;
}

ParsedCandidateFile ParseCandidateFile(std::string_view bytes, Crs crs) {
  ParsedCandidateFile out;
  std::array<int, kCandidateColumns.size()> pos{};
  auto records = ReadTable(bytes, kCandidateColumns, pos, out.errors);
  if (!records) return out;
  std::size_t columns = 0;
  for (int p : pos) columns += p >= 0;
  std::unordered_map<std::string, int> first_line;
  out.sites.reserve(records->size());
  for (const CsvRecord& r : *records) {
    if (!CheckFieldCount(r, columns, out.errors)) continue;
    CandidateSite c;
    c.line = r.line;
    const std::string_view id = Trim(Cell(r, pos[0]));
    if (id.empty() || CountCodePoints(id) > kMaxIdLength) {
      out.errors.push_back({r.line, fmt::format("编号 id '{0}' 应有 1 到 {1} 个字符 (id '{0}' must be 1 to {1} characters)", id, kMaxIdLength)});
      continue;
    }
    c.id = id;
    if (auto problem = ReadLocation(Cell(r, pos[1]), Cell(r, pos[2]), crs, c.input_location, c.location);
        !problem.empty()) {
      out.errors.push_back({r.line, std::move(problem)});
      continue;
    }
    if (const std::string_view cost = Cell(r, pos[3]); !cost.empty()) {
      c.cost = ParseNumber(cost);
      if (!c.cost || *c.cost < 0) {
        out.errors.push_back({r.line, fmt::format("费用 cost '{0}' 应是不小于 0 的元数 (cost '{0}' is not a number of yuan >= 0)", cost)});
        continue;
      }
    }
    if (const std::string_view host = Cell(r, pos[4]); !host.empty()) {
      c.host_type = ParseHostType(host);
      if (!c.host_type) {
        out.errors.push_back({r.line, fmt::format("未知的共建单位类型 host_type '{0}' (unknown host_type '{0}')", host)});
        continue;
      }
    }
    if (auto [it, inserted] = first_line.emplace(c.id, r.line); !inserted) {
      out.errors.push_back({r.line, fmt::format("编号 id '{0}' 已在第 {1} 行出现 (id '{0}' already on line {1})", c.id, it->second)});
      continue;
    }
    out.sites.push_back(std::move(c));
  }
  return out;
}

}  // namespace yz
