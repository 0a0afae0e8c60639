// The part every import of contract section 8 shares: a CSV file or the first sheet of an .xlsx
// workbook, its header row checked against the columns an import knows, and its data rows with
// their line numbers (sheet row numbers for a workbook). Row values are left to the import.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/xlsx/xlsx_reader.h"
#include "domain/stations/station_file.h"

namespace yz {

struct TableFile {
  std::vector<std::string> header;  // trimmed column names, in file order
  // Data rows with as many fields as the header (a sheet's short rows padded with ""); rows with
  // a wrong field count or an error cell are not here but in `errors`.
  std::vector<CsvRecord> rows;
  // Problems found so far, in line order (the whole file's, the header's, the rows' own). A
  // non-empty list means the file must not be applied, though the import still checks `rows`
  // so that every bad row is reported at once.
  std::vector<RowError> errors;

  // The column's index in `header`, or -1.
  int Column(std::string_view name) const;
  // The trimmed value of `name` in `row` ("" when the file has no such column).
  std::string Value(const CsvRecord& row, std::string_view name) const;
};

// Reads the file. A CSV that is not UTF-8 is one error (NotUtf8FileMessage); a malformed CSV or
// an unreadable workbook is one error. The header must name every column of `required`, only
// columns of `known` (which includes `required`), each once; an empty file is an error of line 1.
TableFile ReadTableFile(std::string_view bytes, SpreadsheetFormat format,
                        std::span<const std::string_view> known,
                        std::span<const std::string_view> required);

}  // namespace yz
