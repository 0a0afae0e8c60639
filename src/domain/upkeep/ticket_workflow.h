// The ticket's state machine as a pure function (ticket.h draws it): what a command does to a
// ticket, or why it may not. Checks that need the store (does the assignee exist, is the merge
// target open) are the service's.
#pragma once

#include "core/result.h"
#include "domain/upkeep/ticket.h"
#include "domain/upkeep/ticket_service.h"

namespace yz {

// `before` changed by `command` at `now` (status, assignment, times, note); `version` unchanged.
// A command the status does not allow → kConflict naming both in Chinese; a missing reason,
// assignee or target → kInvalidArgument.
Result<Ticket> NextState(const Ticket& before, const TicketCommand& command, UtcTime now);

// The worker's answer to "is it really fixed?" on a resolved ticket: fixed → verified; not fixed
// → assigned again (or new without anyone assigned). Any other status → kConflict.
Result<Ticket> AfterVerdict(const Ticket& before, WorkerVerdict verdict, UtcTime now);

}  // namespace yz
