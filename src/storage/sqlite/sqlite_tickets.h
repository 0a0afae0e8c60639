// The embedded store's TicketRepository (domain/upkeep): tickets in `reports`, their history,
// teams and service levels, on the store's shared connection.
#pragma once

#include <mutex>

#include "domain/upkeep/inspection.h"
#include "domain/upkeep/supplies.h"
#include "domain/upkeep/ticket_repository.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

// Also the Inspection- and SupplyRepository: inspections and supplies are the same area's
// (sqlite_inspections.cpp).
class SqliteTickets final : public TicketRepository,
                            public InspectionRepository,
                            public SupplyRepository {
 public:
  // `db` is guarded by `mutex`; both outlive this object.
  SqliteTickets(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  Result<std::optional<Ticket>> FindTicket(std::string_view id) override;
  Result<std::vector<Ticket>> ListTickets(const TicketFilter& filter) override;
  Result<std::vector<Ticket>> OpenTicketsOf(std::string_view station,
                                            std::optional<Amenity> amenity) override;
  Result<std::vector<Amenity>> ReportedAmenities(std::string_view station) override;
  Result<std::vector<TicketEvent>> History(std::string_view id) override;
  Result<Ticket> ApplyChange(const TicketChange& change) override;
  Result<Ticket> OpenTicket(const Ticket& ticket, const TicketEvent& opened) override;
  Result<std::vector<OverdueLine>> OverdueByRegion(std::string_view region, int group_digits,
                                                   UtcTime now) override;
  Result<std::vector<OverdueLine>> OverdueByTeam(std::string_view region, UtcTime now) override;
  Result<std::vector<OnTimeCount>> OnTime(std::string_view region, UtcTime since, UtcTime until,
                                          bool by_team, int group_digits) override;
  Result<std::vector<Ticket>> DueForEscalation(UtcTime now, std::size_t limit) override;
  Result<std::vector<std::string>> MarkEscalated(const std::vector<std::string>& ids,
                                                 UtcTime now) override;
  Result<std::vector<TicketPhoto>> ListPhotos(std::string_view id) override;
  Result<std::optional<std::string>> ReporterDevice(std::string_view id) override;
  Result<void> AddPhoto(std::string_view id, const TicketPhoto& photo) override;
  Result<std::vector<MaintenanceTeam>> ListTeams() override;
  Result<MaintenanceTeam> SaveTeam(const MaintenanceTeam& team, UtcTime now) override;
  Result<std::vector<ServiceLevel>> ListServiceLevels() override;
  Result<void> ReplaceServiceLevels(const std::vector<ServiceLevel>& levels) override;

  Result<int64_t> AddInspection(const Inspection& inspection) override;
  Result<std::vector<Inspection>> InspectionsOf(std::string_view station,
                                                std::size_t limit) override;
  Result<std::unordered_map<std::string, UtcTime>> LastInspections() override;

  Result<std::vector<SupplyItem>> Catalogue() override;
  Result<void> SaveItem(const SupplyItem& item) override;
  Result<std::vector<SupplyEntry>> Ledger(std::string_view station) override;
  Result<int64_t> AddEntry(const SupplyEntry& entry) override;
  Result<std::unordered_map<std::string, int>> Minimums(std::string_view station) override;
  Result<void> SetMinimum(std::string_view station, std::string_view item, int minimum) override;
  Result<std::vector<std::string>> StationsWithSupplies() override;

 private:
  Result<std::vector<Ticket>> Query(std::string_view sql,
                                    const std::vector<std::variant<std::string, int64_t>>& params);
  Result<std::optional<Ticket>> FindLocked(std::string_view id);
  Result<void> AddEvent(std::string_view id, const TicketEvent& e);
  Result<std::vector<OverdueLine>> Overdue(std::string_view key_sql, std::string_view region,
                                           UtcTime now);

  Database& db_;
  std::mutex& mutex_;
};

}  // namespace yz::sqlite
