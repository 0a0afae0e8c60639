#include "domain/upkeep/ticket_repository.h"

namespace yz {

Result<Ticket> OpenWithNewNumber(TicketRepository& tickets, Ticket ticket,
                                 const TicketEvent& opened,
                                 const std::function<std::string()>& new_id) {
  Result<Ticket> stored = Error::Conflict("no number drawn");
  for (int attempt = 0; attempt < 5 && !stored && stored.error().code == ErrorCode::kConflict;
       ++attempt) {
    ticket.id = new_id();
    stored = tickets.OpenTicket(ticket, opened);
  }
  return stored;
}

}  // namespace yz
