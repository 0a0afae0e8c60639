#include "api/admin/admin_api.h"

namespace yz {

AdminApi::AdminApi(AccountService& accounts, StationDirectory& directory, Store& store, const Clock& clock,
                   AdminApiConfig config, WorkbookWriter workbook, GeoJsonFormatter geojson)
    : accounts_(accounts),
      directory_(directory),
      store_(store),
      clock_(clock),
      config_(std::move(config)),
      workbook_(std::move(workbook)),
      geojson_(std::move(geojson)) {}

void AdminApi::Audit(const AdminRequest& r, std::string_view action, std::string_view object,
                     AuditOutcome outcome, std::string_view detail) {
  AuditEntry e;
  e.at = clock_.Now();
  if (r.principal != nullptr) {
    e.actor = r.principal->account.username;
    e.role = RoleCode(r.principal->role());
  }
  e.action = action;
  e.object = object;
  e.address = r.http.remote_address;
  e.outcome = outcome;
  e.detail = detail.substr(0, 500);
  (void)store_.audit().Append(e);
}

const Station* AdminApi::FindInScope(const StationCatalog& catalog, const AdminRequest& r,
                                        std::string_view code) const {
  const Station* s = catalog.Find(code);
  if (s == nullptr || r.principal == nullptr || !r.principal->CanReachStation(s->code, s->region)) return nullptr;
  return s;
}

bool AdminApi::MaySeePhones(const Principal& p) const {
  return p.role() == Role::kCityAdmin || p.role() == Role::kRegionAdmin || p.role() == Role::kStationManager;
}

Result<void> AdminApi::SaveStations(std::span<const Station> stations) { return directory_.Save(stations); }

}  // namespace yz
