// Who may use which console route: the role strings (grammar in http/router.h) that areas' route
// functions put beside their routes. A role not listed gets 403; an object outside the caller's
// scope 404. The console's pages and menu read these through the route table, never a copy.
#pragma once

namespace yz::console_roles {

inline constexpr const char* kAnyone = "public";
inline constexpr const char* kSignedIn = "session";
inline constexpr const char* kAdmins = "admin:city_admin|region_admin";
inline constexpr const char* kCityAdmin = "admin:city_admin";
inline constexpr const char* kEditors = "admin:city_admin|region_admin|station_manager";
inline constexpr const char* kTicketRoles =
    "admin:city_admin|region_admin|station_manager|maintainer";
inline constexpr const char* kStationReaders =
    "admin:city_admin|region_admin|station_manager|maintainer|volunteer";
// The registry's records with managers, phones and investment: staff only. A volunteer sees the
// public facts of stations and, on their phone (/v), the manager of a shift they hold (issue 16).
inline constexpr const char* kStationStaff =
    "admin:city_admin|region_admin|station_manager|maintainer";
inline constexpr const char* kAuditor = "admin:auditor";
// Accounts and roles: the security administrator's alone (ADR 0014).
inline constexpr const char* kSecurityAdmin = "admin:security_admin";

}  // namespace yz::console_roles
