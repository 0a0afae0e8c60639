// RFC 4180 CSV reading and writing. Reading keeps the physical line on which each record
// starts (quoted fields may span lines), because messages name physical lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace yz {

struct CsvRecord {
  int line = 0;  // physical line of the record's first character, 1-based
  std::vector<std::string> fields;
};

// Splits `text` into records. A UTF-8 byte-order mark at the start is skipped; CRLF and LF both
// end records; a final line break does not start a record; records that are entirely empty
// (blank lines) are dropped. A quote inside an unquoted field, text after a closing quote, or an
// unterminated quoted field → invalid_argument "line N: …". Every field goes through
// RestoreFormula (below).
struct CsvFault {
  int line = 0;        // physical line of the fault
  std::string reason;  // without "line N: "
};
// When `fault` is given, a malformed record also fills it, for callers that list errors by line.
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, CsvFault* fault = nullptr);

// The same rules, one record at a time: for large files, memory stays flat and each record's
// strings reuse the previous record's buffers.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text);
  // Fills `record` with the next record: true when one was read, false at the end of the text.
  // A malformed record → invalid_argument "line N: …" (the reader must not be used afterwards).
  Result<bool> Next(CsvRecord& record);

  // After Next() failed: the physical line of the fault and the reason without "line N: ".
  int error_line() const { return error_line_; }
  const std::string& error_reason() const { return error_reason_; }

 private:
  Error Fail(int line, std::string reason);

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int error_line_ = 0;
  std::string error_reason_;
};

// Appends `fields` as one CRLF-terminated record, quoting a field only when it contains a comma,
// quote, CR or LF, or starts or ends with a space. Each field goes through NeutraliseFormula.
void AppendCsvRecord(std::string& out, const std::vector<std::string>& fields);

// Spreadsheet formula injection (docs/decisions/0020-csv-formula-cells.md): a cell that starts
// with '=', '+', '-', '@', a tab or a CR is a live formula when Excel or WPS opens the CSV (a
// station named "=HYPERLINK(…)"). Such a value is written with one apostrophe in front, and so
// is a value that already starts with apostrophes followed by one of those characters, so that
// RestoreFormula is its exact inverse: CsvReader undoes it on every field, and a file that
// `export` wrote reads back unchanged. A plain decimal number ("-73.5", "+86") is left as it is.
std::string NeutraliseFormula(std::string_view value);
// The inverse: one leading apostrophe removed when what follows it is a value that
// NeutraliseFormula would have marked.
std::string_view RestoreFormula(std::string_view cell);

}  // namespace yz
