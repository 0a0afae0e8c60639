// The inputs of `yizhan plan` (section 7 of the pinned contract): demand points and candidate
// sites read from CSV files.
//
// Demand file: header row, then `lng,lat,weight[,group]` in any column order. `weight` is a
// finite number >= 0 (workers); `group` is a worker-category code (`sanitation`, `courier` …) or
// empty. Candidate file: header row, then `id,lng,lat[,cost][,host_type]` in any order. `id` is
// non-empty and unique in the file; `cost` is a finite number of yuan >= 0 or empty (unknown);
// `host_type` a host-type code or empty. Both files: UTF-8 with or without BOM, RFC 4180; an
// unknown, repeated or missing column is an error of line 1; a bad value is an error of its
// physical line; coordinates are read in `crs` and held as WGS-84.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crs.h"
#include "core/geo.h"
#include "domain/stations/codes.h"
#include "domain/stations/station_file.h"  // RowError

namespace yz {

struct DemandPoint {
  GeoPoint location;                    // WGS-84
  double weight = 0;                    // >= 0
  std::optional<WorkerCategory> group;  // nullopt when the file gives none
};

struct CandidateSite {
  std::string id;
  GeoPoint location;        // WGS-84
  GeoPoint input_location;  // as written in the file (in the file's crs)
  std::optional<double> cost;          // yuan, >= 0; nullopt when unknown
  std::optional<HostType> host_type;
  int line = 0;                        // physical line in the file
};

struct ParsedDemandFile {
  std::vector<DemandPoint> points;  // valid rows, in file order
  std::vector<RowError> errors;     // every problem, in line order; empty when all is well
};

struct ParsedCandidateFile {
  std::vector<CandidateSite> sites;
  std::vector<RowError> errors;
};

ParsedDemandFile ParseDemandFile(std::string_view bytes, Crs crs);
ParsedCandidateFile ParseCandidateFile(std::string_view bytes, Crs crs);

}  // namespace yz
