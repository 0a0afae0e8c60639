#include "domain/reports/report_service.h"

namespace yz {
namespace {

const Station* InScope(const StationCatalog& catalog, const Principal& who, std::string_view code) {
  const Station* s = catalog.Find(code);
  return s != nullptr && who.CanReachStation(s->code, s->region) ? s : nullptr;
}

}  // namespace

Result<std::vector<ReportView>> ReportService::List(const Principal& who, std::string_view station,
                                                    std::optional<ReportStatus> status,
                                                    std::size_t limit) const {
  const auto catalog = directory_.Current();
  if (!station.empty() && InScope(*catalog, who, station) == nullptr) {
    return Error::NotFound("没有这个站点 / no such station");
  }
  auto all = reports_.ListAllReports(status);
  if (!all) return all.error();
  std::vector<ReportView> out;
  for (Report& report : *all) {
    if (out.size() >= limit) break;
    if (!station.empty() && report.station_code != station) continue;
    const Station* s = InScope(*catalog, who, report.station_code);
    if (s == nullptr) continue;
    out.push_back({std::move(report), s->name});
  }
  return out;
}

Result<ReportView> ReportService::SetStatus(const Caller& who, std::string_view id,
                                            ReportStatus status) {
  auto report = reports_.FindReport(id);
  if (!report) return report.error();
  const auto catalog = directory_.Current();
  const Station* s = *report ? InScope(*catalog, who.principal, (*report)->station_code) : nullptr;
  if (s == nullptr) return Error::NotFound("没有这条反馈 / no such report");
  const std::string object = "report:" + (*report)->id;
  if (auto done = reports_.SetReportStatus((*report)->id, status); !done) {
    auditor_.Record(who, "report.status", object, AuditOutcome::kFailed, done.error().message);
    return done.error();
  }
  auditor_.Record(who, "report.status", object, AuditOutcome::kSuccess, ReportStatusCode(status));
  (*report)->status = status;
  return ReportView{std::move(**report), s->name};
}

}  // namespace yz
