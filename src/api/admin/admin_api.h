// The console's API (section 6 of the pinned contract) and its pages: sign-in, the stations in
// the caller's scope, import and export, reports, photos, plaques, the dashboard, the audit log.
// Every handler here runs behind AdminGuard (admin_guard.h), which has already decided that the
// caller may use the route; handlers decide only whether the object lies in the caller's scope
// (outside → 404, exactly as if absent). Every change and every unmasked view of personal data
// is written to the audit log. Thread-safe: handlers may run on many server threads at once.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "api/admin/admin_request.h"
#include "core/clock.h"
#include "core/local_time.h"
#include "domain/accounts/account_service.h"
#include "domain/stations/station_directory.h"
#include "domain/stations/station_repository.h"
#include "http/message.h"

namespace yz {

struct AdminApiConfig {
  // Base URL of the QR codes on plaques ("https://yizhan.example.org"), no trailing '/'.
  std::string public_url = "http://127.0.0.1:8080";
  // Where uploaded photos are kept (outside the web root); created when needed.
  std::filesystem::path photo_dir = "./data/photos";
  // The supervision phone (监督电话) printed on plaques.
  std::string supervision_phone = "12351";
  // The brand printed under the title on plaques of stations in `brand_region` ("" = all).
  std::string brand = "菜乡驿·温暖家";
  std::string brand_region = "370783";
  TimeZone zone = TimeZone::Shanghai();
  std::size_t max_photo_bytes = 8u * 1024u * 1024u;  // per upload
  int max_photos_per_station = 12;
};

// Writes an .xlsx workbook of `stations` to a file (the app layer's WriteStationWorkbook).
using WorkbookWriter = std::function<Result<void>(const std::vector<Station>&, const std::string& path)>;
// The RFC 7946 GeoJSON text of `stations` (the app layer's FormatStationGeoJson).
using GeoJsonFormatter = std::function<std::string(const std::vector<Station>&)>;

class AdminApi {
 public:
  AdminApi(AccountService& accounts, StationDirectory& directory, Store& store, const Clock& clock,
           AdminApiConfig config, WorkbookWriter workbook, GeoJsonFormatter geojson);

  AccountService& accounts() { return accounts_; }

  // --- auth (auth_endpoints.cpp) ---
  HttpResponse Login(const AdminRequest& r);           // POST /api/v1/auth/login
  HttpResponse Logout(const AdminRequest& r);          // POST /api/v1/auth/logout
  HttpResponse SessionInfo(const AdminRequest& r);     // GET  /api/v1/admin/session
  HttpResponse ChangePassword(const AdminRequest& r);  // POST /api/v1/admin/session/password

  // --- stations (station_endpoints.cpp) ---
  HttpResponse ListStations(const AdminRequest& r);    // GET   /api/v1/admin/stations
  HttpResponse GetStation(const AdminRequest& r);      // GET   /api/v1/admin/stations/{code}
  HttpResponse CreateStation(const AdminRequest& r);   // POST  /api/v1/admin/stations
  HttpResponse PatchStation(const AdminRequest& r);    // PATCH /api/v1/admin/stations/{code}

  // --- registry (registry_endpoints.cpp) ---
  HttpResponse ListRegions(const AdminRequest& r);     // GET  /api/v1/admin/regions
  HttpResponse SaveRegion(const AdminRequest& r);      // POST /api/v1/admin/regions
  HttpResponse ListHosts(const AdminRequest& r);       // GET  /api/v1/admin/hosts
  HttpResponse AddHost(const AdminRequest& r);         // POST /api/v1/admin/hosts
  HttpResponse Standard(const AdminRequest& r);        // GET  /api/v1/admin/standard
  HttpResponse Dashboard(const AdminRequest& r);       // GET  /api/v1/admin/dashboard

  // --- import and export (import_export_endpoints.cpp) ---
  HttpResponse ImportStations(const AdminRequest& r);  // POST /api/v1/admin/uploads/stations
  HttpResponse ExportStations(const AdminRequest& r);  // GET  /api/v1/admin/exports/stations

  // --- reports (report_endpoints.cpp) ---
  HttpResponse ListReports(const AdminRequest& r);     // GET   /api/v1/admin/reports
  HttpResponse PatchReport(const AdminRequest& r);     // PATCH /api/v1/admin/reports/{id}

  // --- photos (photo_endpoints.cpp) ---
  HttpResponse UploadPhoto(const AdminRequest& r);     // POST   /api/v1/admin/uploads/stations/{code}/photos
  HttpResponse GetPhoto(const AdminRequest& r);        // GET    /api/v1/admin/stations/{code}/photos/{file}
  HttpResponse DeletePhoto(const AdminRequest& r);     // DELETE /api/v1/admin/stations/{code}/photos/{file}

  // --- plaques (plaque_endpoints.cpp) ---
  HttpResponse StationPlaque(const AdminRequest& r);   // GET /api/v1/admin/stations/{code}/plaque.pdf
  HttpResponse RegionPlaques(const AdminRequest& r);   // GET /api/v1/admin/regions/{code}/plaques.pdf

  // --- audit log (audit_endpoints.cpp) ---
  HttpResponse ListAudit(const AdminRequest& r);       // GET /api/v1/admin/audit

  // Writes one audit entry for `r`'s caller. Never fails the request.
  void Audit(const AdminRequest& r, std::string_view action, std::string_view object, AuditOutcome outcome,
             std::string_view detail = {});

 private:
  // The station `code` when it exists and lies in the caller's scope; nullptr otherwise (the
  // caller then answers 404). The pointer lives as long as `catalog`.
  const Station* FindInScope(const StationCatalog& catalog, const AdminRequest& r, std::string_view code) const;
  bool MaySeePhones(const Principal& p) const;
  // Saves through the directory so that the public search sees the change at once.
  Result<void> SaveStations(std::span<const Station> stations);

  AccountService& accounts_;
  StationDirectory& directory_;
  Store& store_;
  const Clock& clock_;
  const AdminApiConfig config_;
  WorkbookWriter workbook_;
  GeoJsonFormatter geojson_;
};

}  // namespace yz
