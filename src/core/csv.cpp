#include "core/csv.h"

#include <fmt/format.h>

namespace yz {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
}

Error CsvReader::Fail(int line, std::string reason) {
  error_line_ = line;
  error_reason_ = std::move(reason);
  return Error::InvalidArgument(fmt::format("line {}: {}", line, error_reason_));
}

Result<bool> CsvReader::Next(CsvRecord& record) {
  const std::string_view text = text_;
  const std::size_t n = text.size();
  std::size_t& i = pos_;
  int& line = line_;
  while (i < n) {
    record.line = line;
    std::size_t count = 0;
    bool record_done = false;
    while (!record_done) {
      if (count == record.fields.size()) record.fields.emplace_back();
      std::string& field = record.fields[count++];
      field.clear();
      if (i < n && text[i] == '"') {
        const int quote_line = line;
        ++i;
        while (true) {
          if (i >= n) return Fail(quote_line, "unterminated quoted field");
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
          ++i;
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return Fail(line, "text after a closing quote");
        }
      } else {
        const std::size_t start = i;
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            return Fail(line, "quote inside an unquoted field");
          }
          ++i;
        }
        field.assign(text.data() + start, i - start);
      }
      if (i >= n) {
        record_done = true;
      } else if (text[i] == ',') {
        ++i;
      } else {  // line break
        if (text[i] == '\r') ++i;
        if (i < n && text[i] == '\n') ++i;
        ++line;
        record_done = true;
      }
    }
    record.fields.resize(count);
    for (std::string& field : record.fields) {
      if (!field.empty() && field.front() == '\'') {
        const std::string_view restored = RestoreFormula(field);
        if (restored.size() != field.size()) field.erase(0, 1);
      }
    }
    const bool blank = count == 1 && record.fields[0].empty();
    if (!blank) return true;
  }
  return false;
}

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, CsvFault* fault) {
  std::vector<CsvRecord> records;
  CsvReader reader(text);
  CsvRecord record;
  while (true) {
    auto more = reader.Next(record);
    if (!more) {
      if (fault) *fault = {reader.error_line(), reader.error_reason()};
      return more.error();
    }
    if (!*more) return records;
    records.push_back(record);
  }
}

namespace {

bool IsPlainDecimal(std::string_view v) {
  std::size_t i = (!v.empty() && (v[0] == '+' || v[0] == '-')) ? 1 : 0;
  bool digits = false, point = false;
  for (; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9') {
      digits = true;
    } else if (v[i] == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digits;
}

bool NeedsNeutralising(std::string_view v) {
  const std::size_t first = v.find_first_not_of('\'');
  if (first == std::string_view::npos) return false;
  const char c = v[first];
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
  return first > 0 || !IsPlainDecimal(v);
}

}  // namespace

std::string NeutraliseFormula(std::string_view value) {
  return NeedsNeutralising(value) ? "'" + std::string(value) : std::string(value);
}

std::string_view RestoreFormula(std::string_view cell) {
  if (!cell.empty() && cell.front() == '\'' && NeedsNeutralising(cell.substr(1)))
    cell.remove_prefix(1);
  return cell;
}

void AppendCsvRecord(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (k) out.push_back(',');
    const std::string f = NeutraliseFormula(fields[k]);
    const bool quote = f.find_first_of(",\"\r\n") != std::string::npos ||
                       (!f.empty() && (f.front() == ' ' || f.back() == ' '));
    if (!quote) {
      out += f;
      continue;
    }
    out.push_back('"');
    for (char c : f) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out += "\r\n";
}

}  // namespace yz
