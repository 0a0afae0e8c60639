// Maintenance tickets (报修工单): what happens to a worker's report, an inspection's failed item or
// a supplies alert until the station works again. A worker's report is the first state of its
// ticket and shares its id, the report number (ADR 0016).
//
// Life of a ticket:
//   new → assigned → in_progress ⇄ waiting_parts → resolved → verified
//   new | assigned | in_progress | waiting_parts → rejected (with a reason) or merged (into an open
//   ticket of the same station); resolved → assigned again when the fix did not hold.
// "Open" means new, assigned, in_progress or waiting_parts: the service level's clock runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_time.h"
#include "domain/checkins/checkin.h"
#include "domain/stations/codes.h"

namespace yz {

enum class TicketStatus : uint8_t {
  kNew,
  kAssigned,
  kInProgress,
  kWaitingParts,
  kResolved,
  kVerified,
  kRejected,
  kMerged,
};
inline constexpr int kTicketStatusCount = 8;
std::string_view TicketStatusCode(TicketStatus s);   // "new", "assigned", …
std::string_view TicketStatusLabel(TicketStatus s);  // "待分派", "已派单", …
std::optional<TicketStatus> ParseTicketStatus(std::string_view code);
// New, assigned, in progress or waiting for parts.
bool IsOpen(TicketStatus s);
// The SQL list of the open statuses' codes, for storage queries: "'new', 'assigned', …".
std::string_view OpenStatusesSql();

// Where a ticket came from.
enum class TicketSource : uint8_t { kWorker, kInspection, kSupplies, kStaff };
std::string_view TicketSourceCode(TicketSource s);
std::string_view TicketSourceLabel(TicketSource s);
std::optional<TicketSource> ParseTicketSource(std::string_view code);

// What the worker who reported said when asked whether it is really fixed.
enum class WorkerVerdict : uint8_t { kNone, kFixed, kNotFixed };
std::string_view WorkerVerdictCode(WorkerVerdict v);  // "", "fixed", "not_fixed"
WorkerVerdict ParseWorkerVerdict(std::string_view code);

struct Ticket {
  std::string id;  // the report number
  std::string station_code;
  std::string region;  // the station's region when the ticket was opened
  ReportCategory category = ReportCategory::kOther;
  std::optional<Amenity> amenity;
  std::string description;
  TicketSource source = TicketSource::kWorker;
  TicketStatus status = TicketStatus::kNew;
  UtcTime at;                           // opened
  UtcTime updated_at;                   // last change
  std::optional<UtcTime> due_at;        // by the service level; none for suggestions
  std::optional<std::string> assignee;  // a console account's username
  std::optional<int64_t> team_id;
  std::optional<std::string> merged_into;
  std::optional<UtcTime> resolved_at;
  std::optional<UtcTime> closed_at;  // resolved, verified, rejected or merged
  std::string status_note;           // the latest reason or note (rejection reason, fix note)
  WorkerVerdict verdict = WorkerVerdict::kNone;
  int64_t version = 1;                  // +1 on every change: a change names the version it saw
  std::optional<UtcTime> escalated_at;  // when the sweep found it overdue and told the station

  bool overdue(UtcTime now) const { return IsOpen(status) && due_at && *due_at < now; }
};

// One step in a ticket's history.
struct TicketEvent {
  UtcTime at;
  std::string actor;   // a username, "worker" (the reporter) or "system"
  std::string action;  // "opened", "assigned", "started", "waiting_parts", "resolved", …
  TicketStatus status = TicketStatus::kNew;  // the status after the step
  std::string note;
};

// A photo of a ticket: the reporter's, or the maintainer's before and after.
enum class PhotoKind : uint8_t { kReport, kBefore, kAfter };
std::string_view PhotoKindCode(PhotoKind k);   // "report", "before", "after"
std::string_view PhotoKindLabel(PhotoKind k);  // "报修照片", "维修前", "维修后"
std::optional<PhotoKind> ParsePhotoKind(std::string_view code);

struct TicketPhoto {
  std::string file;  // "<random>.jpg"
  PhotoKind kind = PhotoKind::kBefore;
  int width = 0;
  int height = 0;
  UtcTime at;
  std::string actor;  // a username, or "worker"
};

// A maintenance team (管理维护工作队) and the accounts in it.
struct MaintenanceTeam {
  int64_t id = 0;
  std::string name;
  std::string region;
  std::vector<std::string> members;  // usernames
};

// The city's service level for a category, optionally an amenity and months of the year.
struct ServiceLevel {
  ReportCategory category = ReportCategory::kOther;
  std::optional<Amenity> amenity;
  uint16_t months = 0;  // bit 0 = January; 0 = the whole year
  int hours = 72;       // 1..8760
  friend bool operator==(const ServiceLevel&, const ServiceLevel&) = default;
};

// The hours of the most specific level for a ticket of `category` and `amenity` opened in local
// `month` (1..12): a level naming the amenity beats one that does not, one naming months beats
// the whole year. nullopt when none applies (no due time). The SQL of storage/ticket_sql.cpp
// chooses the same for the workers' reports.
std::optional<int> ServiceLevelHours(const std::vector<ServiceLevel>& levels,
                                     ReportCategory category, std::optional<Amenity> amenity,
                                     int month);

// The team whose region covers `region` most closely (the longest region code), or nullopt.
std::optional<int64_t> TeamCovering(const std::vector<MaintenanceTeam>& teams,
                                    std::string_view region);

// Which tickets a listing wants. Empty fields do not filter.
struct TicketFilter {
  std::vector<std::string> regions;   // region prefixes, any of them (the caller's scope)
  std::vector<std::string> stations;  // station codes, any of them (the caller's scope)
  bool unrestricted = false;          // true: regions and stations are ignored (a whole-city admin)
  std::string station;                // one station
  std::string region;                 // a region prefix
  std::optional<TicketStatus> status;
  bool open_only = false;
  bool closed_only = false;  // resolved, verified, rejected or merged
  std::optional<ReportCategory> category;
  bool overdue_only = false;  // open and past due at `now`
  std::string assignee;
  std::optional<int64_t> team_id;
  std::optional<UtcTime> since;  // opened at or after
  std::optional<UtcTime> until;  // opened before
  UtcTime now;
  std::size_t limit = 200;
};

// A line of the overdue board: one region (or team) and its open tickets.
struct OverdueLine {
  std::string key;  // a region code, or a team id as text ("" for no team)
  int64_t open = 0;
  int64_t overdue = 0;
  std::optional<UtcTime> oldest_due;  // the most overdue ticket's due time
};

// Tickets closed in a period, for the on-time rate.
struct OnTimeCount {
  std::string key;       // a region code or a team id as text
  int64_t resolved = 0;  // resolved (or verified) with a service level
  int64_t on_time = 0;   // of which by their due time
};

}  // namespace yz
