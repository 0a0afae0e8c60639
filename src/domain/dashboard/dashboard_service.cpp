#include "domain/dashboard/dashboard_service.h"

#include <unordered_map>
#include <unordered_set>

#include "domain/stations/codes.h"

namespace yz {

Result<DashboardSummary> DashboardService::Summarize(const Principal& who) const {
  auto all = stations_.ListStations();
  if (!all) return all.error();
  auto regions = regions_.ListRegions();
  if (!regions) return regions.error();
  auto today = checkins_.CheckinCountsSince(zone_.StartOfLocalDay(clock_.Now()));
  if (!today) return today.error();
  TicketFilter open;
  open.unrestricted = true;
  open.open_only = true;
  open.now = clock_.Now();
  open.limit = 1'000'000;
  auto open_reports = tickets_.ListTickets(open);
  if (!open_reports) return open_reports.error();

  DashboardSummary out;
  std::map<std::string, int64_t> by_region;
  std::unordered_set<std::string_view> mine;
  for (const Station& s : *all) {
    if (!who.CanReachStation(s.code, s.region)) continue;
    ++out.stations;
    mine.insert(s.code);
    ++out.by_status[std::string(StationStatusCode(s.status))];
    ++out.by_level[std::string(LevelCode(s.level))];
    ++out.by_host_type[s.host_type ? std::string(HostTypeCode(*s.host_type)) : "unknown"];
    ++by_region[s.region.size() >= 9 ? s.region.substr(0, 9) : s.region];
    if (auto it = today->find(s.code); it != today->end()) out.checkins_today += it->second;
    for (const auto& a : s.amenities)
      out.amenities_out_of_order += a.state != AmenityState::kWorking;
  }
  for (const Ticket& r : *open_reports) out.open_reports += mine.contains(r.station_code);
  std::unordered_map<std::string, std::string> names;
  for (const Region& region : *regions) names.emplace(region.code, region.name);
  for (const auto& [code, count] : by_region) {
    const auto name = names.find(code);
    out.by_region.push_back({code, name == names.end() ? code : name->second, count});
  }
  return out;
}

}  // namespace yz
