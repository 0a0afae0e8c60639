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

void AppendCsvRecord(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (k) out.push_back(',');
    const std::string& f = fields[k];
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
