#include "domain/accounts/authorization.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

Principal Who(Role role, Scope scope = {}) {
  Principal p;
  p.account.role = role;
  p.account.scope = std::move(scope);
  p.csrf_token = "token";
  return p;
}

TEST(RouteAccessTest, ParsesTheThreeForms) {
  EXPECT_EQ(ParseRouteAccess("public")->kind, RouteAccess::Kind::kPublic);
  EXPECT_EQ(ParseRouteAccess("session")->kind, RouteAccess::Kind::kSession);
  auto roles = ParseRouteAccess("admin:city_admin|auditor");
  ASSERT_TRUE(roles.ok());
  EXPECT_TRUE(roles->Allows(Role::kCityAdmin));
  EXPECT_TRUE(roles->Allows(Role::kAuditor));
  EXPECT_FALSE(roles->Allows(Role::kRegionAdmin));
}

TEST(RouteAccessTest, RejectsMalformedRoleStrings) {
  for (const char* bad : {"", "admin:", "admin:root", "admin:city_admin|", "Public", "admin"}) {
    EXPECT_FALSE(ParseRouteAccess(bad).ok()) << bad;
  }
}

TEST(DecideAccessTest, FollowsTheContractsOrder) {
  const auto access = *ParseRouteAccess("admin:city_admin");
  const Principal admin = Who(Role::kCityAdmin), auditor = Who(Role::kAuditor);
  EXPECT_EQ(DecideAccess(access, "GET", nullptr, ""), AccessDecision::kUnauthenticated);
  EXPECT_EQ(DecideAccess(access, "POST", nullptr, "token"), AccessDecision::kUnauthenticated);
  EXPECT_EQ(DecideAccess(access, "GET", &admin, ""), AccessDecision::kAllow);
  EXPECT_EQ(DecideAccess(access, "POST", &admin, ""), AccessDecision::kBadCsrfToken);
  EXPECT_EQ(DecideAccess(access, "PATCH", &admin, "wrong"), AccessDecision::kBadCsrfToken);
  EXPECT_EQ(DecideAccess(access, "DELETE", &admin, "token"), AccessDecision::kAllow);
  EXPECT_EQ(DecideAccess(access, "GET", &auditor, ""), AccessDecision::kRoleForbidden);
  EXPECT_EQ(DecideAccess(access, "POST", &auditor, ""), AccessDecision::kBadCsrfToken);
  EXPECT_EQ(DecideAccess(access, "POST", &auditor, "token"), AccessDecision::kRoleForbidden);
  EXPECT_EQ(DecideAccess(*ParseRouteAccess("public"), "POST", nullptr, ""), AccessDecision::kAllow);
}

TEST(DecideAccessTest, AMustChangeAccountUsesOnlyTheSessionRoutes) {
  Principal newcomer = Who(Role::kCityAdmin);
  newcomer.account.must_change_password = true;
  EXPECT_EQ(DecideAccess(*ParseRouteAccess("admin:city_admin"), "GET", &newcomer, ""),
            AccessDecision::kMustChangePassword);
  EXPECT_EQ(DecideAccess(*ParseRouteAccess("session"), "GET", &newcomer, ""),
            AccessDecision::kAllow);
  EXPECT_EQ(DecideAccess(*ParseRouteAccess("session"), "POST", &newcomer, "token"),
            AccessDecision::kAllow);
  EXPECT_EQ(DecideAccess(*ParseRouteAccess("public"), "POST", &newcomer, ""),
            AccessDecision::kAllow);
  // A role the route does not list is still told so first.
  EXPECT_EQ(DecideAccess(*ParseRouteAccess("admin:auditor"), "GET", &newcomer, ""),
            AccessDecision::kRoleForbidden);
}

TEST(ScopeTest, TheSecurityAdminReachesNoStation) {
  EXPECT_EQ(ParseRole("security_admin"), Role::kSecurityAdmin);
  EXPECT_EQ(RoleLabel(Role::kSecurityAdmin), "安全管理员");
  const Scope scope{{"370783"}, {"X9"}};
  EXPECT_FALSE(StationInScope(Role::kSecurityAdmin, scope, "X9", "370783001"));
  EXPECT_FALSE(RegionInScope(Role::kSecurityAdmin, {}, "370783"));
  EXPECT_TRUE(IsPrivilegedAdminRole(Role::kSecurityAdmin));
  EXPECT_TRUE(IsPrivilegedAdminRole(Role::kAuditor));
  EXPECT_FALSE(IsPrivilegedAdminRole(Role::kCityAdmin));
}

TEST(ScopeTest, RegionsCoverTheirDescendantsAndStationsAreListed) {
  const Scope scope{{"370783001"}, {"X9"}};
  EXPECT_TRUE(StationInScope(Role::kRegionAdmin, scope, "A", "370783001"));
  EXPECT_TRUE(StationInScope(Role::kRegionAdmin, scope, "A", "370783001002"));
  EXPECT_FALSE(StationInScope(Role::kRegionAdmin, scope, "A", "370783002"));
  EXPECT_FALSE(StationInScope(Role::kRegionAdmin, scope, "A", ""));
  EXPECT_TRUE(StationInScope(Role::kStationManager, scope, "X9", "440000"));
  EXPECT_FALSE(StationInScope(Role::kAuditor, scope, "X9", "370783001"));
}

TEST(ScopeTest, ACityAdminWithoutRegionsReachesEverything) {
  EXPECT_TRUE(StationInScope(Role::kCityAdmin, {}, "A", ""));
  EXPECT_TRUE(RegionInScope(Role::kCityAdmin, {}, "11"));
  EXPECT_FALSE(StationInScope(Role::kRegionAdmin, {}, "A", "370783"));
  EXPECT_FALSE(StationInScope(Role::kCityAdmin, Scope{{"370783"}, {}}, "A", "370784"));
}

}  // namespace
}  // namespace yz
