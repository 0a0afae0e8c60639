// Station administration for the console: the stations, regions and hosts in the caller's scope,
// creating and changing stations, station files in and out, and the amenity standard.
// HTTP-free; api/stations parses requests into these calls and maps the results.
//
// Rules it owns:
//   - scope: a station, region or host outside the caller's scope is kNotFound, exactly as if
//     absent; a file row naming one is an error of its line (the import stays all or nothing);
//   - a station manager may not move a station to another region (kForbidden);
//   - only city and region admins and station managers see phone numbers in clear, and each
//     such view is audited ("station.phone_view");
//   - every change, every export (it carries phones in clear) and every plaque is audited.
// Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/crs.h"
#include "core/result.h"
#include "domain/audit/auditor.h"
#include "domain/stations/station_directory.h"
#include "domain/stations/station_file.h"
#include "domain/stations/station_import.h"

namespace yz {

struct StationFilter {
  std::string region;  // "" = any; else stations whose region lies under it
  std::optional<StationStatus> status;
  std::string text;  // "" = any; else a substring of the code, name or address
};

struct VisibleRegion {
  Region region;
  bool in_scope = false;  // false: shown only because stations in scope lie under it
};

// An import refused: every row error, nothing written.
struct ImportRefusal {
  std::vector<RowError> errors;
};

class StationAdminService {
 public:
  // REQUIRES: every reference outlives this object.
  StationAdminService(StationRepository& stations, RegionRepository& regions, HostRepository& hosts,
                      StandardRepository& standard, StationDirectory& directory, Auditor& auditor)
      : stations_(stations),
        regions_(regions),
        hosts_(hosts),
        standard_(standard),
        directory_(directory),
        auditor_(auditor) {}

  static bool MaySeePhones(Role role);

  // Stations in scope matching `filter`, in code order, read from the in-memory registry (never a
  // read of every row of the store): `offset` matches skipped, then at most `limit` (0: all of
  // them); `total` counts every match.
  struct Page {
    std::vector<Station> stations;
    std::size_t total = 0;
  };
  Result<Page> List(const Principal& who, const StationFilter& filter, std::size_t offset = 0,
                    std::size_t limit = 0);
  // One station as stored; `reveal_phone` asks for the phone in clear (kForbidden for roles that
  // may not see it; audited when granted).
  Result<Station> Get(const Caller& who, std::string_view code, bool reveal_phone);
  // `proposed` is the parsed request, or why it could not be parsed (then audited and returned).
  // A region outside scope → kNotFound; a code taken → kConflict; an unknown host →
  // kInvalidArgument.
  Result<Station> Create(const Caller& who, Result<Station> proposed);
  // `apply` turns the stored station into the changed one (or says why it cannot). The audit
  // entry says what changed, old → new (DescribeStationChange), after `reason` when the change
  // is not a person's edit ("报修单修好，设施恢复正常").
  Result<Station> Update(const Caller& who, std::string_view code,
                         const std::function<Result<Station>(const Station&)>& apply,
                         std::string_view reason = {});

  // A station file (CSV, section 3 of the contract, or an .xlsx workbook, section 8, known by its
  // content), all or nothing within the caller's scope.
  // Row errors → the refusal; store errors → the Error.
  Result<std::variant<StationImportOutcome, ImportRefusal>> Import(const Caller& who,
                                                                   std::string_view bytes, Crs crs);
  // Every station in scope for an export in `format` (audited: the file carries phones in clear).
  Result<std::vector<Station>> ForExport(const Caller& who, std::string_view format);

  // The station for a plaque (audited "station.plaque"), and a region's open stations for a sheet
  // of plaques (audited "region.plaques"); the amenity standard printed on them.
  Result<Station> ForPlaque(const Caller& who, std::string_view code, std::string_view size);
  Result<std::vector<Station>> ForRegionPlaques(const Caller& who, std::string_view region);
  Result<std::vector<Amenity>> StandardAmenities() { return standard_.StandardAmenities(); }

  // Regions that matter to the caller: in scope, or above a region or station in scope.
  Result<std::vector<VisibleRegion>> Regions(const Principal& who);
  // Inserts or renames a region in scope. `name` 1–100 characters after trimming.
  Result<Region> SaveRegion(const Caller& who, std::string_view code, std::string_view name);
  // Hosts with no region or a visible one.
  Result<std::vector<Host>> Hosts(const Principal& who);
  Result<Host> AddHost(const Caller& who, Host host);

 private:
  Result<void> CheckHostExists(int64_t host_id);

  StationRepository& stations_;
  RegionRepository& regions_;
  HostRepository& hosts_;
  StandardRepository& standard_;
  StationDirectory& directory_;
  Auditor& auditor_;
};

}  // namespace yz
