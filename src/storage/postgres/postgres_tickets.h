// The PostgreSQL TicketRepository (domain/upkeep): tickets in `reports`, their history,
// teams and service levels, on the store's shared pool.
#pragma once

#include "domain/upkeep/inspection.h"
#include "domain/upkeep/supplies.h"
#include "domain/upkeep/ticket_repository.h"
#include "storage/postgres/connection_pool.h"

namespace yz::pg {

// Also the Inspection- and SupplyRepository: inspections and supplies are the same area's
// (postgres_inspections.cpp).
class PostgresTickets final : public TicketRepository,
                              public InspectionRepository,
                              public SupplyRepository {
 public:
  // REQUIRES: `pool` outlives this object.
  explicit PostgresTickets(ConnectionPool& pool) : pool_(pool) {}

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
  ConnectionPool& pool_;
};

}  // namespace yz::pg
