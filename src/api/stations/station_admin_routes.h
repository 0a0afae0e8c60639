// The console's routes of station administration (StationAdminService, domain/stations): the
// stations, regions, hosts and amenity standard in the caller's scope, station files in and out,
// plaques, and the pages that show them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/console/console_routes.h"
#include "domain/settings/public_address.h"
#include "domain/stations/station_admin_service.h"

namespace yz {

struct StationAdminConfig {
  // Base URL of the QR codes on plaques ("https://yizhan.example.org"), no trailing '/'.
  std::string public_url = "http://127.0.0.1:8080";
  // The same address as the console may change it while serving; null: `public_url` as it is.
  std::shared_ptr<const PublicAddress> address;
  // The supervision phone (监督电话) printed on plaques.
  std::string supervision_phone = "12351";
  // The brand printed under the title on plaques of stations in `brand_region` ("" = all).
  std::string brand = "菜乡驿·温暖家";
  std::string brand_region = "370783";
};

// Writes an .xlsx workbook of `stations` to a file (the app layer's WriteStationWorkbook).
using WorkbookWriter =
    std::function<Result<void>(const std::vector<Station>&, const std::string& path)>;
// The RFC 7946 GeoJSON text of `stations` (the app layer's FormatStationGeoJson).
using GeoJsonFormatter = std::function<std::string(const std::vector<Station>&)>;

struct StationAdminRouteContext {
  StationAdminService& service;
  StationAdminConfig config;
  WorkbookWriter workbook;  // the plain form, as `yizhan export` writes it (re-importable)
  GeoJsonFormatter geojson;
  // The form for people: Chinese headers and labels, the codes on a second sheet
  // (WriteStationWorkbookForPeople); `form=zh`. Empty: the plain form only.
  WorkbookWriter workbook_for_people;
};

// REQUIRES: `context` (and what it refers to) outlives the route table.
void AddStationAdminRoutes(ConsoleRoutes& routes, const StationAdminRouteContext& context);

}  // namespace yz
