#include "domain/upkeep/ticket_workflow.h"

#include <fmt/format.h>

#include <initializer_list>

namespace yz {
namespace {

bool OneOf(TicketStatus s, std::initializer_list<TicketStatus> allowed) {
  for (const TicketStatus a : allowed) {
    if (a == s) return true;
  }
  return false;
}

Error NotNow(const Ticket& t, TicketAction a) {
  return Error::Conflict(fmt::format("工单现在是“{}”，不能{} / ticket is {}, cannot {}",
                                     TicketStatusLabel(t.status), TicketActionLabel(a),
                                     TicketStatusCode(t.status), TicketActionCode(a)));
}

void Close(Ticket& t, TicketStatus status, UtcTime now) {
  t.status = status;
  t.closed_at = now;
}

}  // namespace

Result<Ticket> NextState(const Ticket& before, const TicketCommand& c, UtcTime now) {
  Ticket t = before;
  t.updated_at = now;
  using S = TicketStatus;
  switch (c.action) {
    case TicketAction::kAssign:
      if (!OneOf(t.status,
                 {S::kNew, S::kAssigned, S::kInProgress, S::kWaitingParts, S::kResolved})) {
        return NotNow(t, c.action);
      }
      if (!c.assignee && !c.team_id) {
        return Error::InvalidArgument(
            "派单要指定维修人员或维修队 / assign needs a person or a team");
      }
      t.assignee = c.assignee;
      t.team_id = c.team_id;
      t.status = S::kAssigned;
      t.resolved_at.reset();
      t.closed_at.reset();
      t.verdict = WorkerVerdict::kNone;
      t.status_note = c.note;
      return t;
    case TicketAction::kStart:
      if (!OneOf(t.status, {S::kAssigned, S::kWaitingParts})) return NotNow(t, c.action);
      t.status = S::kInProgress;
      t.status_note = c.note;
      return t;
    case TicketAction::kWaitParts:
      if (t.status != S::kInProgress) return NotNow(t, c.action);
      t.status = S::kWaitingParts;
      t.status_note = c.note;
      return t;
    case TicketAction::kResolve:
      if (!OneOf(t.status, {S::kAssigned, S::kInProgress, S::kWaitingParts}))
        return NotNow(t, c.action);
      t.resolved_at = now;
      Close(t, S::kResolved, now);
      t.status_note = c.note;
      return t;
    case TicketAction::kVerify:
      if (t.status != S::kResolved) return NotNow(t, c.action);
      t.status = S::kVerified;
      if (!c.note.empty()) t.status_note = c.note;
      return t;
    case TicketAction::kReject:
      if (!IsOpen(t.status)) return NotNow(t, c.action);
      if (c.note.empty()) {
        return Error::InvalidArgument("不予处理要写明理由 / a rejection needs a reason");
      }
      Close(t, S::kRejected, now);
      t.status_note = c.note;
      return t;
    case TicketAction::kMerge:
      if (!IsOpen(t.status)) return NotNow(t, c.action);
      if (c.into.empty() || c.into == t.id) {
        return Error::InvalidArgument("要指定合并到哪张工单 / merge needs another ticket");
      }
      t.merged_into = c.into;
      Close(t, S::kMerged, now);
      t.status_note = c.note;
      return t;
  }
  return NotNow(t, c.action);
}

Result<Ticket> AfterVerdict(const Ticket& before, WorkerVerdict verdict, UtcTime now) {
  if (before.status != TicketStatus::kResolved || verdict == WorkerVerdict::kNone) {
    return Error::Conflict(
        "这张报修单现在不需要确认 / this report is not waiting for a confirmation");
  }
  Ticket t = before;
  t.updated_at = now;
  t.verdict = verdict;
  if (verdict == WorkerVerdict::kFixed) {
    t.status = TicketStatus::kVerified;
    return t;
  }
  t.status = t.assignee || t.team_id ? TicketStatus::kAssigned : TicketStatus::kNew;
  t.resolved_at.reset();
  t.closed_at.reset();
  t.status_note = "报修人说还没修好";
  return t;
}

}  // namespace yz
