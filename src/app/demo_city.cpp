#include "app/demo_city.h"

#include <fmt/format.h>

#include <map>

#include "core/csv.h"
#include "core/embedded.h"
#include "domain/stations/region_file.h"
#include "domain/stations/station_import.h"

namespace yz {

std::span<const EmbeddedFile> EmbeddedDemoData();

namespace {

Error DemoBug(std::string_view file, const std::vector<RowError>& errors) {
  std::string message = fmt::format("embedded {} is invalid:", file);
  for (const auto& e : errors) message += fmt::format(" line {}: {};", e.line, e.message);
  return Error::Internal(message);
}

// demo/shouguang_hosts.csv: name,host_type,region,stations (station codes separated by '|').
Result<std::map<std::string, int64_t>> AddHosts(Store& store, std::string_view csv) {
  auto records = ParseCsv(csv);
  if (!records) return records.error();
  std::map<std::string, int64_t> host_of_station;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const auto& f = (*records)[r].fields;
    if (f.size() != 4) return Error::Internal("embedded hosts file: 4 columns expected");
    Host host;
    host.name = f[0];
    host.type = ParseHostType(f[1]).value_or(HostType::kOther);
    host.region = f[2];
    auto id = store.hosts->AddHost(host);
    if (!id) return id.error();
    std::string_view codes = f[3];
    while (!codes.empty()) {
      const auto bar = codes.find('|');
      host_of_station[std::string(codes.substr(0, bar))] = *id;
      codes = bar == std::string_view::npos ? std::string_view{} : codes.substr(bar + 1);
    }
  }
  return host_of_station;
}

}  // namespace

Result<bool> LoadDemoCityIfEmpty(Store& store) {
  auto count = store.stations->CountStations();
  if (!count) return count.error();
  if (*count > 0) return false;
  const auto files = EmbeddedDemoData();
  const auto regions_csv = FindEmbedded(files, "shouguang_regions.csv");
  const auto hosts_csv = FindEmbedded(files, "shouguang_hosts.csv");
  const auto stations_csv = FindEmbedded(files, "shouguang_stations.csv");
  if (!regions_csv || !hosts_csv || !stations_csv)
    return Error::Internal("demo data missing from the binary");

  auto regions = ParseRegionFile(*regions_csv);
  if (!regions.errors.empty()) return DemoBug("shouguang_regions.csv", regions.errors);
  YZ_TRY(store.regions->SaveRegions(regions.regions));

  // Hosts first, so that the stations are written once, with their host ids, in one transaction.
  auto host_of_station = AddHosts(store, *hosts_csv);
  if (!host_of_station) return host_of_station.error();
  const ParsedStationFile parsed = ParseStationFile(*stations_csv, Crs::kWgs84);
  if (!parsed.errors.empty()) return DemoBug("shouguang_stations.csv", parsed.errors);
  std::vector<Station> stations;
  stations.reserve(parsed.rows.size());
  for (const StationRow& row : parsed.rows) {
    Station s = row.ApplyTo(Station{});
    if (auto it = host_of_station->find(s.code); it != host_of_station->end())
      s.host_id = it->second;
    stations.push_back(std::move(s));
  }
  YZ_TRY(store.stations->SaveStations(stations));
  return true;
}

}  // namespace yz
