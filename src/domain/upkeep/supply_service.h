// The supplies ledger from the console and the daily check (supplies.h). Station managers,
// maintainers and admins record restocks, uses and discards of the stations in their scope;
// managers and admins set minimums. The daily check turns a station's alerts into one restocking
// ticket for the team (source "supplies", category supplies, the first-aid kit when a medicine
// is concerned) unless one is still open. Audited "supply.entry", "supply.minimum".
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/audit/auditor.h"
#include "domain/stations/station_directory.h"
#include "domain/upkeep/supplies.h"
#include "domain/upkeep/ticket_repository.h"

namespace yz {

struct StationSupplies {
  std::vector<SupplyBatch> batches;
  std::vector<SupplyAlert> alerts;
  std::unordered_map<std::string, int> minimums;
  std::vector<SupplyEntry> recent;  // the newest 100 entries, newest first
};

class SupplyService {
 public:
  // REQUIRES: references outlive this object. `new_ticket_id` draws a ticket number.
  SupplyService(SupplyRepository& supplies, TicketRepository& tickets, StationDirectory& directory,
                Auditor& auditor, const Clock& clock, TimeZone zone,
                std::function<std::string()> new_ticket_id)
      : supplies_(supplies),
        tickets_(tickets),
        directory_(directory),
        auditor_(auditor),
        clock_(clock),
        zone_(zone),
        new_ticket_id_(std::move(new_ticket_id)) {}

  Result<std::vector<SupplyItem>> Catalogue() { return supplies_.Catalogue(); }
  // The city's catalogue, kept by a city admin (the route's role): code a-z 0-9 _ (1–32), name
  // 1–40 and unit 1–8 characters, default minimum 0–10000; an item keeps its code for good (the
  // ledgers name it). Audited "supply.catalogue".
  Result<SupplyItem> SaveItem(const Caller& who, SupplyItem item);
  Result<StationSupplies> Of(const Principal& who, std::string_view station);
  // Item not in the catalogue, quantity outside 1..100000, a medicine restocked without an expiry
  // date, a use or discard without a batch → kInvalidArgument; more than the batch holds →
  // kConflict. The entry as stored.
  Result<SupplyEntry> Record(const Caller& who, std::string_view station, SupplyEntry entry);
  Result<void> SetMinimum(const Caller& who, std::string_view station, std::string_view item,
                          int minimum);
  // Whether the station's first-aid kit holds a medicine past its date (the station page).
  Result<bool> FirstAidNeedsRestock(std::string_view station);
  // The daily check over every station with supplies: opens restocking tickets; their count.
  Result<int> OpenRestockTickets();

 private:
  Result<const Station*> InScope(const Principal& who, std::string_view station,
                                 const StationCatalog& catalog);
  Date Today() const;

  SupplyRepository& supplies_;
  TicketRepository& tickets_;
  StationDirectory& directory_;
  Auditor& auditor_;
  const Clock& clock_;
  TimeZone zone_;
  std::function<std::string()> new_ticket_id_;
};

}  // namespace yz
