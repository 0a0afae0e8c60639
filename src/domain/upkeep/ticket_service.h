// The console's side of maintenance tickets: listing, triage (assign, merge into a likely
// duplicate, reject), the repair steps, verification, teams, service levels and the overdue
// board. HTTP-free; api/upkeep maps its results.
//
// Rules:
//   - A ticket belongs to its station: outside the caller's scope it is kNotFound.
//   - Triage, verification, teams and service levels are the managers' (city and region admins,
//     station managers; teams city and region admins; service levels the city's admin). A
//     maintainer sees and works the tickets of the stations in their scope (start, wait for parts,
//     resolve); "mine" lists those assigned to them or to a team they are in.
//   - Every change names the version of the ticket it was made on; a stale one → kConflict.
//   - Every change is audited ("ticket.<action>", object "ticket:<id>"), also when refused.
//   - Resolving a ticket about an amenity sets that amenity back to working (FacilityReset).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/accounts/account.h"
#include "domain/audit/auditor.h"
#include "domain/stations/station_directory.h"
#include "domain/upkeep/ticket_repository.h"

namespace yz {

// Sets `amenity` of `station` back to working in the registry, as `who` (audited there).
using FacilityReset =
    std::function<Result<void>(const Caller& who, std::string_view station, Amenity amenity)>;

enum class TicketAction : uint8_t {
  kAssign,  // new|assigned|in_progress|waiting_parts|resolved → assigned (needs a person or team)
  kStart,   // assigned|waiting_parts → in_progress
  kWaitParts,  // in_progress → waiting_parts
  kResolve,    // assigned|in_progress|waiting_parts → resolved
  kVerify,     // resolved → verified
  kReject,     // open → rejected (needs a reason)
  kMerge,      // open → merged (needs an open ticket of the same station and facility)
};
std::string_view TicketActionCode(TicketAction a);   // "assign", …
std::string_view TicketActionLabel(TicketAction a);  // "派单", …
std::optional<TicketAction> ParseTicketAction(std::string_view code);

struct TicketCommand {
  TicketAction action = TicketAction::kAssign;
  int64_t version = 0;                  // the version the caller saw
  std::optional<std::string> assignee;  // kAssign: a console account
  std::optional<int64_t> team_id;       // kAssign: a team
  std::string into;                     // kMerge: the surviving ticket
  std::string note;                     // kReject: the reason (required); otherwise optional
};

struct TicketView {
  Ticket ticket;
  std::string station_name;
  std::string station_address;
  std::optional<GeoPoint> station_location;  // WGS-84; none when the station is gone
  std::string team_name;                     // "" without a team
};

struct TicketDetail {
  TicketView view;
  std::vector<TicketEvent> history;
  std::vector<TicketView> likely_duplicates;  // open tickets of the same station and facility
  std::vector<TicketPhoto> photos;            // oldest first
};

// The overdue board: open and overdue tickets per region and per team, and the on-time rate of the
// last 30 days.
struct OverdueBoard {
  std::vector<OverdueLine> by_region;
  std::vector<OverdueLine> by_team;
  std::vector<OnTimeCount> on_time_by_region;
  std::vector<OnTimeCount> on_time_by_team;
  std::vector<MaintenanceTeam> teams;  // for the names
};

class TicketService {
 public:
  // REQUIRES: every reference outlives this object. Thread-safe.
  TicketService(TicketRepository& tickets, AccountRepository& accounts, StationDirectory& directory,
                Auditor& auditor, const Clock& clock, FacilityReset reset_facility)
      : tickets_(tickets),
        accounts_(accounts),
        directory_(directory),
        auditor_(auditor),
        clock_(clock),
        reset_facility_(std::move(reset_facility)) {}

  // Tickets in the caller's scope passing `filter` (its scope fields are set here). `mine`: only
  // those assigned to the caller or a team the caller is in.
  Result<std::vector<TicketView>> List(const Principal& who, TicketFilter filter, bool mine);
  Result<TicketDetail> Get(const Principal& who, std::string_view id);
  Result<TicketDetail> Act(const Caller& who, std::string_view id, const TicketCommand& command);

  // Who ticket `id` may be assigned to: enabled maintainers whose scope reaches its station, and
  // the teams the caller sees.
  struct Assignees {
    std::vector<std::string> maintainers;
    std::vector<MaintenanceTeam> teams;
  };
  Result<Assignees> AssigneesFor(const Principal& who, std::string_view id);

  // The board under `region` (2 to 12 digits, within the caller's scope), grouped one level below
  // it; with no region, the caller's whole scope (every region of it, and its single stations).
  Result<OverdueBoard> Board(const Principal& who, std::string_view region);

  Result<std::vector<MaintenanceTeam>> Teams(const Principal& who);
  Result<MaintenanceTeam> SaveTeam(const Caller& who, MaintenanceTeam team);
  Result<std::vector<ServiceLevel>> ServiceLevels();
  Result<void> SetServiceLevels(const Caller& who, const std::vector<ServiceLevel>& levels);

 private:
  Result<TicketView> ViewOf(Ticket ticket, const std::vector<MaintenanceTeam>* teams);
  Result<void> AddRegionToBoard(OverdueBoard& board, std::string_view region, UtcTime now);
  Result<void> AddStationsToBoard(OverdueBoard& board, const std::vector<std::string>& stations,
                                  UtcTime now);

  TicketRepository& tickets_;
  AccountRepository& accounts_;
  StationDirectory& directory_;
  Auditor& auditor_;
  const Clock& clock_;
  FacilityReset reset_facility_;
};

}  // namespace yz
