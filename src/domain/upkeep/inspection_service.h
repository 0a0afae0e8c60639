// Inspections from the console (inspection.h): the checklist of a station, recording an
// inspection (every failed item opens a ticket with the service level of its kind), a station's
// inspections, and the due list — the stations in the caller's scope not inspected for N days
// (the city's setting `inspection_interval_days`, 30 by default), longest first. Inspecting is for
// city and region admins (the union's staff); scope as everywhere: outside it is kNotFound.
// Audited "inspection.add".
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/accounts/account.h"
#include "domain/audit/auditor.h"
#include "domain/stations/station_directory.h"
#include "domain/stations/station_repository.h"
#include "domain/upkeep/inspection.h"
#include "domain/upkeep/ticket_repository.h"

namespace yz {

struct DueStation {
  std::string code;
  std::string name;
  std::string region;
  std::optional<UtcTime> last;  // none: never inspected
};

class InspectionService {
 public:
  static constexpr int kDefaultIntervalDays = 30;

  // `new_ticket_id` draws a fresh ticket number. REQUIRES: references outlive this object.
  InspectionService(InspectionRepository& inspections, TicketRepository& tickets,
                    StandardRepository& standard, AccountRepository& settings,
                    StationDirectory& directory, Auditor& auditor, const Clock& clock,
                    std::function<std::string()> new_ticket_id,
                    TimeZone zone = TimeZone::Shanghai())
      : inspections_(inspections),
        tickets_(tickets),
        standard_(standard),
        settings_(settings),
        directory_(directory),
        auditor_(auditor),
        clock_(clock),
        new_ticket_id_(std::move(new_ticket_id)),
        zone_(zone) {}

  Result<std::vector<ChecklistItem>> Checklist(const Principal& who, std::string_view station);
  // Every checklist item must be answered once (nothing else); a failure needs a note. The
  // inspection as stored, with the tickets its failures opened.
  Result<Inspection> Record(const Caller& who, std::string_view station,
                            std::vector<InspectionItem> items, std::string note);
  Result<std::vector<Inspection>> Of(const Principal& who, std::string_view station);
  Result<std::vector<DueStation>> Due(const Principal& who, std::size_t limit = 500);
  Result<int> IntervalDays();

 private:
  Result<const Station*> InScope(const Principal& who, std::string_view station,
                                 const StationCatalog& catalog);

  InspectionRepository& inspections_;
  TicketRepository& tickets_;
  StandardRepository& standard_;
  AccountRepository& settings_;
  StationDirectory& directory_;
  Auditor& auditor_;
  const Clock& clock_;
  std::function<std::string()> new_ticket_id_;
  TimeZone zone_;  // station-local time, for the month of a seasonal service level
};

}  // namespace yz
