// The network at a glance for the console's home page: the stations in the caller's scope by
// status, level, host type and street, today's check-ins (since local midnight in the configured
// zone), open reports and amenities out of order. HTTP-free; api/dashboard maps it to JSON.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/local_time.h"
#include "core/result.h"
#include "domain/accounts/authorization.h"
#include "domain/checkins/checkin_repository.h"
#include "domain/stations/station_repository.h"
#include "domain/upkeep/ticket_repository.h"

namespace yz {

struct DashboardSummary {
  struct RegionCount {
    std::string code;  // a street (9 digits) or the station's own shorter region code
    std::string name;  // the region's name, or its code when it has none
    int64_t stations = 0;
  };
  int64_t stations = 0;
  int64_t checkins_today = 0;
  int64_t open_reports = 0;
  int64_t amenities_out_of_order = 0;
  std::map<std::string, int64_t> by_status;     // status code → stations
  std::map<std::string, int64_t> by_level;      // level code → stations
  std::map<std::string, int64_t> by_host_type;  // host type code, or "unknown" → stations
  std::vector<RegionCount> by_region;           // in code order
};

class DashboardService {
 public:
  // REQUIRES: every reference outlives this object. Thread-safe.
  DashboardService(StationRepository& stations, RegionRepository& regions,
                   CheckinRepository& checkins, TicketRepository& tickets, const Clock& clock,
                   TimeZone zone)
      : stations_(stations),
        regions_(regions),
        checkins_(checkins),
        tickets_(tickets),
        clock_(clock),
        zone_(std::move(zone)) {}

  Result<DashboardSummary> Summarize(const Principal& who) const;

 private:
  StationRepository& stations_;
  RegionRepository& regions_;
  CheckinRepository& checkins_;
  TicketRepository& tickets_;
  const Clock& clock_;
  const TimeZone zone_;
};

}  // namespace yz
