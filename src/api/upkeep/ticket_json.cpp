#include "api/upkeep/ticket_json.h"

#include <boost/json/array.hpp>

#include "core/personal_data.h"
#include "domain/checkins/report_number.h"

namespace yz {
namespace {

boost::json::value MillisOrNull(const std::optional<UtcTime>& t) {
  return t ? boost::json::value(ToEpochMillis(*t)) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object TicketJson(const TicketView& view, UtcTime now) {
  const Ticket& t = view.ticket;
  boost::json::value location = nullptr;
  if (view.station_location) {
    location = boost::json::object{{"lat", view.station_location->lat.degrees()},
                                   {"lng", view.station_location->lng.degrees()}};
  }
  return {{"id", t.id},
          {"number", FormatReportNumber(t.id)},
          {"station_code", t.station_code},
          {"station_name", view.station_name},
          {"station_address", view.station_address},
          {"station_location", std::move(location)},
          {"region", t.region},
          {"category", ReportCategoryCode(t.category)},
          {"category_label", ReportCategoryLabel(t.category)},
          {"amenity", t.amenity ? boost::json::value(AmenityCode(*t.amenity)) : nullptr},
          {"amenity_label", t.amenity ? boost::json::value(AmenityLabel(*t.amenity)) : nullptr},
          {"description", MaskPersonalNumbers(t.description)},
          {"source", TicketSourceCode(t.source)},
          {"source_label", TicketSourceLabel(t.source)},
          {"status", TicketStatusCode(t.status)},
          {"status_label", TicketStatusLabel(t.status)},
          {"open", IsOpen(t.status)},
          {"overdue", t.overdue(now)},
          {"at_ms", ToEpochMillis(t.at)},
          {"updated_at_ms", ToEpochMillis(t.updated_at)},
          {"due_at_ms", MillisOrNull(t.due_at)},
          {"resolved_at_ms", MillisOrNull(t.resolved_at)},
          {"assignee", t.assignee ? boost::json::value(*t.assignee) : nullptr},
          {"team_id", t.team_id ? boost::json::value(*t.team_id) : nullptr},
          {"team_name", view.team_name},
          {"merged_into", t.merged_into ? boost::json::value(*t.merged_into) : nullptr},
          {"status_note", MaskPersonalNumbers(t.status_note)},
          {"worker_verdict", WorkerVerdictCode(t.verdict)},
          {"version", t.version}};
}

boost::json::object TeamJson(const MaintenanceTeam& team) {
  boost::json::array members;
  for (const std::string& m : team.members) members.emplace_back(m);
  return {{"id", team.id},
          {"name", team.name},
          {"region", team.region},
          {"members", std::move(members)}};
}

}  // namespace yz
