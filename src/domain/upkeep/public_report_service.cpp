#include "domain/upkeep/public_report_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/personal_data.h"
#include "domain/checkins/report_number.h"
#include "domain/upkeep/ticket_workflow.h"

namespace yz {
namespace {

Error BadNumber() {
  return Error::InvalidArgument(
      "报修单号有误，请核对（10 位数字）/ this is not a report number, please check it");
}
Error NoSuchReport() { return Error::NotFound("没有这张报修单 / no such report"); }

}  // namespace

std::string StatusNotesFor(const Ticket& t) {
  const std::string note = t.status_note.empty() ? std::string() : "：" + t.status_note;
  switch (t.status) {
    case TicketStatus::kNew:
      return "已收到，等待站点负责人安排维修";
    case TicketStatus::kAssigned:
      return "已安排维修人员";
    case TicketStatus::kInProgress:
      return "正在维修";
    case TicketStatus::kWaitingParts:
      return "正在等配件，到货后继续维修";
    case TicketStatus::kResolved:
      return "已修好" + note;
    case TicketStatus::kVerified:
      return t.verdict == WorkerVerdict::kFixed ? "已修好，报修人已确认" : "已修好，已验收";
    case TicketStatus::kRejected:
      return "不予处理" + note;
    case TicketStatus::kMerged:
      return fmt::format("与报修单 {} 是同一个问题，已合并，请看那张单的进度",
                         FormatReportNumber(t.merged_into.value_or("")));
  }
  return std::string(TicketStatusLabel(t.status));
}

Result<PublicReport> PublicReportService::ToPublic(Ticket t, bool with_history,
                                                   const std::vector<MaintenanceTeam>& teams) {
  PublicReport out;
  out.id = t.id;
  out.category = t.category;
  out.amenity = t.amenity;
  out.description = MaskPersonalNumbers(t.description);
  out.status = t.status;
  out.closed = !IsOpen(t.status);
  out.status_notes = MaskPersonalNumbers(StatusNotesFor(t));
  out.requested = t.at;
  out.updated = t.updated_at;
  out.expected = t.due_at;
  out.station_code = t.station_code;
  out.asks_verdict = t.status == TicketStatus::kResolved && t.verdict == WorkerVerdict::kNone;
  out.agency = "驿站管理维护工作队";
  if (t.team_id) {
    for (const MaintenanceTeam& team : teams) {
      if (team.id == *t.team_id) out.agency = team.name;
    }
  }
  const auto catalog = directory_.Current();
  if (const Station* s = catalog->Find(t.station_code)) {
    out.station_name = s->name;
    out.station_address = s->address;
    out.station_location = s->location;
  }
  auto photos = tickets_.ListPhotos(t.id);
  if (!photos) return photos.error();
  for (const TicketPhoto& p : *photos) {
    if (p.kind == PhotoKind::kReport) out.photos.push_back(p.file);
  }
  if (with_history) {
    auto history = tickets_.History(t.id);
    if (!history) return history.error();
    for (TicketEvent& e : *history) {
      e.actor.clear();
      e.note = MaskPersonalNumbers(e.note);
      out.history.push_back(std::move(e));
    }
  }
  return out;
}

Result<PublicReport> PublicReportService::Follow(std::string_view number, bool with_history) {
  const auto id = NormalizeReportNumber(number);
  if (!id) return BadNumber();
  auto found = tickets_.FindTicket(*id);
  if (!found) return found.error();
  if (!*found) return NoSuchReport();
  auto teams = tickets_.ListTeams();
  if (!teams) return teams.error();
  return ToPublic(std::move(**found), with_history, *teams);
}

Result<PublicReport> PublicReportService::Answer(std::string_view number, WorkerVerdict verdict) {
  const auto id = NormalizeReportNumber(number);
  if (!id) return BadNumber();
  auto found = tickets_.FindTicket(*id);
  if (!found) return found.error();
  if (!*found) return NoSuchReport();
  auto next = AfterVerdict(**found, verdict, clock_.Now());
  if (!next) return next.error();
  TicketEvent event{next->updated_at, "worker",
                    verdict == WorkerVerdict::kFixed ? "worker_fixed" : "worker_not_fixed",
                    next->status,
                    verdict == WorkerVerdict::kFixed ? "报修人确认已修好" : "报修人说还没修好"};
  auto stored = tickets_.ApplyChange({*next, event, (*found)->version});
  const std::string object = "ticket:" + *id;
  if (!stored) {
    auditor_.RecordAs("worker", "public", "", "ticket.worker_verdict", object,
                      AuditOutcome::kFailed, stored.error().message);
    return stored.error();
  }
  auditor_.RecordAs("worker", "public", "", "ticket.worker_verdict", object, AuditOutcome::kSuccess,
                    WorkerVerdictCode(verdict));
  return Follow(*id);
}

Result<std::vector<PublicReport>> PublicReportService::Search(const PublicReportQuery& query) {
  const UtcTime now = clock_.Now();
  TicketFilter filter;
  filter.unrestricted = true;
  filter.now = now;
  filter.limit = std::clamp<std::size_t>(query.limit, 1, 1000);
  filter.since = query.start.value_or(now - std::chrono::days(90));
  if (query.end) filter.until = *query.end + std::chrono::milliseconds(1);
  auto teams = tickets_.ListTeams();
  if (!teams) return teams.error();

  std::vector<Ticket> found;
  if (!query.ids.empty()) {
    for (const std::string& text : query.ids) {
      const auto id = NormalizeReportNumber(text);
      if (!id) continue;
      auto one = tickets_.FindTicket(*id);
      if (!one) return one.error();
      if (*one) found.push_back(std::move(**one));
    }
    std::sort(found.begin(), found.end(), [](const Ticket& a, const Ticket& b) {
      return a.at != b.at ? a.at > b.at : a.id < b.id;
    });
    // Named ids are answered whatever their age unless a date was asked for explicitly.
    if (!query.start) filter.since.reset();
  } else {
    filter.open_only = query.closed && !*query.closed;
    filter.closed_only = query.closed && *query.closed;
    filter.category = query.category;
    auto listed = tickets_.ListTickets(filter);
    if (!listed) return listed.error();
    found = std::move(*listed);
  }
  std::vector<PublicReport> out;
  for (Ticket& t : found) {
    if (out.size() >= filter.limit) break;
    if (query.category && t.category != *query.category) continue;
    if (query.closed && *query.closed == IsOpen(t.status)) continue;
    if (filter.since && t.at < *filter.since) continue;
    if (filter.until && t.at >= *filter.until) continue;
    auto view = ToPublic(std::move(t), false, *teams);
    if (!view) return view.error();
    out.push_back(std::move(*view));
  }
  return out;
}

}  // namespace yz
