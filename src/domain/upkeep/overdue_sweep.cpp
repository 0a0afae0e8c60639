#include "domain/upkeep/overdue_sweep.h"

#include <fmt/format.h>

#include "domain/checkins/report_number.h"
#include "domain/people/phone_number.h"

namespace yz {

Result<SweepResult> OverdueSweep::Run(std::size_t batch) {
  const UtcTime now = clock_.Now();
  auto due = tickets_.DueForEscalation(now, batch);
  if (!due) return due.error();
  std::vector<std::string> ids;
  for (const Ticket& t : *due) ids.push_back(t.id);
  // One transaction for the round: closed or escalated by another server meanwhile are skipped.
  auto marked = tickets_.MarkEscalated(ids, now);
  if (!marked) return marked.error();
  const auto catalog = directory_.Current();
  SweepResult result;
  std::size_t next = 0;
  for (const Ticket& t : *due) {
    if (next >= marked->size() || (*marked)[next] != t.id) continue;  // same order as `ids`
    ++next;
    ++result.escalated;
    const Station* s = catalog->Find(t.station_code);
    const auto phone = s != nullptr ? NormalizeMainlandMobile(s->phone) : std::nullopt;
    if (!phone) continue;
    const std::string what = std::string(ReportCategoryLabel(t.category)) +
                             (t.amenity ? "：" + std::string(AmenityLabel(*t.amenity)) : "");
    auto sent = messages_.SendSms({"ticket_overdue",
                                   "ticket:" + t.id,
                                   0,
                                   *phone,
                                   "ticket_overdue",
                                   {s->name, FormatReportNumber(t.id), what}});
    if (sent) {
      ++result.messaged;
    } else {
      auditor_.RecordAs("system", "system", "", "ticket.overdue_sms", "ticket:" + t.id,
                        AuditOutcome::kFailed, sent.error().message);
    }
  }
  if (result.escalated > 0) {
    auditor_.RecordAs("system", "system", "", "ticket.overdue_sweep", "", AuditOutcome::kSuccess,
                      fmt::format("{} overdue, {} SMS", result.escalated, result.messaged));
  }
  return result;
}

}  // namespace yz
