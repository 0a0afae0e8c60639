// The roles of the console (section 4 of the pinned contract, plus the security administrator of
// ADR 0014) and the scope an account holds: region prefixes and station codes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace yz {

enum class Role : uint8_t {
  kCityAdmin,       // everything in its regions (all regions when it lists none)
  kRegionAdmin,     // the stations, people and records of its regions
  kStationManager,  // its stations
  kMaintainer,      // the reports (tickets) of the stations it looks after
  kVolunteer,       // reads the stations it serves
  kAuditor,         // the audit administrator: reads the audit log, nothing else
  kSecurityAdmin,   // the security administrator: accounts and roles, nothing else
};
inline constexpr int kRoleCount = 7;

std::span<const Role> AllRoles();
std::string_view RoleCode(Role r);   // "city_admin", …
std::string_view RoleLabel(Role r);  // "市总工会管理员", …
std::optional<Role> ParseRole(std::string_view code);

// The security and the audit administrator (ADR 0014, 三员分立): accounts of these roles are made
// and changed only on the server's command line, never through the console.
bool IsPrivilegedAdminRole(Role r);

// What an account may reach. A station is in scope when its code is listed, or when its region
// lies under a listed region (RegionCovers). A city admin with no regions reaches everything;
// an auditor or a security admin reaches no station whatever it lists.
struct Scope {
  std::vector<std::string> regions;   // IsValidRegionCode each
  std::vector<std::string> stations;  // IsValidStationCode each
  friend bool operator==(const Scope&, const Scope&) = default;
};

bool StationInScope(Role role, const Scope& scope, std::string_view station_code,
                    std::string_view station_region);
// True when every station of `region` (and the region itself) is in scope: a listed region
// covers it, or the account is an unrestricted city admin.
bool RegionInScope(Role role, const Scope& scope, std::string_view region);

}  // namespace yz
