#include "api/reports/report_routes.h"

#include <boost/json/array.hpp>

#include "api/api_response.h"
#include "api/console/console_roles.h"

namespace yz {
namespace {

using namespace console_roles;

const Error& BadStatus() {
  static const Error e = Error::InvalidArgument(
      "状态应为 open、in_progress、resolved 或 dismissed / status: open, in_progress, resolved or "
      "dismissed");
  return e;
}

boost::json::object ReportJson(const ReportView& view) {
  const Report& rep = view.report;
  return {{"id", rep.id},
          {"station_code", rep.station_code},
          {"station_name", view.station_name},
          {"category", ReportCategoryCode(rep.category)},
          {"category_label", ReportCategoryLabel(rep.category)},
          {"amenity", rep.amenity ? boost::json::value(AmenityCode(*rep.amenity))
                                  : boost::json::value(nullptr)},
          {"description", rep.description},
          {"status", ReportStatusCode(rep.status)},
          {"at_ms", ToEpochMillis(rep.at)}};
}

HttpResponse List(ReportService& reports, const AdminRequest& r) {
  const std::string status_text = r.Query("status");
  std::optional<ReportStatus> status;
  if (!status_text.empty()) {
    status = ParseReportStatus(status_text);
    if (!status) return ErrorReply(BadStatus());
  }
  auto listed = reports.List(*r.principal, r.Query("station"), status);
  if (!listed) return ErrorReply(listed.error());
  boost::json::array out;
  for (const ReportView& view : *listed) out.emplace_back(ReportJson(view));
  return JsonReply(200, boost::json::object{{"reports", std::move(out)}});
}

HttpResponse Patch(ReportService& reports, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto status_text = RequiredString(*body, "status");
  if (!status_text) return ErrorReply(status_text.error());
  const auto status = ParseReportStatus(*status_text);
  if (!status) return ErrorReply(BadStatus());
  auto changed = reports.SetStatus(CallerOf(r), r.Param("id"), *status);
  if (!changed) return ErrorReply(changed.error());
  return JsonReply(200, ReportJson(*changed));
}

}  // namespace

void AddReportRoutes(ConsoleRoutes& routes, ReportService& reports) {
  routes.Add("GET", "/api/v1/admin/reports", kTicketRoles,
             [&reports](const AdminRequest& r) { return List(reports, r); });
  routes.Add("PATCH", "/api/v1/admin/reports/{id}", kTicketRoles,
             [&reports](const AdminRequest& r) { return Patch(reports, r); });
  routes.AddPage("/admin/reports", kTicketRoles, "reports.html", "报修与反馈");
}

}  // namespace yz
