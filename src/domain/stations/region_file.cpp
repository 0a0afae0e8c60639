#include "domain/stations/region_file.h"

#include <unordered_map>

#include <fmt/format.h>

#include "core/csv.h"
#include "core/region_code.h"
#include "core/text.h"

namespace yz {

ParsedRegionFile ParseRegionFile(std::string_view bytes) {
  ParsedRegionFile out;
  if (const std::vector<int> lines = LinesWithInvalidUtf8(bytes); !lines.empty()) {
    for (int line : lines) out.errors.push_back({line, InvalidUtf8Message()});
    return out;
  }
  CsvFault fault;
  auto parsed = ParseCsv(bytes, &fault);
  if (!parsed) {
    out.errors.push_back({fault.line, CsvFaultMessage(fault.reason)});
    return out;
  }
  const std::vector<CsvRecord>& records = *parsed;
  if (records.empty()) {
    out.errors.push_back({1, "文件为空：第一行须为表头 `code,name` "
                             "(the file is empty: a header row `code,name` is required)"});
    return out;
  }
  const auto& header = records.front().fields;
  int code_col = -1, name_col = -1;
  for (std::size_t k = 0; k < header.size(); ++k) {
    const std::string_view h = Trim(header[k]);
    if (h == "code" && code_col < 0) code_col = static_cast<int>(k);
    else if (h == "name" && name_col < 0) name_col = static_cast<int>(k);
    else out.errors.push_back({1, fmt::format("未知或重复的列 '{0}' (unknown or repeated column '{0}')", h)});
  }
  if (code_col < 0) out.errors.push_back({1, "缺少必需的列 'code' (required column 'code' is missing)"});
  if (name_col < 0) out.errors.push_back({1, "缺少必需的列 'name' (required column 'name' is missing)"});
  if (!out.errors.empty()) return out;

  std::unordered_map<std::string, int> seen;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.fields.size() != header.size()) {
      out.errors.push_back({rec.line, FieldCountMessage(rec.fields.size(), header.size())});
      continue;
    }
    const std::string code(Trim(rec.fields[code_col]));
    const std::string name(Trim(rec.fields[name_col]));
    if (!IsValidRegionCode(code)) {
      out.errors.push_back({rec.line, fmt::format("行政区划代码 code '{0}' 不是 2、4、6、9 或 12 位数字的区划代码 "
                                                  "(code '{0}' is not a division code of 2, 4, 6, 9 or 12 digits)",
                                                  code)});
      continue;
    }
    if (name.empty() || CountCodePoints(name) > 50) {
      out.errors.push_back({rec.line, "名称 name 须为 1 到 50 个字符 (name must be 1 to 50 characters)"});
      continue;
    }
    if (const auto [it, inserted] = seen.emplace(code, rec.line); !inserted) {
      out.errors.push_back(
          {rec.line, fmt::format("第 {1} 行已有行政区划代码 code '{0}' (code '{0}' already appears on line {1})",
                                 code, it->second)});
      continue;
    }
    out.regions.push_back({code, name});
  }
  return out;
}

}  // namespace yz
