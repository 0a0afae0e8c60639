#include "app/admin_routes.h"

#include "api/admin/admin_guard.h"
#include "api/api_response.h"
#include "core/embedded.h"

namespace yz {

std::span<const EmbeddedFile> EmbeddedWebAssets();

namespace {

// Who may use what. A role not listed gets 403; an object outside the caller's scope 404.
constexpr const char* kAnyone = "public";
constexpr const char* kSignedIn = "session";
constexpr const char* kAdmins = "admin:city_admin|region_admin";
constexpr const char* kEditors = "admin:city_admin|region_admin|station_manager";
constexpr const char* kTicketRoles = "admin:city_admin|region_admin|station_manager|maintainer";
constexpr const char* kStationReaders = "admin:city_admin|region_admin|station_manager|maintainer|volunteer";
constexpr const char* kAuditor = "admin:auditor";

std::string_view ContentTypeOf(std::string_view path) {
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".svg")) return "image/svg+xml";
  return "text/html; charset=utf-8";
}

AdminHandler Page(std::string file) {
  return [file = "admin/" + std::move(file)](const AdminRequest&) {
    const auto content = FindEmbedded(EmbeddedWebAssets(), file);
    if (!content) return ErrorReply(Error::NotFound("no such page"));
    HttpResponse r;
    r.content_type = std::string(ContentTypeOf(file));
    r.body = std::string(*content);
    return r;
  };
}

HttpResponse Asset(const AdminRequest& r) {
  const std::string_view name = r.Param("file");
  if (name.ends_with(".html")) return ErrorReply(Error::NotFound("no such file"));
  const std::string path = "admin/" + std::string(name);
  const auto content = FindEmbedded(EmbeddedWebAssets(), path);
  if (!content) return ErrorReply(Error::NotFound("no such file"));
  HttpResponse response;
  response.content_type = std::string(ContentTypeOf(path));
  response.body = std::string(*content);
  return response;
}

}  // namespace

void AddAdminRoutes(Router& router, AdminRouteContext& ctx,
                    const std::function<RouteHandler(const std::string&, RouteHandler)>& instrument) {
  AdminApi& api = ctx.api;
  const auto call = [&api](HttpResponse (AdminApi::*method)(const AdminRequest&)) {
    return AdminHandler([&api, method](const AdminRequest& r) { return (api.*method)(r); });
  };
  struct Entry {
    const char* method;
    const char* pattern;
    const char* role;
    AdminHandler handler;
  };
  // clang-format off
  const Entry table[] = {
    // Signing in and out (section 6 of the contract).
    {"POST",   "/api/v1/auth/login",                              kAnyone,        call(&AdminApi::Login)},
    {"POST",   "/api/v1/auth/logout",                             kSignedIn,      call(&AdminApi::Logout)},
    {"GET",    "/api/v1/admin/session",                           kSignedIn,      call(&AdminApi::SessionInfo)},
    {"POST",   "/api/v1/admin/session/password",                  kSignedIn,      call(&AdminApi::ChangePassword)},
    // The network at a glance.
    {"GET",    "/api/v1/admin/dashboard",                         kStationReaders, call(&AdminApi::Dashboard)},
    // Stations.
    {"GET",    "/api/v1/admin/stations",                          kStationReaders, call(&AdminApi::ListStations)},
    {"POST",   "/api/v1/admin/stations",                          kAdmins,        call(&AdminApi::CreateStation)},
    {"GET",    "/api/v1/admin/stations/{code}",                   kStationReaders, call(&AdminApi::GetStation)},
    {"PATCH",  "/api/v1/admin/stations/{code}",                   kEditors,       call(&AdminApi::PatchStation)},
    {"GET",    "/api/v1/admin/stations/{code}/plaque.pdf",        kEditors,       call(&AdminApi::StationPlaque)},
    {"GET",    "/api/v1/admin/stations/{code}/photos/{file}",     kStationReaders, call(&AdminApi::GetPhoto)},
    {"DELETE", "/api/v1/admin/stations/{code}/photos/{file}",     kEditors,       call(&AdminApi::DeletePhoto)},
    {"POST",   "/api/v1/admin/uploads/stations/{code}/photos",    kEditors,       call(&AdminApi::UploadPhoto)},
    // Station files: import (all or nothing) and export.
    {"POST",   "/api/v1/admin/uploads/stations",                  kAdmins,        call(&AdminApi::ImportStations)},
    {"GET",    "/api/v1/admin/exports/stations",                  kAdmins,        call(&AdminApi::ExportStations)},
    // Regions, hosts and the amenity standard.
    {"GET",    "/api/v1/admin/regions",                           kStationReaders, call(&AdminApi::ListRegions)},
    {"POST",   "/api/v1/admin/regions",                           kAdmins,        call(&AdminApi::SaveRegion)},
    {"GET",    "/api/v1/admin/regions/{code}/plaques.pdf",        kAdmins,        call(&AdminApi::RegionPlaques)},
    {"GET",    "/api/v1/admin/hosts",                             kStationReaders, call(&AdminApi::ListHosts)},
    {"POST",   "/api/v1/admin/hosts",                             kAdmins,        call(&AdminApi::AddHost)},
    {"GET",    "/api/v1/admin/standard",                          kStationReaders, call(&AdminApi::Standard)},
    // Workers' reports.
    {"GET",    "/api/v1/admin/reports",                           kTicketRoles,   call(&AdminApi::ListReports)},
    {"PATCH",  "/api/v1/admin/reports/{id}",                      kTicketRoles,   call(&AdminApi::PatchReport)},
    // The audit log: the auditor's alone.
    {"GET",    "/api/v1/admin/audit",                             kAuditor,       call(&AdminApi::ListAudit)},
    // Console pages (the data comes from the API above).
    {"GET",    "/admin/login",                                    kAnyone,        Page("login.html")},
    {"GET",    "/admin/",                                         kStationReaders, Page("dashboard.html")},
    {"GET",    "/admin/stations",                                 kStationReaders, Page("stations.html")},
    {"GET",    "/admin/new-station",                              kAdmins,        Page("station.html")},
    {"GET",    "/admin/stations/{code}",                          kStationReaders, Page("station.html")},
    {"GET",    "/admin/files",                                    kAdmins,        Page("files.html")},
    {"GET",    "/admin/reports",                                  kTicketRoles,   Page("reports.html")},
    {"GET",    "/admin/audit",                                    kAuditor,       Page("audit.html")},
    {"GET",    "/admin/assets/{file}",                            kAnyone,        Asset},
  };
  // clang-format on
  for (const Entry& e : table) {
    router.Add(e.method, e.pattern, e.role,
               instrument(e.pattern, GuardRoute(api.accounts(), e.pattern, e.role, e.handler)));
  }
}

}  // namespace yz
