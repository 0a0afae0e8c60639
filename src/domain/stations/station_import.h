// Importing a station file into the registry: all or nothing.
#pragma once

#include <string_view>
#include <vector>

#include "core/crs.h"
#include "core/result.h"
#include "domain/stations/station_file.h"
#include "domain/stations/station_repository.h"

namespace yz {

struct StationImportOutcome {
  std::vector<RowError> errors;  // non-empty: nothing was written
  int created = 0;
  int updated = 0;    // rows naming an existing code (unchanged ones included)
  int unchanged = 0;  // of `updated`, those whose stored values were already the same
};

// Validates every row of `bytes` (see ParseStationFile; `format` says whether they are a CSV file
// or an .xlsx workbook); when all are valid, inserts new codes and updates existing ones (columns
// absent from the file keep their stored values) in one transaction. A store failure → the
// Error, and nothing written.
Result<StationImportOutcome> ImportStationFile(StationRepository& stations, std::string_view bytes,
                                               Crs crs,
                                               SpreadsheetFormat format = SpreadsheetFormat::kCsv);

}  // namespace yz
