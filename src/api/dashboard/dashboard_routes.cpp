#include "api/dashboard/dashboard_routes.h"

#include <boost/json/array.hpp>

#include "api/api_response.h"
#include "api/console/console_roles.h"

namespace yz {
namespace {

boost::json::object Counts(const std::map<std::string, int64_t>& m) {
  boost::json::object o;
  for (const auto& [k, v] : m) o[k] = v;
  return o;
}

HttpResponse Summary(DashboardService& dashboard, const AdminRequest& r) {
  auto summary = dashboard.Summarize(*r.principal);
  if (!summary) return ErrorReply(summary.error());
  boost::json::array regions;
  for (const auto& row : summary->by_region) {
    regions.emplace_back(
        boost::json::object{{"code", row.code}, {"name", row.name}, {"stations", row.stations}});
  }
  return JsonReply(200,
                   boost::json::object{{"stations", summary->stations},
                                       {"checkins_today", summary->checkins_today},
                                       {"open_reports", summary->open_reports},
                                       {"amenities_out_of_order", summary->amenities_out_of_order},
                                       {"by_status", Counts(summary->by_status)},
                                       {"by_level", Counts(summary->by_level)},
                                       {"by_host_type", Counts(summary->by_host_type)},
                                       {"by_region", std::move(regions)}});
}

}  // namespace

void AddDashboardRoutes(ConsoleRoutes& routes, DashboardService& dashboard) {
  using namespace console_roles;
  routes.Add("GET", "/api/v1/admin/dashboard", kStationReaders,
             [&dashboard](const AdminRequest& r) { return Summary(dashboard, r); });
  routes.AddPage("/admin/", kStationReaders, "dashboard.html", "概览");
}

}  // namespace yz
