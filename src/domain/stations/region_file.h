// The regions file of the contract: CSV `code,name` with a header row (region names for the
// division codes that stations carry).
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
// code, a non-empty name of at most 50 characters, no code twice, valid UTF-8.
ParsedRegionFile ParseRegionFile(std::string_view bytes);

}  // namespace yz
