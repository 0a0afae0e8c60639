// The handlers of station administration (internal to api/stations; station_admin_routes.h adds
// them to the route table). Each parses the request, calls StationAdminService, maps the answer.
#pragma once

#include "api/console/console_request.h"
#include "api/stations/station_admin_routes.h"

namespace yz::station_admin {

HttpResponse ListStations(const StationAdminRouteContext& c, const AdminRequest& r);
HttpResponse GetStation(const StationAdminRouteContext& c, const AdminRequest& r);
HttpResponse CreateStation(const StationAdminRouteContext& c, const AdminRequest& r);
HttpResponse PatchStation(const StationAdminRouteContext& c, const AdminRequest& r);

HttpResponse ListRegions(const StationAdminRouteContext& c, const AdminRequest& r);
HttpResponse SaveRegion(const StationAdminRouteContext& c, const AdminRequest& r);
HttpResponse ListHosts(const StationAdminRouteContext& c, const AdminRequest& r);
HttpResponse AddHost(const StationAdminRouteContext& c, const AdminRequest& r);
HttpResponse Standard(const StationAdminRouteContext& c, const AdminRequest& r);

HttpResponse ImportStations(const StationAdminRouteContext& c, const AdminRequest& r);
HttpResponse ExportStations(const StationAdminRouteContext& c, const AdminRequest& r);

HttpResponse StationPlaque(const StationAdminRouteContext& c, const AdminRequest& r);
HttpResponse RegionPlaques(const StationAdminRouteContext& c, const AdminRequest& r);

}  // namespace yz::station_admin
