// Reading the first sheet of an Excel workbook (.xlsx, Office Open XML SpreadsheetML) held in
// memory, as a table of text records like a CSV file's (csv.h). No library beyond zlib: the zip
// container and the few XML parts needed are read here, with limits against hostile files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/result.h"
#include "core/xlsx/zip_archive.h"

namespace yz {

// Which reader a table file needs. Import commands choose by the file's extension
// (SpreadsheetFormatOfFileName); an upload without a name can ask LooksLikeXlsx.
enum class SpreadsheetFormat { kCsv, kXlsx };

// kXlsx when `file_name` ends in ".xlsx" (any case), else kCsv.
SpreadsheetFormat SpreadsheetFormatOfFileName(std::string_view file_name);
// True when `bytes` start as a zip archive does ("PK\x03\x04"), as every .xlsx file does.
bool LooksLikeXlsx(std::string_view bytes);

// A cell holding an error value (#DIV/0!, #N/A, …): a problem of its row.
struct XlsxCellError {
  int line = 0;         // the sheet row number
  std::string message;  // Chinese first, then English in parentheses
};

struct XlsxSheet {
  // The rows that hold at least one non-empty cell, in sheet order. `line` is the sheet row
  // number (1-based, gaps kept); `fields` run from column A to the row's last non-empty cell,
  // missing cells being empty strings.
  std::vector<CsvRecord> rows;
  std::vector<XlsxCellError> cell_errors;  // in sheet order
};

struct XlsxLimits {
  ZipLimits zip;                      // the container: total uncompressed size, ratio, members
  std::size_t max_cells = 2'000'000;  // the most fields all rows may hold together
};

// The first sheet in workbook order (whatever its part is called) of the workbook in `bytes`.
// Cell values as text: shared, inline and formula strings as written (rich text runs joined,
// `_xHHHH_` escapes decoded); numbers as their shortest round-trip decimal, whole numbers without
// ".0", no exponent between 1e-7 and 1e21; numbers with a date format (built-in 14–22 and 45–47,
// or a custom format with y, m or d outside quotes and brackets) as YYYY-MM-DD, in the 1900 date
// system (with its 29 February 1900) or the 1904 one as the workbook says; booleans as TRUE and
// FALSE; a number whose date format also shows hours or seconds (openpyxl's datetime cells,
// Excel's "yyyy/m/d h:mm") as "YYYY-MM-DD HH:MM", or "YYYY-MM-DD HH:MM:SS" when its seconds are
// not zero (to the nearest second). A file that is not a readable workbook, or exceeds the limits,
// → invalid_argument, worded Chinese first, then English in parentheses. Never throws on malformed
// input.
Result<XlsxSheet> ReadXlsxFirstSheet(std::string_view bytes, const XlsxLimits& limits = {});

// The text of a number cell as ReadXlsxFirstSheet gives it (12 → "12", 118.79 → "118.79").
std::string FormatXlsxNumber(double value);
// The date of serial `value` ("2024-05-01"), or "" when it names no day (below 1 in the 1900
// system, below 0 in the 1904 one, or past 9999-12-31). 1900-02-29 is "1900-02-29", as Excel shows.
std::string FormatXlsxDate(double value, bool date1904);
// The time of day of serial `value` as " HH:MM", or " HH:MM:SS" when the seconds (rounded) are
// not zero; "" for a value that is not a finite non-negative number.
std::string FormatXlsxTimeOfDay(double value);

}  // namespace yz
