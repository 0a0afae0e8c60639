// The station file of the pinned contract (section 3): a UTF-8 CSV with a header row, columns in
// any order; or, by section 8, the first sheet of an Excel workbook (.xlsx) with the same columns.
// Parsing validates every row and converts coordinates to WGS-84; it never touches a store.
// Applying the parsed rows to stored stations is StationImport's job (station_import.h).
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crs.h"
#include "core/result.h"
#include "core/xlsx/xlsx_reader.h"
#include "domain/stations/station.h"

namespace yz {

// The columns, in the order export writes them.
enum class StationColumn {
  kCode,
  kName,
  kAddress,
  kLng,
  kLat,
  kRegion,
  kHostType,
  kLevel,
  kStatus,
  kOpeningHours,
  kAmenities,
  kServices,
  kManager,
  kPhone,
  kOpenedOn,
  kInvestmentCny,
  // The station's public service line (公开服务电话), the number its call button dials; unlike
  // `phone` (the manager's personal mobile) it is published. Last, so the pinned columns keep
  // their places (ADR 0022).
  kServicePhone,
};
inline constexpr int kStationColumnCount = 17;
std::string_view StationColumnName(StationColumn c);

// One valid row: the values of the columns the file has. Columns the file lacks are not in
// `present` and keep the stored value (or the default, for a new station) when applied.
struct StationRow {
  int line = 0;  // physical line of the row
  std::bitset<kStationColumnCount> present;
  Station values;  // only the fields of present columns are meaningful

  // `base` with this row's present columns written over it. For a new station pass a
  // default Station: empty optional cells mean the default or unknown.
  Station ApplyTo(Station base) const;
};

struct RowError {
  int line = 0;
  // The station and region files word it Chinese first, then their English in parentheses:
  // "经度 lng '181' 不在 -180 到 180 之间 (lng '181' is not a longitude in [-180, 180])".
  // Scripts may match the English part, which stays as it was.
  std::string message;
};

struct ParsedStationFile {
  std::vector<StationRow> rows;  // valid rows, in file order
  std::vector<RowError> errors;  // every problem found, in line order; empty when all is well
};

// Parses and validates the whole CSV file. Header problems (missing required column, unknown or
// repeated column) are errors of line 1; a malformed row, a bad value or a code seen earlier in
// the file are errors of that row's line. A file that is not UTF-8 (GBK, as Excel in China saves
// CSV) is one error, NotUtf8FileMessage, of its first bad line. `crs` is the system of lng/lat.
ParsedStationFile ParseStationFile(std::string_view bytes, Crs crs);

// The same rules over the rows of a workbook's first sheet (xlsx_reader.h): line numbers are
// sheet row numbers, the header being the first non-empty row; empty rows are skipped as blank
// lines are; a row shorter than the header has empty cells at its end; a cell holding an error
// value (#DIV/0! …) is an error of its row.
ParsedStationFile ParseStationSheet(const XlsxSheet& sheet, Crs crs);

// The station file in either format: kCsv as ParseStationFile, kXlsx as ParseStationSheet of
// the workbook's first sheet. A workbook that cannot be read is one error of line 1, as an
// empty file is, with ReadXlsxFirstSheet's message.
ParsedStationFile ParseStationFile(std::string_view bytes, Crs crs, SpreadsheetFormat format);

// Messages of the problems that the station and the region file share, worded as RowError says.
std::string InvalidUtf8Message();
// The one error of a station or region CSV that is not UTF-8: says so, names GBK as the likely
// encoding and suggests saving as "CSV UTF-8" or importing the .xlsx itself. Its English starts
// "invalid UTF-8", as InvalidUtf8Message's does.
std::string NotUtf8FileMessage(std::size_t bad_lines);
// `reason` is CsvReader's English reason (csv.h); known reasons get their Chinese.
std::string CsvFaultMessage(std::string_view reason);
std::string FieldCountMessage(std::size_t fields, std::size_t header_fields);

// The station file of `stations` (all columns, header first, CRLF, no BOM), which
// ParseStationFile reads back to the same stations (photos and host aside).
std::string FormatStationFile(const std::vector<Station>& stations);

}  // namespace yz
