// The service-level sweep (a timed job): finds the open tickets that have passed their due time
// since the last run, records on each that it is overdue ("overdue" by "system", once), and sends
// the station's contact phone one SMS about it ("ticket_overdue", once per ticket: the outbox is
// unique on purpose, object and recipient). Stations without a phone are only recorded.
#pragma once

#include <cstddef>

#include "core/clock.h"
#include "core/result.h"
#include "domain/audit/auditor.h"
#include "domain/messages/message_service.h"
#include "domain/stations/station_directory.h"
#include "domain/upkeep/ticket_repository.h"

namespace yz {

struct SweepResult {
  int64_t escalated = 0;  // tickets newly found overdue
  int64_t messaged = 0;   // of which an SMS went to the station
};

class OverdueSweep {
 public:
  // REQUIRES: every reference outlives this object.
  OverdueSweep(TicketRepository& tickets, StationDirectory& directory, MessageService& messages,
               Auditor& auditor, const Clock& clock)
      : tickets_(tickets),
        directory_(directory),
        messages_(messages),
        auditor_(auditor),
        clock_(clock) {}

  // One round, at most `batch` tickets (the job runs again in minutes for the rest).
  Result<SweepResult> Run(std::size_t batch = 5000);

 private:
  TicketRepository& tickets_;
  StationDirectory& directory_;
  MessageService& messages_;
  Auditor& auditor_;
  const Clock& clock_;
};

}  // namespace yz
