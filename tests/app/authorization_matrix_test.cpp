// The authorization matrix, generated from the route table: every route and page that any area
// declared through ConsoleRoutes, dispatched in-process for an anonymous caller and for one
// signed-in account of each role (with a valid CSRF token):
//   anonymous on a non-public route → 401 `unauthenticated` (API) or 303 to the sign-in (pages);
//   a role the route does not list → 403 `forbidden`;
//   a role it lists → neither 401 nor 403 (path parameters name nothing, so 404 and 400 are fine).
// The same table is rendered as docs/authorization-matrix.md; the test fails when the committed
// file differs. Regenerate with YIZHAN_WRITE_MATRIX=1 (see kRegenerate).
// The scope of each role (404 outside) is tested object by object in admin_api_test.cpp.
// Every other route of the table (the public API and pages, the routes of people signed in by
// phone) gets a second table: anonymous, a console session, a person's phone session.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/in_process_server.h"
#include "app/test_support.h"
#include "domain/accounts/account_service.h"
#include "domain/accounts/authorization.h"

namespace yz {
namespace {

namespace json = boost::json;
using testing::HttpHeaders;
using testing::HttpResult;
using testing::InProcessServer;
using testing::TempDir;

constexpr std::string_view kPassword = "a long enough password";
constexpr std::string_view kRegenerate =
    "YIZHAN_WRITE_MATRIX=1 YIZHAN_SOURCE_DIR=$PWD build/release/tests/app_tests "
    "--gtest_filter='AuthorizationMatrix*'";

struct Client {
  std::string cookie, csrf;
};

// The route's pattern with every `{param}` replaced by a value that names nothing.
std::string Target(const std::string& pattern) {
  static const std::map<std::string, std::string> kValues = {{"code", "NOSUCH1"},
                                                             {"file", "matrix-none.js"},
                                                             {"username", "matrix-nobody"},
                                                             {"id", "0000000000000000"}};
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const auto open = pattern.find('{', i);
    if (open == std::string::npos) {
      out += pattern.substr(i);
      break;
    }
    const auto close = pattern.find('}', open);
    out += pattern.substr(i, open - i);
    const std::string name = pattern.substr(open + 1, close - open - 1);
    const auto it = kValues.find(name);
    out += it != kValues.end() ? it->second : "matrix-" + name;
    i = close + 1;
  }
  return out;
}

std::string ErrorCodeOf(const HttpResult& r) {
  try {
    const json::value v = json::parse(r.body);
    return std::string(v.at("error").at("code").as_string());
  } catch (...) {
    return "";
  }
}

class AuthorizationMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerAppConfig config;
    config.public_api.limits.enabled = false;
    config.run_jobs = false;
    server_ = InProcessServer::Start(dir_ / "data", config);
    ASSERT_NE(server_, nullptr);
    Store& store = server_->app().store();
    auto key = store.secrets->HashKey();
    ASSERT_TRUE(key.ok());
    AccountService accounts(*store.accounts, *store.sessions, *store.audit, clock_, *key);
    for (const Role role : AllRoles()) {
      Scope scope;
      if (role == Role::kRegionAdmin) scope.regions = {"370783001"};
      if (role == Role::kStationManager || role == Role::kMaintainer || role == Role::kVolunteer)
        scope.stations = {"IN1"};
      auto made = accounts.CreateAccount({std::string(RoleCode(role)), role, scope}, kPassword);
      ASSERT_TRUE(made.ok()) << made.error().message;
      clients_[role] = Login(role);
    }
  }

  Client Login(Role role) {
    HttpResult r = server_->Send(
        "POST", "/api/v1/auth/login",
        json::serialize(json::object{{"username", RoleCode(role)}, {"password", kPassword}}),
        {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 200) << r.body;
    Client c;
    c.cookie = r.Header("Set-Cookie").substr(0, r.Header("Set-Cookie").find(';'));
    if (r.status == 200) c.csrf = std::string(json::parse(r.body).at("csrf_token").as_string());
    return c;
  }

  // A person signed in by phone, with the code read from the outbox; a new number each time
  // (codes are limited per number).
  Client PersonSignIn() {
    const std::string phone = fmt::format("1380000{:04}", ++people_);
    const std::string consent = R"(,"consent_version":1})";
    HttpResult code = server_->Send("POST", "/api/v1/people/sign-in/code",
                                    R"({"phone":")" + phone + "\"" + consent,
                                    {{"Content-Type", "application/json"}});
    EXPECT_EQ(code.status, 200) << code.body;
    EXPECT_TRUE(server_->app().sender().RunOnce().ok());
    auto newest = server_->app().store().messages->ListMessages({});
    if (!newest.ok() || newest->empty()) return {};
    HttpResult in = server_->Send(
        "POST", "/api/v1/people/sign-in",
        R"({"phone":")" + phone + R"(","code":")" + newest->front().params.at(0) + "\"" + consent,
        {{"Content-Type", "application/json"}});
    EXPECT_EQ(in.status, 200) << in.body;
    return Client{in.Header("Set-Cookie").substr(0, in.Header("Set-Cookie").find(';')), ""};
  }

  // Every route of the table that no ConsoleRoutes declared.
  std::vector<Route> OtherRoutes() {
    std::set<std::pair<std::string, std::string>> console;
    for (const ConsoleRouteInfo& r : server_->app().console().Routes())
      console.insert({r.method, r.pattern});
    std::vector<Route> out;
    for (const Route& r : server_->app().router().routes()) {
      if (!console.contains({r.method, r.pattern})) out.push_back(r);
    }
    return out;
  }

  HttpResult SendOther(const Client& c, const Route& route) {
    HttpHeaders headers;
    if (!c.cookie.empty()) headers.emplace_back("Cookie", c.cookie);
    std::string body;
    if (route.method != "GET" && route.method != "HEAD") {
      body = "{}";
      headers.emplace_back("Content-Type", "application/json");
    }
    return server_->Send(route.method, Target(route.pattern), body, headers);
  }

  HttpResult Send(const Client& c, const ConsoleRouteInfo& route) {
    HttpHeaders headers;
    if (!c.cookie.empty()) headers.emplace_back("Cookie", c.cookie);
    if (!c.csrf.empty()) headers.emplace_back("X-CSRF-Token", c.csrf);
    std::string body;
    if (route.method != "GET" && route.method != "HEAD") {
      body = "{}";
      headers.emplace_back("Content-Type", "application/json");
    }
    return server_->Send(route.method, Target(route.pattern), body, headers);
  }

  TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<InProcessServer> server_;
  std::map<Role, Client> clients_;
  int people_ = 0;
};

// The second table: the routes outside the console.
std::string RenderOtherRoutes(const std::vector<Route>& routes) {
  std::string out =
      "\n## Outside the console\n\n"
      "The public API and pages (`public`: anyone, limited per device and address) and the\n"
      "routes of a person signed in by phone (`person`: the `yz_person` cookie; a console\n"
      "session is not one).\n\n"
      "| Route | Declared | 匿名 anonymous | 控制台账号 console session | 职工本人 person |\n"
      "|---|---|:-:|:-:|:-:|\n";
  for (const Route& route : routes) {
    const bool person = route.role == "person";
    out += fmt::format("| `{} {}` | `{}` | {} | {} | ✓ |\n", route.method, route.pattern,
                       route.role, person ? "—" : "✓", person ? "—" : "✓");
  }
  return out;
}

// The matrix as Markdown: one row per route, one column per caller.
std::string RenderMatrix(const std::vector<ConsoleRouteInfo>& routes) {
  std::string out =
      "# Authorization matrix\n\n"
      "Generated from the route table by `tests/app/authorization_matrix_test.cpp`, which also\n"
      "checks every cell by dispatching the route in-process (✓: allowed; —: 401 for anonymous,\n"
      "403 for a signed-in role). Do not edit by hand; regenerate with\n\n"
      "    " +
      std::string(kRegenerate) +
      "\n\n"
      "Allowed is not the whole story: most routes then answer 404 for objects outside the\n"
      "caller's regions or stations, and the accounts routes apply the separation of duties of\n"
      "ADR 0014 (nobody changes their own account; security and audit administrators are managed\n"
      "only on the command line). An account that must change its temporary password may use\n"
      "only the `session` routes until it does.\n\n";
  out += "| Route | Declared | 匿名 anonymous |";
  for (const Role role : AllRoles())
    out += fmt::format(" {}<br>`{}` |", RoleLabel(role), RoleCode(role));
  out += "\n|---|---|:-:|";
  for (std::size_t i = 0; i < AllRoles().size(); ++i) out += ":-:|";
  out += "\n";
  for (const ConsoleRouteInfo& route : routes) {
    const RouteAccess access = *ParseRouteAccess(route.role);
    const bool public_route = access.kind == RouteAccess::Kind::kPublic;
    std::string name = fmt::format("`{} {}`", route.method, route.pattern);
    if (route.page)
      name += route.menu_label.empty() ? " (page)" : fmt::format(" (page「{}」)", route.menu_label);
    out += fmt::format("| {} | `{}` | {} |", name, route.role, public_route ? "✓" : "—");
    for (const Role role : AllRoles()) out += access.Allows(role) ? " ✓ |" : " — |";
    out += "\n";
  }
  return out;
}

TEST_F(AuthorizationMatrixTest, EveryRouteAnswersEachRoleAsItsDeclarationSays) {
  const std::vector<ConsoleRouteInfo> routes = server_->app().console().Routes();
  ASSERT_GT(routes.size(), 30u);
  int checked = 0;
  for (const ConsoleRouteInfo& route : routes) {
    SCOPED_TRACE(fmt::format("{} {} [{}]", route.method, route.pattern, route.role));
    auto access = ParseRouteAccess(route.role);
    ASSERT_TRUE(access.ok());
    const bool api = route.pattern.starts_with("/api/");
    if (route.pattern.starts_with("/api/v1/admin/")) {
      EXPECT_NE(access->kind, RouteAccess::Kind::kPublic)
          << "the contract: /api/v1/admin/ needs a session";
    }
    HttpResult anonymous = Send(Client{}, route);
    if (access->kind == RouteAccess::Kind::kPublic) {
      EXPECT_NE(anonymous.status, 401);
      EXPECT_NE(anonymous.status, 403);
    } else if (api) {
      EXPECT_EQ(anonymous.status, 401) << anonymous.body;
      EXPECT_EQ(ErrorCodeOf(anonymous), "unauthenticated");
    } else {
      EXPECT_EQ(anonymous.status, 303) << "a page sends the anonymous to the sign-in";
      EXPECT_TRUE(anonymous.Header("Location").starts_with("/admin/login"));
    }
    ++checked;
    for (const Role role : AllRoles()) {
      SCOPED_TRACE(std::string("role ") + std::string(RoleCode(role)));
      HttpResult r = Send(clients_[role], route);
      if (access->Allows(role)) {
        EXPECT_NE(r.status, 401) << r.body.substr(0, 300);
        EXPECT_NE(r.status, 403) << r.body.substr(0, 300);
        EXPECT_LT(r.status, 500) << r.body.substr(0, 300);
      } else {
        EXPECT_EQ(r.status, 403) << r.body.substr(0, 300);
        if (api) {
          EXPECT_EQ(ErrorCodeOf(r), "forbidden");
        }
      }
      if (route.pattern == "/api/v1/auth/logout") clients_[role] = Login(role);
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(routes.size() * (AllRoles().size() + 1)));
}

TEST_F(AuthorizationMatrixTest, EveryOtherRouteIsPublicOrAPersonsOwn) {
  const std::vector<Route> routes = OtherRoutes();
  ASSERT_GT(routes.size(), 25u);
  Client person = PersonSignIn();
  int persons_own = 0;
  for (const Route& route : routes) {
    SCOPED_TRACE(fmt::format("{} {} [{}]", route.method, route.pattern, route.role));
    ASSERT_TRUE(route.role == "public" || route.role == "person") << "an unknown declaration";
    const bool mine = route.role == "person";
    HttpResult anonymous = SendOther(Client{}, route);
    HttpResult staff = SendOther(clients_[Role::kCityAdmin], route);
    if (mine) {
      EXPECT_EQ(anonymous.status, 401) << anonymous.body;
      EXPECT_EQ(ErrorCodeOf(anonymous), "unauthenticated");
      EXPECT_EQ(staff.status, 401) << "a console session is not a person's: " << staff.body;
      ++persons_own;
    } else {
      EXPECT_NE(anonymous.status, 401) << anonymous.body.substr(0, 200);
      EXPECT_NE(anonymous.status, 403) << anonymous.body.substr(0, 200);
      EXPECT_LT(anonymous.status, 500) << anonymous.body.substr(0, 200);
    }
    HttpResult own = SendOther(person, route);
    EXPECT_NE(own.status, 401) << own.body.substr(0, 200);
    EXPECT_NE(own.status, 403) << own.body.substr(0, 200);
    EXPECT_LT(own.status, 500) << own.body.substr(0, 200);
    // Signing out or deleting oneself ends the session: the next route needs a new person.
    if (route.pattern == "/api/v1/me/sign-out" || route.pattern == "/api/v1/me") {
      if (route.method != "GET") person = PersonSignIn();
    }
  }
  EXPECT_GE(persons_own, 7);
}

TEST_F(AuthorizationMatrixTest, TheCommittedMatrixMatchesTheRouteTable) {
  const char* source = std::getenv("YIZHAN_SOURCE_DIR");
  ASSERT_NE(source, nullptr) << "run under ctest, or set YIZHAN_SOURCE_DIR to the source tree";
  const std::string path = std::string(source) + "/docs/authorization-matrix.md";
  const std::string rendered =
      RenderMatrix(server_->app().console().Routes()) + RenderOtherRoutes(OtherRoutes());
  if (const char* write = std::getenv("YIZHAN_WRITE_MATRIX"); write && std::string(write) == "1") {
    testing::WriteText(path, rendered);
    GTEST_SKIP() << "wrote " << path;
  }
  EXPECT_EQ(testing::ReadText(path), rendered)
      << "docs/authorization-matrix.md is not the route table's matrix. If the change of who may "
         "use which route is intended, regenerate it from the source tree with:\n  "
      << kRegenerate;
}

}  // namespace
}  // namespace yz
