#include "domain/stations/station_import.h"

#include <unordered_map>

namespace yz {

Result<StationImportOutcome> ImportStationFile(StationRepository& stations, std::string_view bytes,
                                               Crs crs, SpreadsheetFormat format) {
  StationImportOutcome outcome;
  ParsedStationFile parsed = ParseStationFile(bytes, crs, format);
  if (!parsed.errors.empty()) {
    outcome.errors = std::move(parsed.errors);
    return outcome;
  }
  auto existing = stations.ListStations();
  if (!existing) return existing.error();
  std::unordered_map<std::string_view, const Station*> by_code;
  by_code.reserve(existing->size());
  for (const Station& s : *existing) by_code.emplace(s.code, &s);

  std::vector<Station> to_save;
  to_save.reserve(parsed.rows.size());
  for (const StationRow& row : parsed.rows) {
    const auto it = by_code.find(row.values.code);
    if (it == by_code.end()) {
      to_save.push_back(row.ApplyTo(Station{}));
      ++outcome.created;
      continue;
    }
    Station merged = row.ApplyTo(*it->second);
    ++outcome.updated;
    if (SameStation(merged, *it->second)) {
      ++outcome.unchanged;
      continue;
    }
    to_save.push_back(std::move(merged));
  }
  if (!to_save.empty()) YZ_TRY(stations.SaveStations(to_save));
  return outcome;
}

}  // namespace yz
