// What anyone may read about reports and tickets without an account: following one's own report by
// its number (and saying whether it is really fixed), and the Open311 GeoReport v2 view of all of
// them (public-api.md section 9). HTTP-free; api/upkeep maps it to pages, JSON and Open311.
//
// Nothing here names a person: descriptions are shown with mobile and ID-card numbers masked,
// maintainers appear only as their team, and the history says what happened, not who did it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/audit/auditor.h"
#include "domain/stations/station_directory.h"
#include "domain/upkeep/ticket_repository.h"

namespace yz {

struct PublicReport {
  std::string id;
  ReportCategory category = ReportCategory::kOther;
  std::optional<Amenity> amenity;
  std::string description;  // masked
  TicketStatus status = TicketStatus::kNew;
  bool closed = false;       // resolved, verified, rejected or merged (Open311 "closed")
  std::string status_notes;  // Chinese, what the status means for the reporter
  std::string agency;        // the team responsible, or the station's manager in general words
  UtcTime requested;
  UtcTime updated;
  std::optional<UtcTime> expected;  // the service level's due time
  std::string station_code;
  std::string station_name;
  std::string station_address;
  GeoPoint station_location;         // WGS-84
  bool asks_verdict = false;         // resolved and the reporter has not answered yet
  std::vector<TicketEvent> history;  // actor blanked
  std::vector<std::string> photos;   // the reporter's photos (files), oldest first
};

// An Open311 GET /requests query.
struct PublicReportQuery {
  std::vector<std::string> ids;  // when given, only these (other filters still apply)
  std::optional<ReportCategory> category;
  std::optional<bool> closed;
  std::optional<UtcTime> start;  // requested at or after; default now − 90 days
  std::optional<UtcTime> end;    // requested at or before
  std::size_t limit = 1000;
};

class PublicReportService {
 public:
  // REQUIRES: every reference outlives this object. Thread-safe.
  PublicReportService(TicketRepository& tickets, StationDirectory& directory, Auditor& auditor,
                      const Clock& clock)
      : tickets_(tickets), directory_(directory), auditor_(auditor), clock_(clock) {}

  // `number` as a person typed it ("482 930 1756"). A malformed number or one failing its check
  // digit → kInvalidArgument (in Chinese: check the number); unknown → kNotFound.
  Result<PublicReport> Follow(std::string_view number, bool with_history = true);
  // The reporter's answer to "is it really fixed?" (only while resolved; else kConflict).
  Result<PublicReport> Answer(std::string_view number, WorkerVerdict verdict);
  // Open311 GET /requests: newest first.
  Result<std::vector<PublicReport>> Search(const PublicReportQuery& query);

 private:
  Result<PublicReport> ToPublic(Ticket ticket, bool with_history,
                                const std::vector<MaintenanceTeam>& teams);

  TicketRepository& tickets_;
  StationDirectory& directory_;
  Auditor& auditor_;
  const Clock& clock_;
};

// The Chinese words for where a ticket stands, as the reporter should read them.
std::string StatusNotesFor(const Ticket& ticket);

}  // namespace yz
