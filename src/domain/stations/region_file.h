// The regions file of the contract: CSV `code,name` with a header row (region names for the
// division codes that stations carry), or the first sheet of an .xlsx workbook with those columns.
#pragma once

#include <string_view>
#include <vector>

#include "domain/stations/registry_types.h"
#include "domain/stations/station_file.h"

namespace yz {

struct ParsedRegionFile {
  std::vector<Region> regions;
  std::vector<RowError> errors;  // non-empty: the file must not be applied
};

// Validates every row: a header naming exactly `code` and `name` (any order), a valid division
// code, a non-empty name of at most 50 characters, no code twice. A file that is not UTF-8 is one
// error (NotUtf8FileMessage) of its first bad line.
ParsedRegionFile ParseRegionFile(std::string_view bytes);

// The same rules over a workbook's first sheet, as ParseStationSheet (station_file.h) says.
ParsedRegionFile ParseRegionSheet(const XlsxSheet& sheet);

// The regions file in either format, as ParseStationFile with a format does.
ParsedRegionFile ParseRegionFile(std::string_view bytes, SpreadsheetFormat format);

}  // namespace yz
