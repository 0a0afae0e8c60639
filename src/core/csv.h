// RFC 4180 CSV reading and writing. Reading keeps the physical line on which each record
// starts (quoted fields may span lines), because messages name physical lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace yz {

struct CsvRecord {
  int line = 0;                     // physical line of the record's first character, 1-based
  std::vector<std::string> fields;
};

// Splits `text` into records. A UTF-8 byte-order mark at the start is skipped; CRLF and LF both
// end records; a final line break does not start a record; records that are entirely empty
// (blank lines) are dropped. A quote inside an unquoted field, text after a closing quote, or an
// unterminated quoted field → invalid_argument "line N: …".
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
// quote, CR or LF, or starts or ends with a space.
void AppendCsvRecord(std::string& out, const std::vector<std::string>& fields);

}  // namespace yz
