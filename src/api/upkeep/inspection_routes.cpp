#include "api/upkeep/inspection_routes.h"

#include <boost/json/array.hpp>

#include "api/api_response.h"
#include "api/console/console_roles.h"

namespace yz {
namespace {

using namespace console_roles;

Error Bad(std::string message) { return Error::InvalidArgument(std::move(message)); }

boost::json::object InspectionJson(const Inspection& in) {
  boost::json::array items;
  for (const InspectionItem& i : in.items) {
    items.emplace_back(boost::json::object{{"item", i.item},
                                           {"result", CheckResultCode(i.result)},
                                           {"note", i.note},
                                           {"ticket_id", i.ticket_id}});
  }
  return {{"id", in.id},
          {"station_code", in.station_code},
          {"inspector", in.inspector},
          {"at_ms", ToEpochMillis(in.at)},
          {"score", in.score},
          {"note", in.note},
          {"items", std::move(items)}};
}

HttpResponse Checklist(InspectionService& inspections, const AdminRequest& r) {
  auto items = inspections.Checklist(*r.principal, r.Param("code"));
  if (!items) return ErrorReply(items.error());
  boost::json::array out;
  for (const ChecklistItem& c : *items)
    out.emplace_back(boost::json::object{{"item", c.item}, {"label", c.label}});
  return JsonReply(200, boost::json::object{{"items", std::move(out)}});
}

HttpResponse Record(InspectionService& inspections, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  const auto* list = body->if_contains("items");
  if (list == nullptr || !list->is_array() || list->as_array().size() > 200) {
    return ErrorReply(Bad("items 应为检查项列表 / items must be a list"));
  }
  std::vector<InspectionItem> items;
  for (const auto& v : list->as_array()) {
    if (!v.is_object()) return ErrorReply(Bad("每个检查项应为对象 / each item must be an object"));
    auto item = RequiredString(v.as_object(), "item");
    if (!item) return ErrorReply(item.error());
    auto result_text = RequiredString(v.as_object(), "result");
    if (!result_text) return ErrorReply(result_text.error());
    const auto result = ParseCheckResult(*result_text);
    if (!result) return ErrorReply(Bad("result 应为 pass、fail 或 na / result: pass, fail or na"));
    auto note = OptionalString(v.as_object(), "note");
    if (!note) return ErrorReply(note.error());
    items.push_back({*item, *result, note->value_or(""), ""});
  }
  auto note = OptionalString(*body, "note");
  if (!note) return ErrorReply(note.error());
  auto stored =
      inspections.Record(CallerOf(r), r.Param("code"), std::move(items), note->value_or(""));
  if (!stored) return ErrorReply(stored.error());
  return JsonReply(201, InspectionJson(*stored));
}

HttpResponse Of(InspectionService& inspections, const AdminRequest& r) {
  auto list = inspections.Of(*r.principal, r.Param("code"));
  if (!list) return ErrorReply(list.error());
  boost::json::array out;
  for (const Inspection& in : *list) out.emplace_back(InspectionJson(in));
  return JsonReply(200, boost::json::object{{"inspections", std::move(out)}});
}

HttpResponse Due(InspectionService& inspections, const AdminRequest& r) {
  auto days = inspections.IntervalDays();
  if (!days) return ErrorReply(days.error());
  auto due = inspections.Due(*r.principal);
  if (!due) return ErrorReply(due.error());
  boost::json::array out;
  for (const DueStation& d : *due) {
    out.emplace_back(
        boost::json::object{{"code", d.code},
                            {"name", d.name},
                            {"region", d.region},
                            {"last_at_ms", d.last ? boost::json::value(ToEpochMillis(*d.last))
                                                  : boost::json::value(nullptr)}});
  }
  return JsonReply(200,
                   boost::json::object{{"interval_days", *days}, {"stations", std::move(out)}});
}

}  // namespace

void AddInspectionRoutes(ConsoleRoutes& routes, InspectionService& inspections, const Clock&) {
  routes.Add("GET", "/api/v1/admin/stations/{code}/inspection-checklist", kAdmins,
             [&inspections](const AdminRequest& r) { return Checklist(inspections, r); });
  routes.Add("POST", "/api/v1/admin/stations/{code}/inspections", kAdmins,
             [&inspections](const AdminRequest& r) { return Record(inspections, r); });
  routes.Add("GET", "/api/v1/admin/stations/{code}/inspections", kTicketRoles,
             [&inspections](const AdminRequest& r) { return Of(inspections, r); });
  routes.Add("GET", "/api/v1/admin/inspections/due", kAdmins,
             [&inspections](const AdminRequest& r) { return Due(inspections, r); });
  // The station's supplies and inspections on one console page (no menu entry: reached from a
  // ticket, the board and the station).
  routes.AddPage("/admin/stations/{code}/upkeep", kTicketRoles, "station-upkeep.html");
}

}  // namespace yz
