#include "domain/accounts/role.h"

#include <algorithm>
#include <array>

#include "core/region_code.h"

namespace yz {
namespace {

struct RoleInfo {
  Role role;
  std::string_view code;
  std::string_view label;
};

constexpr std::array<RoleInfo, kRoleCount> kRoles{{
    {Role::kCityAdmin, "city_admin", "市总工会管理员"},
    {Role::kRegionAdmin, "region_admin", "区域管理员"},
    {Role::kStationManager, "station_manager", "站点负责人"},
    {Role::kMaintainer, "maintainer", "维护人员"},
    {Role::kVolunteer, "volunteer", "志愿者"},
    {Role::kAuditor, "auditor", "审计员"},
    {Role::kSecurityAdmin, "security_admin", "安全管理员"},
}};

constexpr std::array<Role, kRoleCount> kAll{
    Role::kCityAdmin, Role::kRegionAdmin, Role::kStationManager, Role::kMaintainer,
    Role::kVolunteer, Role::kAuditor,     Role::kSecurityAdmin};

bool AnyRegionCovers(const Scope& scope, std::string_view region) {
  if (region.empty()) return false;
  return std::any_of(scope.regions.begin(), scope.regions.end(),
                     [&](const std::string& r) { return RegionCovers(r, region); });
}

}  // namespace

std::span<const Role> AllRoles() { return kAll; }
std::string_view RoleCode(Role r) { return kRoles[static_cast<std::size_t>(r)].code; }
std::string_view RoleLabel(Role r) { return kRoles[static_cast<std::size_t>(r)].label; }

bool IsPrivilegedAdminRole(Role r) { return r == Role::kAuditor || r == Role::kSecurityAdmin; }

std::optional<Role> ParseRole(std::string_view code) {
  for (const auto& info : kRoles) {
    if (info.code == code) return info.role;
  }
  return std::nullopt;
}

bool StationInScope(Role role, const Scope& scope, std::string_view station_code,
                    std::string_view station_region) {
  if (IsPrivilegedAdminRole(role)) return false;
  if (role == Role::kCityAdmin && scope.regions.empty()) return true;
  if (std::find(scope.stations.begin(), scope.stations.end(), station_code) != scope.stations.end())
    return true;
  return AnyRegionCovers(scope, station_region);
}

bool RegionInScope(Role role, const Scope& scope, std::string_view region) {
  if (IsPrivilegedAdminRole(role)) return false;
  if (role == Role::kCityAdmin && scope.regions.empty()) return true;
  return AnyRegionCovers(scope, region);
}

}  // namespace yz
