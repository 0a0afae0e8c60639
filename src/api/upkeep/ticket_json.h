// Tickets as the console's JSON (ticket_routes.cpp): every code beside its Chinese label, times in
// epoch milliseconds, descriptions with personal numbers masked.
#pragma once

#include <boost/json/object.hpp>

#include "domain/upkeep/ticket_service.h"

namespace yz {

boost::json::object TicketJson(const TicketView& view, UtcTime now);
boost::json::object TeamJson(const MaintenanceTeam& team);

}  // namespace yz
