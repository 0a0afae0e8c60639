// The console's routes of the upkeep area (tickets, the overdue board, teams, service levels) and
// its pages /admin/reports (the tickets) and /admin/upkeep (the board). Thin handlers over
// TicketService (domain/upkeep); the routes are listed in docs/authorization-matrix.md.
#pragma once

#include "api/console/console_routes.h"
#include "core/clock.h"
#include "domain/upkeep/ticket_photo_service.h"
#include "domain/upkeep/ticket_service.h"

namespace yz {

struct TicketRouteContext {
  TicketService& tickets;
  TicketPhotoService& photos;
  const Clock& clock;
};

// REQUIRES: everything in `context` outlives the route table.
void AddTicketRoutes(ConsoleRoutes& routes, const TicketRouteContext& context);

}  // namespace yz
