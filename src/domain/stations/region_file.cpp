#include "domain/stations/region_file.h"

#include <fmt/format.h>

#include <unordered_map>

#include "core/csv.h"
#include "core/region_code.h"
#include "core/text.h"

namespace yz {
namespace {

// `records` header first. A sheet's rows (`cell_errors` given) may be shorter than the header:
// their missing cells are empty.
ParsedRegionFile ParseRegionRecords(const std::vector<CsvRecord>& records,
                                    const std::vector<XlsxCellError>* cell_errors) {
  ParsedRegionFile out;
  if (records.empty()) {
    out.errors.push_back({1,
                          "文件为空：第一行须为表头 `code,name` "
                          "(the file is empty: a header row `code,name` is required)"});
    return out;
  }
  std::size_t next_error = 0;
  auto cell_problems = [&](int line) {  // adds the error cells of `line`; true when there were any
    if (cell_errors == nullptr) return false;
    while (next_error < cell_errors->size() && (*cell_errors)[next_error].line < line) ++next_error;
    bool any = false;
    for (; next_error < cell_errors->size() && (*cell_errors)[next_error].line == line;
         ++next_error) {
      out.errors.push_back({line, (*cell_errors)[next_error].message});
      any = true;
    }
    return any;
  };
  const auto& header = records.front().fields;
  const int header_line = records.front().line;
  if (cell_problems(header_line)) return out;
  int code_col = -1, name_col = -1;
  for (std::size_t k = 0; k < header.size(); ++k) {
    const std::string_view h = Trim(header[k]);
    if (h == "code" && code_col < 0)
      code_col = static_cast<int>(k);
    else if (h == "name" && name_col < 0)
      name_col = static_cast<int>(k);
    else
      out.errors.push_back(
          {header_line, fmt::format("未知或重复的列 '{0}' (unknown or repeated column '{0}')", h)});
  }
  if (code_col < 0)
    out.errors.push_back({header_line, "缺少必需的列 'code' (required column 'code' is missing)"});
  if (name_col < 0)
    out.errors.push_back({header_line, "缺少必需的列 'name' (required column 'name' is missing)"});
  if (!out.errors.empty()) return out;

  std::unordered_map<std::string, int> seen;
  std::vector<std::string> padded;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    const std::vector<std::string>* fields = &rec.fields;
    if (cell_errors != nullptr && fields->size() < header.size()) {
      padded = *fields;
      padded.resize(header.size());
      fields = &padded;
    }
    if (fields->size() != header.size()) {
      out.errors.push_back({rec.line, FieldCountMessage(fields->size(), header.size())});
      continue;
    }
    if (cell_problems(rec.line)) continue;
    const std::string code(Trim((*fields)[code_col]));
    const std::string name(Trim((*fields)[name_col]));
    if (!IsValidRegionCode(code)) {
      out.errors.push_back(
          {rec.line, fmt::format("行政区划代码 code '{0}' 不是 2、4、6、9 或 12 位数字的区划代码 "
                                 "(code '{0}' is not a division code of 2, 4, 6, 9 or 12 digits)",
                                 code)});
      continue;
    }
    if (name.empty() || CountCodePoints(name) > 50) {
      out.errors.push_back(
          {rec.line, "名称 name 须为 1 到 50 个字符 (name must be 1 to 50 characters)"});
      continue;
    }
    if (const auto [it, inserted] = seen.emplace(code, rec.line); !inserted) {
      out.errors.push_back(
          {rec.line,
           fmt::format(
               "第 {1} 行已有行政区划代码 code '{0}' (code '{0}' already appears on line {1})",
               code, it->second)});
      continue;
    }
    out.regions.push_back({code, name});
  }
  return out;
}

}  // namespace

ParsedRegionFile ParseRegionFile(std::string_view bytes) {
  if (const std::vector<int> lines = LinesWithInvalidUtf8(bytes); !lines.empty()) {
    ParsedRegionFile out;
    out.errors.push_back({lines.front(), NotUtf8FileMessage(lines.size())});
    return out;
  }
  CsvFault fault;
  auto parsed = ParseCsv(bytes, &fault);
  if (!parsed) {
    ParsedRegionFile out;
    out.errors.push_back({fault.line, CsvFaultMessage(fault.reason)});
    return out;
  }
  return ParseRegionRecords(*parsed, nullptr);
}

ParsedRegionFile ParseRegionSheet(const XlsxSheet& sheet) {
  return ParseRegionRecords(sheet.rows, &sheet.cell_errors);
}

ParsedRegionFile ParseRegionFile(std::string_view bytes, SpreadsheetFormat format) {
  if (format == SpreadsheetFormat::kCsv) return ParseRegionFile(bytes);
  auto sheet = ReadXlsxFirstSheet(bytes);
  if (!sheet) {
    ParsedRegionFile out;
    out.errors.push_back({1, sheet.error().message});
    return out;
  }
  return ParseRegionSheet(*sheet);
}

}  // namespace yz
