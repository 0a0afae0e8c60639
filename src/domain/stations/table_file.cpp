#include "domain/stations/table_file.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace yz {

int TableFile::Column(std::string_view name) const {
  for (std::size_t k = 0; k < header.size(); ++k) {
    if (header[k] == name) return static_cast<int>(k);
  }
  return -1;
}

std::string TableFile::Value(const CsvRecord& row, std::string_view name) const {
  const int k = Column(name);
  if (k < 0 || static_cast<std::size_t>(k) >= row.fields.size()) return "";
  return std::string(Trim(row.fields[k]));
}

namespace {

std::string JoinNames(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

void ReadRecords(TableFile& out, const std::vector<CsvRecord>& records,
                 const std::vector<XlsxCellError>* cell_errors,
                 std::span<const std::string_view> known,
                 std::span<const std::string_view> required) {
  if (records.empty()) {
    out.errors.push_back({1, fmt::format("文件为空：第一行须为表头（{0}） (the file is empty: a "
                                         "header row naming {0} is required)",
                                         JoinNames(required))});
    return;
  }
  const auto errors_of = [&](int line) {
    std::vector<std::string> messages;
    if (cell_errors == nullptr) return messages;
    for (const XlsxCellError& e : *cell_errors) {
      if (e.line == line) messages.push_back(e.message);
    }
    return messages;
  };
  const CsvRecord& head = records.front();
  for (const std::string& m : errors_of(head.line)) out.errors.push_back({head.line, m});
  for (const std::string& field : head.fields) {
    const std::string name(Trim(field));
    const bool is_known = std::find(known.begin(), known.end(), name) != known.end();
    if (!is_known || out.Column(name) >= 0) {
      out.errors.push_back({head.line, fmt::format("未知或重复的列 '{0}' (unknown or repeated "
                                                   "column '{0}')",
                                                   name)});
    }
    out.header.push_back(name);
  }
  for (std::string_view name : required) {
    if (out.Column(name) < 0) {
      out.errors.push_back({head.line, fmt::format("缺少必需的列 '{0}' (required column '{0}' is "
                                                   "missing)",
                                                   name)});
    }
  }
  if (!out.errors.empty()) {
    out.header.clear();  // no row can be read against a broken header
    return;
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    CsvRecord row = records[r];
    if (cell_errors != nullptr && row.fields.size() < out.header.size())
      row.fields.resize(out.header.size());
    if (row.fields.size() != out.header.size()) {
      out.errors.push_back({row.line, FieldCountMessage(row.fields.size(), out.header.size())});
      continue;
    }
    const auto cell_problems = errors_of(row.line);
    if (!cell_problems.empty()) {
      for (const std::string& m : cell_problems) out.errors.push_back({row.line, m});
      continue;
    }
    out.rows.push_back(std::move(row));
  }
}

}  // namespace

TableFile ReadTableFile(std::string_view bytes, SpreadsheetFormat format,
                        std::span<const std::string_view> known,
                        std::span<const std::string_view> required) {
  TableFile out;
  if (format == SpreadsheetFormat::kXlsx) {
    auto sheet = ReadXlsxFirstSheet(bytes);
    if (!sheet) {
      out.errors.push_back({1, sheet.error().message});
      return out;
    }
    ReadRecords(out, sheet->rows, &sheet->cell_errors, known, required);
    return out;
  }
  if (const std::vector<int> lines = LinesWithInvalidUtf8(bytes); !lines.empty()) {
    out.errors.push_back({lines.front(), NotUtf8FileMessage(lines.size())});
    return out;
  }
  CsvFault fault;
  auto records = ParseCsv(bytes, &fault);
  if (!records) {
    out.errors.push_back({fault.line, CsvFaultMessage(fault.reason)});
    return out;
  }
  ReadRecords(out, *records, nullptr, known, required);
  return out;
}

}  // namespace yz
