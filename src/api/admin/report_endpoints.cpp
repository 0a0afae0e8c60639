// GET /api/v1/admin/reports (?station=, ?status=) and PATCH /api/v1/admin/reports/{id}
// {"status": "open|in_progress|resolved|dismissed"}: the workers' reports on the stations in the
// caller's scope.
#include <boost/json/array.hpp>

#include "api/admin/admin_api.h"
#include "api/api_response.h"

namespace yz {
namespace {

boost::json::object ReportJson(const Report& rep, const Station& s) {
  return {{"id", rep.id},
          {"station_code", rep.station_code},
          {"station_name", s.name},
          {"category", ReportCategoryCode(rep.category)},
          {"category_label", ReportCategoryLabel(rep.category)},
          {"amenity", rep.amenity ? boost::json::value(AmenityCode(*rep.amenity)) : boost::json::value(nullptr)},
          {"description", rep.description},
          {"status", ReportStatusCode(rep.status)},
          {"at_ms", ToEpochMillis(rep.at)}};
}

}  // namespace

HttpResponse AdminApi::ListReports(const AdminRequest& r) {
  const std::string station = r.Query("station"), status_text = r.Query("status");
  std::optional<ReportStatus> status;
  if (!status_text.empty()) {
    status = ParseReportStatus(status_text);
    if (!status) return ErrorReply(Error::InvalidArgument("status: open, in_progress, resolved or dismissed"));
  }
  const auto catalog = directory_.Current();
  if (!station.empty() && FindInScope(*catalog, r, station) == nullptr) {
    return ErrorReply(Error::NotFound("没有这个站点 / no such station"));
  }
  auto reports = store_.operations().ListAllReports(status);
  if (!reports) return ErrorReply(reports.error());
  boost::json::array out;
  for (const Report& rep : *reports) {
    if (!station.empty() && rep.station_code != station) continue;
    const Station* s = FindInScope(*catalog, r, rep.station_code);
    if (s == nullptr) continue;
    out.emplace_back(ReportJson(rep, *s));
    if (out.size() >= 1000) break;
  }
  return JsonReply(200, boost::json::object{{"reports", std::move(out)}});
}

HttpResponse AdminApi::PatchReport(const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto status_text = RequiredString(*body, "status");
  if (!status_text) return ErrorReply(status_text.error());
  const auto status = ParseReportStatus(*status_text);
  if (!status) return ErrorReply(Error::InvalidArgument("status: open, in_progress, resolved or dismissed"));
  auto report = store_.operations().FindReport(r.Param("id"));
  if (!report) return ErrorReply(report.error());
  const auto catalog = directory_.Current();
  const Station* s = *report ? FindInScope(*catalog, r, (*report)->station_code) : nullptr;
  if (s == nullptr) return ErrorReply(Error::NotFound("没有这条反馈 / no such report"));
  const std::string object = "report:" + (*report)->id;
  if (auto done = store_.operations().SetReportStatus((*report)->id, *status); !done) {
    Audit(r, "report.status", object, AuditOutcome::kFailed, done.error().message);
    return ErrorReply(done.error());
  }
  Audit(r, "report.status", object, AuditOutcome::kSuccess, *status_text);
  (*report)->status = *status;
  return JsonReply(200, ReportJson(**report, *s));
}

}  // namespace yz
