// Storage of tickets, their history, maintenance teams and service levels. Workers' reports are
// written by the check-in area's durable path (CheckinRepository::RecordReport) straight into the
// ticket table; everything after that goes through here. Every call is safe from several threads;
// a failing call changes nothing.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/upkeep/ticket.h"

namespace yz {

// One change to a ticket, applied only if the ticket is still at `expected_version` (else
// kConflict: someone else changed it first). The new row and its event are written together.
struct TicketChange {
  Ticket after;  // the whole ticket as it should stand; `version` is set by the store
  TicketEvent event;
  int64_t expected_version = 0;
};

class TicketRepository;

// Opens `ticket` (TicketRepository::OpenTicket) under a number drawn from `new_id`, drawing again
// while the number is taken (a few times): the tickets that inspections and the supplies ledger
// open themselves.
Result<Ticket> OpenWithNewNumber(TicketRepository& tickets, Ticket ticket,
                                 const TicketEvent& opened,
                                 const std::function<std::string()>& new_id);

class TicketRepository {
 public:
  virtual ~TicketRepository() = default;

  virtual Result<std::optional<Ticket>> FindTicket(std::string_view id) = 0;
  // Tickets passing `filter`, newest first (ties by id), at most filter.limit.
  virtual Result<std::vector<Ticket>> ListTickets(const TicketFilter& filter) = 0;
  // Open tickets of `station` (optionally only those of `amenity`), newest first: the likely
  // duplicates a manager may merge into.
  virtual Result<std::vector<Ticket>> OpenTicketsOf(std::string_view station,
                                                    std::optional<Amenity> amenity) = 0;
  // The amenities of `station` with an open ticket (shown 已报修 on the station's page).
  virtual Result<std::vector<Amenity>> ReportedAmenities(std::string_view station) = 0;
  virtual Result<std::vector<TicketEvent>> History(std::string_view id) = 0;

  // Applies `change` (see TicketChange); the ticket as stored.
  virtual Result<Ticket> ApplyChange(const TicketChange& change) = 0;
  // Opens a ticket that no worker filed (an inspection's failed item, a supplies alert, staff):
  // `ticket.id` must be fresh (kConflict otherwise); its due time is set from the service levels
  // by the caller.
  virtual Result<Ticket> OpenTicket(const Ticket& ticket, const TicketEvent& opened) = 0;

  // The overdue board over open tickets under region prefix `region` ("" = all), grouped by the
  // first `group_digits` digits of the region (2 province, 4 city, 6 county, 9 street).
  virtual Result<std::vector<OverdueLine>> OverdueByRegion(std::string_view region,
                                                           int group_digits, UtcTime now) = 0;
  // The same, grouped by team (key = team id as text, "" for tickets without a team).
  virtual Result<std::vector<OverdueLine>> OverdueByTeam(std::string_view region, UtcTime now) = 0;
  // Tickets with a service level resolved in [since, until) under `region`, grouped by team
  // (`by_team`) or by the region's first `group_digits` digits.
  virtual Result<std::vector<OnTimeCount>> OnTime(std::string_view region, UtcTime since,
                                                  UtcTime until, bool by_team,
                                                  int group_digits) = 0;

  // The service-level sweep: open tickets past due at `now` not yet escalated, most overdue
  // first, at most `limit`; and marking them escalated (each with an "overdue" event by
  // "system") in one transaction, returning those marked (not those closed or escalated
  // meanwhile).
  virtual Result<std::vector<Ticket>> DueForEscalation(UtcTime now, std::size_t limit) = 0;
  virtual Result<std::vector<std::string>> MarkEscalated(const std::vector<std::string>& ids,
                                                         UtcTime now) = 0;

  // A ticket's photos, oldest first; adding one to an unknown ticket → kNotFound.
  virtual Result<std::vector<TicketPhoto>> ListPhotos(std::string_view id) = 0;
  // The keyed hash of the device a worker filed the report with: "" when none was given, nullopt
  // for an unknown ticket (never shown; it only lets that phone add photos).
  virtual Result<std::optional<std::string>> ReporterDevice(std::string_view id) = 0;
  virtual Result<void> AddPhoto(std::string_view id, const TicketPhoto& photo) = 0;

  virtual Result<std::vector<MaintenanceTeam>> ListTeams() = 0;
  // Creates (team.id == 0) or replaces a team with its members; the team as stored. A name
  // already used by another team → kConflict.
  virtual Result<MaintenanceTeam> SaveTeam(const MaintenanceTeam& team, UtcTime now) = 0;

  virtual Result<std::vector<ServiceLevel>> ListServiceLevels() = 0;
  // Replaces every service level of the city at once.
  virtual Result<void> ReplaceServiceLevels(const std::vector<ServiceLevel>& levels) = 0;
};

}  // namespace yz
