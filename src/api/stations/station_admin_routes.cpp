#include "api/stations/station_admin_routes.h"

#include "api/console/console_roles.h"
#include "api/stations/station_admin_endpoints.h"

namespace yz {

void AddStationAdminRoutes(ConsoleRoutes& routes, const StationAdminRouteContext& c) {
  using namespace console_roles;
  using Handler = HttpResponse (*)(const StationAdminRouteContext&, const AdminRequest&);
  const auto bind = [&c](Handler h) {
    return AdminHandler([&c, h](const AdminRequest& r) { return h(c, r); });
  };
  // clang-format off
  routes.Add("GET",    "/api/v1/admin/stations",                   kStationStaff,   bind(station_admin::ListStations));
  routes.Add("POST",   "/api/v1/admin/stations",                   kAdmins,         bind(station_admin::CreateStation));
  routes.Add("GET",    "/api/v1/admin/stations/{code}",            kStationStaff,   bind(station_admin::GetStation));
  routes.Add("PATCH",  "/api/v1/admin/stations/{code}",            kEditors,        bind(station_admin::PatchStation));
  routes.Add("GET",    "/api/v1/admin/stations/{code}/plaque.pdf", kEditors,        bind(station_admin::StationPlaque));
  // Station files: import (all or nothing) and export.
  routes.Add("POST",   "/api/v1/admin/uploads/stations",           kAdmins,         bind(station_admin::ImportStations));
  routes.Add("GET",    "/api/v1/admin/exports/stations",           kAdmins,         bind(station_admin::ExportStations));
  // Regions, hosts and the amenity standard.
  routes.Add("GET",    "/api/v1/admin/regions",                    kStationStaff,   bind(station_admin::ListRegions));
  routes.Add("POST",   "/api/v1/admin/regions",                    kAdmins,         bind(station_admin::SaveRegion));
  routes.Add("GET",    "/api/v1/admin/regions/{code}/plaques.pdf", kAdmins,         bind(station_admin::RegionPlaques));
  routes.Add("GET",    "/api/v1/admin/hosts",                      kStationStaff,   bind(station_admin::ListHosts));
  routes.Add("POST",   "/api/v1/admin/hosts",                      kAdmins,         bind(station_admin::AddHost));
  routes.Add("GET",    "/api/v1/admin/standard",                   kStationStaff,   bind(station_admin::Standard));
  // Pages.
  routes.AddPage("/admin/stations",       kStationStaff,   "stations.html", "站点");
  routes.AddPage("/admin/new-station",    kAdmins,         "station.html",  "新建站点");
  routes.AddPage("/admin/stations/{code}", kStationStaff,   "station.html");
  routes.AddPage("/admin/files",          kAdmins,         "files.html",    "导入导出、区域与牌匾");
  // clang-format on
}

}  // namespace yz
