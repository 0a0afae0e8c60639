#include "api/upkeep/ticket_routes.h"

#include <boost/json/array.hpp>

#include "api/api_response.h"
#include "api/console/console_roles.h"
#include "api/upkeep/ticket_json.h"

namespace yz {
namespace {

using namespace console_roles;

Error Bad(std::string message) { return Error::InvalidArgument(std::move(message)); }

Result<std::optional<int64_t>> OptionalInteger(const boost::json::object& o,
                                               std::string_view name) {
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return std::optional<int64_t>{};
  if (!v->is_int64()) return Bad(std::string(name) + " 应为整数 / must be an integer");
  return std::optional<int64_t>{v->as_int64()};
}

HttpResponse List(TicketService& tickets, const Clock& clock, const AdminRequest& r) {
  TicketFilter filter;
  filter.station = r.Query("station");
  filter.region = r.Query("region");
  if (const std::string status = r.Query("status"); !status.empty()) {
    if (status == "open") {
      filter.open_only = true;
    } else if (status == "closed") {
      filter.closed_only = true;
    } else {
      filter.status = ParseTicketStatus(status);
      if (!filter.status) return ErrorReply(Bad("未知的工单状态 / unknown status"));
    }
  }
  filter.overdue_only = r.Query("overdue") == "1";
  filter.assignee = r.Query("assignee");
  if (const std::string team = r.Query("team"); !team.empty()) {
    try {
      filter.team_id = std::stoll(team);
    } catch (const std::exception&) {
      return ErrorReply(Bad("team 应为维修队编号 / team must be a team id"));
    }
  }
  const bool mine = r.Query("mine") == "1";
  auto listed = tickets.List(*r.principal, filter, mine);
  if (!listed) return ErrorReply(listed.error());
  const UtcTime now = clock.Now();
  boost::json::array out;
  for (const TicketView& view : *listed) out.emplace_back(TicketJson(view, now));
  return JsonReply(200, boost::json::object{{"tickets", std::move(out)}});
}

HttpResponse DetailReply(const TicketDetail& detail, const Clock& clock) {
  const UtcTime now = clock.Now();
  boost::json::array history;
  for (const TicketEvent& e : detail.history) {
    history.emplace_back(boost::json::object{{"at_ms", ToEpochMillis(e.at)},
                                             {"actor", e.actor},
                                             {"action", e.action},
                                             {"status", TicketStatusCode(e.status)},
                                             {"status_label", TicketStatusLabel(e.status)},
                                             {"note", e.note}});
  }
  boost::json::array duplicates;
  for (const TicketView& d : detail.likely_duplicates) duplicates.emplace_back(TicketJson(d, now));
  boost::json::array photos;
  for (const TicketPhoto& p : detail.photos) {
    photos.emplace_back(boost::json::object{
        {"file", p.file},
        {"kind", PhotoKindCode(p.kind)},
        {"kind_label", PhotoKindLabel(p.kind)},
        {"url", "/api/v1/admin/tickets/" + detail.view.ticket.id + "/photos/" + p.file},
        {"width", p.width},
        {"height", p.height},
        {"at_ms", ToEpochMillis(p.at)}});
  }
  boost::json::object out = TicketJson(detail.view, now);
  out["history"] = std::move(history);
  out["photos"] = std::move(photos);
  out["likely_duplicates"] = std::move(duplicates);
  return JsonReply(200, out);
}

HttpResponse Get(TicketService& tickets, const Clock& clock, const AdminRequest& r) {
  auto detail = tickets.Get(*r.principal, r.Param("id"));
  if (!detail) return ErrorReply(detail.error());
  return DetailReply(*detail, clock);
}

HttpResponse Act(TicketService& tickets, const Clock& clock, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto action_text = RequiredString(*body, "action");
  if (!action_text) return ErrorReply(action_text.error());
  const auto action = ParseTicketAction(*action_text);
  if (!action) {
    return ErrorReply(
        Bad("action 应为 assign、start、wait_parts、resolve、verify、reject 或 merge / unknown "
            "action"));
  }
  auto version = RequiredInteger(*body, "version");
  if (!version) return ErrorReply(version.error());
  auto assignee = OptionalString(*body, "assignee");
  if (!assignee) return ErrorReply(assignee.error());
  auto team = OptionalInteger(*body, "team_id");
  if (!team) return ErrorReply(team.error());
  auto into = OptionalString(*body, "into");
  if (!into) return ErrorReply(into.error());
  auto note = OptionalString(*body, "note");
  if (!note) return ErrorReply(note.error());
  TicketCommand command;
  command.action = *action;
  command.version = *version;
  if (*assignee && !(*assignee)->empty()) command.assignee = **assignee;
  command.team_id = *team;
  command.into = into->value_or("");
  command.note = note->value_or("");
  if (command.note.size() > 2000) return ErrorReply(Bad("说明太长 / note too long"));
  auto detail = tickets.Act(CallerOf(r), r.Param("id"), command);
  if (!detail) return ErrorReply(detail.error());
  return DetailReply(*detail, clock);
}

HttpResponse Assignees(TicketService& tickets, const AdminRequest& r) {
  auto found = tickets.AssigneesFor(*r.principal, r.Param("id"));
  if (!found) return ErrorReply(found.error());
  boost::json::array people, teams;
  for (const std::string& m : found->maintainers) people.emplace_back(m);
  for (const MaintenanceTeam& t : found->teams) teams.emplace_back(TeamJson(t));
  return JsonReply(
      200, boost::json::object{{"maintainers", std::move(people)}, {"teams", std::move(teams)}});
}

boost::json::array LinesJson(const std::vector<OverdueLine>& lines) {
  boost::json::array out;
  for (const OverdueLine& l : lines) {
    out.emplace_back(boost::json::object{
        {"key", l.key},
        {"open", l.open},
        {"overdue", l.overdue},
        {"oldest_due_ms",
         l.oldest_due ? boost::json::value(ToEpochMillis(*l.oldest_due)) : nullptr}});
  }
  return out;
}

boost::json::array OnTimeJson(const std::vector<OnTimeCount>& counts) {
  boost::json::array out;
  for (const OnTimeCount& c : counts) {
    out.emplace_back(boost::json::object{
        {"key", c.key},
        {"resolved", c.resolved},
        {"on_time", c.on_time},
        {"rate", c.resolved > 0 ? boost::json::value(static_cast<double>(c.on_time) / c.resolved)
                                : boost::json::value(nullptr)}});
  }
  return out;
}

HttpResponse Board(TicketService& tickets, const AdminRequest& r) {
  auto board = tickets.Board(*r.principal, r.Query("region"));
  if (!board) return ErrorReply(board.error());
  boost::json::array teams;
  for (const MaintenanceTeam& t : board->teams) teams.emplace_back(TeamJson(t));
  return JsonReply(200,
                   boost::json::object{{"by_region", LinesJson(board->by_region)},
                                       {"by_team", LinesJson(board->by_team)},
                                       {"on_time_by_region", OnTimeJson(board->on_time_by_region)},
                                       {"on_time_by_team", OnTimeJson(board->on_time_by_team)},
                                       {"teams", std::move(teams)}});
}

HttpResponse Teams(TicketService& tickets, const AdminRequest& r) {
  auto teams = tickets.Teams(*r.principal);
  if (!teams) return ErrorReply(teams.error());
  boost::json::array out;
  for (const MaintenanceTeam& t : *teams) out.emplace_back(TeamJson(t));
  return JsonReply(200, boost::json::object{{"teams", std::move(out)}});
}

HttpResponse SaveTeam(TicketService& tickets, const AdminRequest& r, int64_t id) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto name = RequiredString(*body, "name");
  if (!name) return ErrorReply(name.error());
  auto region = RequiredString(*body, "region");
  if (!region) return ErrorReply(region.error());
  MaintenanceTeam team{id, *name, *region, {}};
  if (const auto* members = body->if_contains("members")) {
    if (!members->is_array())
      return ErrorReply(Bad("members 应为账号列表 / members must be a list"));
    for (const auto& m : members->as_array()) {
      if (!m.is_string()) return ErrorReply(Bad("members 应为账号列表 / members must be a list"));
      team.members.emplace_back(m.as_string());
    }
  }
  auto saved = tickets.SaveTeam(CallerOf(r), std::move(team));
  if (!saved) return ErrorReply(saved.error());
  return JsonReply(id == 0 ? 201 : 200, TeamJson(*saved));
}

boost::json::object LevelJson(const ServiceLevel& l) {
  boost::json::array months;
  for (int m = 1; m <= 12; ++m) {
    if (l.months & (1u << (m - 1))) months.emplace_back(m);
  }
  return {{"category", ReportCategoryCode(l.category)},
          {"category_label", ReportCategoryLabel(l.category)},
          {"amenity", l.amenity ? boost::json::value(AmenityCode(*l.amenity)) : nullptr},
          {"amenity_label", l.amenity ? boost::json::value(AmenityLabel(*l.amenity)) : nullptr},
          {"months", std::move(months)},
          {"hours", l.hours}};
}

HttpResponse ServiceLevels(TicketService& tickets) {
  auto levels = tickets.ServiceLevels();
  if (!levels) return ErrorReply(levels.error());
  boost::json::array out;
  for (const ServiceLevel& l : *levels) out.emplace_back(LevelJson(l));
  return JsonReply(200, boost::json::object{{"levels", std::move(out)}});
}

Result<ServiceLevel> ParseLevel(const boost::json::value& v) {
  if (!v.is_object()) return Bad("每条时限应为对象 / each level must be an object");
  const auto& o = v.as_object();
  auto category = RequiredString(o, "category");
  if (!category) return category.error();
  ServiceLevel l;
  const auto parsed = ParseReportCategory(*category);
  if (!parsed) return Bad("未知的反馈类别 / unknown category " + *category);
  l.category = *parsed;
  auto amenity = OptionalString(o, "amenity");
  if (!amenity) return amenity.error();
  if (*amenity && !(*amenity)->empty()) {
    l.amenity = ParseAmenity(**amenity);
    if (!l.amenity) return Bad("未知的设施 / unknown amenity " + **amenity);
  }
  auto hours = RequiredInteger(o, "hours");
  if (!hours) return hours.error();
  if (*hours < 1 || *hours > 8760) return Bad("时限应为 1 到 8760 小时 / hours must be 1 to 8760");
  l.hours = static_cast<int>(*hours);
  if (const auto* months = o.if_contains("months")) {
    if (!months->is_array()) return Bad("months 应为月份列表 / months must be a list");
    for (const auto& m : months->as_array()) {
      if (!m.is_int64() || m.as_int64() < 1 || m.as_int64() > 12) {
        return Bad("月份应为 1 到 12 / months are 1 to 12");
      }
      l.months = static_cast<uint16_t>(l.months | (1u << (m.as_int64() - 1)));
    }
  }
  return l;
}

HttpResponse SetServiceLevels(TicketService& tickets, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  const auto* levels = body->if_contains("levels");
  if (levels == nullptr || !levels->is_array() || levels->as_array().size() > 500) {
    return ErrorReply(
        Bad("levels 应为时限列表（至多 500 条）/ levels must be a list of at most 500"));
  }
  std::vector<ServiceLevel> parsed;
  for (const auto& v : levels->as_array()) {
    auto l = ParseLevel(v);
    if (!l) return ErrorReply(l.error());
    parsed.push_back(*l);
  }
  if (auto set = tickets.SetServiceLevels(CallerOf(r), parsed); !set)
    return ErrorReply(set.error());
  return ServiceLevels(tickets);
}

HttpResponse AddPhoto(TicketPhotoService& photos, const AdminRequest& r) {
  const auto kind = ParsePhotoKind(r.Query("kind"));
  if (!kind || *kind == PhotoKind::kReport) {
    return ErrorReply(Bad("kind 应为 before（维修前）或 after（维修后） / kind: before or after"));
  }
  auto added = photos.Add(CallerOf(r), r.Param("id"), *kind, r.http.body);
  if (!added) return ErrorReply(added.error());
  return JsonReply(201, boost::json::object{{"file", added->file},
                                            {"kind", PhotoKindCode(added->kind)},
                                            {"width", added->width},
                                            {"height", added->height}});
}

HttpResponse ReadPhoto(TicketPhotoService& photos, const AdminRequest& r) {
  auto bytes = photos.Read(*r.principal, r.Param("id"), r.Param("file"));
  if (!bytes) return ErrorReply(bytes.error());
  HttpResponse response;
  response.content_type = "image/jpeg";
  response.body = std::move(*bytes);
  response.headers.emplace_back("Cache-Control", "private, max-age=86400");
  return response;
}

}  // namespace

void AddTicketRoutes(ConsoleRoutes& routes, const TicketRouteContext& c) {
  TicketService& tickets = c.tickets;
  TicketPhotoService& photos = c.photos;
  const Clock& clock = c.clock;
  routes.Add("GET", "/api/v1/admin/tickets", kTicketRoles,
             [&](const AdminRequest& r) { return List(tickets, clock, r); });
  routes.Add("GET", "/api/v1/admin/tickets/{id}", kTicketRoles,
             [&](const AdminRequest& r) { return Get(tickets, clock, r); });
  routes.Add("POST", "/api/v1/admin/tickets/{id}/actions", kTicketRoles,
             [&](const AdminRequest& r) { return Act(tickets, clock, r); });
  routes.Add("GET", "/api/v1/admin/tickets/{id}/assignees", kEditors,
             [&](const AdminRequest& r) { return Assignees(tickets, r); });
  routes.Add("POST", "/api/v1/admin/uploads/tickets/{id}/photos", kTicketRoles,
             [&](const AdminRequest& r) { return AddPhoto(photos, r); });
  routes.Add("GET", "/api/v1/admin/tickets/{id}/photos/{file}", kTicketRoles,
             [&](const AdminRequest& r) { return ReadPhoto(photos, r); });
  routes.Add("GET", "/api/v1/admin/upkeep/board", kTicketRoles,
             [&](const AdminRequest& r) { return Board(tickets, r); });
  routes.Add("GET", "/api/v1/admin/maintenance-teams", kTicketRoles,
             [&](const AdminRequest& r) { return Teams(tickets, r); });
  routes.Add("POST", "/api/v1/admin/maintenance-teams", kAdmins,
             [&](const AdminRequest& r) { return SaveTeam(tickets, r, 0); });
  routes.Add("PUT", "/api/v1/admin/maintenance-teams/{id}", kAdmins, [&](const AdminRequest& r) {
    int64_t id = 0;
    try {
      id = std::stoll(std::string(r.Param("id")));
    } catch (const std::exception&) {
      return ErrorReply(Error::NotFound("没有这个维修队 / no such team"));
    }
    if (id <= 0) return ErrorReply(Error::NotFound("没有这个维修队 / no such team"));
    return SaveTeam(tickets, r, id);
  });
  routes.Add("GET", "/api/v1/admin/service-levels", kTicketRoles,
             [&](const AdminRequest&) { return ServiceLevels(tickets); });
  routes.Add("PUT", "/api/v1/admin/service-levels", kCityAdmin,
             [&](const AdminRequest& r) { return SetServiceLevels(tickets, r); });
  routes.AddPage("/admin/reports", kTicketRoles, "tickets.html", "报修工单");
  routes.AddPage("/admin/upkeep", kTicketRoles, "upkeep.html", "维修看板");
  routes.AddPage("/admin/mine", kTicketRoles, "mine.html", "手机上修");
}

}  // namespace yz
