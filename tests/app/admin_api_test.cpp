// Section 6 of the pinned contract (accounts) and issue 5 (the console), tested through the real
// route table in-process (InProcessServer: the composition root and Router::Dispatch, no socket),
// as union staff would use it and as an attacker would try it. The authorization matrix is
// generated from the real route table: every console and admin route × every role (anonymous
// included) × an object inside and outside the caller's scope; a route without a probe rule here
// fails the test.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/http_test_client.h"
#include "app/in_process_server.h"
#include "app/server_app.h"
#include "app/test_support.h"
#include "core/xlsx/xlsx_reader.h"
#include "domain/grading/grading.h"
#include "domain/settings/setting_repository.h"
#include "domain/volunteers/volunteer.h"
#include "storage/open_store.h"

namespace yz {
namespace {

namespace json = boost::json;
using testing::Http;
using testing::HttpHeaders;
using testing::HttpResult;
using testing::InProcessServer;
using testing::TempDir;

constexpr std::string_view kPassword = "a long enough password";
constexpr std::string_view kPublicUrl = "https://yizhan.example.org";

// The roles of the contract, and the accounts of the test: each scoped so that station IN1
// (region 370783001) is inside and OUT1 (region 370784001) outside.
const std::vector<std::string> kRoles = {"city_admin",    "region_admin", "station_manager",
                                         "maintainer",    "volunteer",    "auditor",
                                         "security_admin"};

std::string Shell(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// Runs `yizhan ARGS` with `input` on standard input; returns the exit status.
int RunWithInput(const std::string& args, std::string_view input, const TempDir& scratch) {
  const std::string in = scratch / "stdin.txt";
  testing::WriteText(in, input);
  const std::string command = Shell(testing::YizhanBinary()) + " " + args + " <" + Shell(in) +
                              " >" + Shell(scratch / "cli-out.txt") + " 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string CommandOutput(const TempDir& scratch) {
  return testing::ReadText(scratch / "cli-out.txt");
}

json::value Json(const HttpResult& r) {
  try {
    return json::parse(r.body);
  } catch (...) {
    return nullptr;
  }
}

std::string ErrorCode(const HttpResult& r) {
  const json::value v = Json(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  return std::string(v.at("error").at("code").as_string());
}

struct Client {
  std::string cookie;  // "yz_session=…"
  std::string csrf;
};

// The cookie set by a response ("yz_session=…"), or "".
std::string CookieOf(const HttpResult& r) {
  const std::string set = r.Header("Set-Cookie");
  const auto semi = set.find(';');
  return set.substr(0, semi);
}

class AdminApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string data = Shell((*dir_) / "data");
    const auto add = [&](const std::string& name, const std::string& role,
                         const std::string& scope) {
      const int status = RunWithInput(
          fmt::format("user add --data {} --username {} --role {} {}", data, name, role, scope),
          std::string(kPassword) + "\n", *dir_);
      ASSERT_EQ(status, 0) << CommandOutput(*dir_);
    };
    add("root", "city_admin", "");
    add("city_admin", "city_admin", "--region 370783");
    add("region_admin", "region_admin", "--region 370783001");
    add("station_manager", "station_manager", "--station IN1");
    add("maintainer", "maintainer", "--station IN1");
    add("volunteer", "volunteer", "--station IN1");
    add("auditor", "auditor", "");
    add("security_admin", "security_admin", "");
    add("security_admin2", "security_admin", "");
    add("matrixee", "station_manager", "--station IN1");  // the accounts routes' probe target
    add("staffer", "station_manager", "--station IN1");   // the accounts handler tests' target
    add("locky", "region_admin", "--region 370783001");
    add("leaver", "station_manager", "--station IN1");
    ServerAppConfig config;
    config.public_api.public_url = std::string(kPublicUrl);
    config.public_api.limits.enabled = false;
    config.run_jobs = false;  // the timed-jobs test drives RunDue itself
    server_ = InProcessServer::Start((*dir_) / "data", config).release();
    ASSERT_NE(server_, nullptr);
    for (const auto& role : kRoles) clients_[role] = LoginOrDie(role);
    clients_["root"] = LoginOrDie("root");

    const Client& root = clients_["root"];
    ASSERT_EQ(
        Send(root, "POST", "/api/v1/admin/regions", R"({"code":"370783001","name":"圣城街道"})")
            .status,
        200);
    ASSERT_EQ(
        Send(root, "POST", "/api/v1/admin/regions", R"({"code":"370784001","name":"别处街道"})")
            .status,
        200);
    ASSERT_EQ(
        Send(root, "POST", "/api/v1/admin/stations", StationBody("IN1", "370783001", "里面的站"))
            .status,
        201);
    ASSERT_EQ(
        Send(root, "POST", "/api/v1/admin/stations", StationBody("OUT1", "370784001", "外面的站"))
            .status,
        201);
    for (const std::string code : {"IN1", "OUT1"}) {
      photos_[code] = UploadPhoto(root, code);
      ASSERT_FALSE(photos_[code].empty());
      HttpResult rep =
          Http(server(), "POST", "/api/v1/stations/" + code + "/reports",
               R"({"category":"facility","amenity":"microwave","description":"微波炉坏了"})",
               {{"Content-Type", "application/json"}});
      ASSERT_EQ(rep.status, 201) << rep.body;
      reports_[code] = std::string(Json(rep).at("report_id").as_string());
      HttpResult photo = Send(
          root, "POST", "/api/v1/admin/uploads/tickets/" + reports_[code] + "/photos?kind=before",
          JpegWithExif(root), true, "image/jpeg");
      ASSERT_EQ(photo.status, 201) << photo.body;
      reports_["photo:" + code] = std::string(Json(photo).at("file").as_string());
    }
    HttpResult team =
        Send(root, "POST", "/api/v1/admin/maintenance-teams",
             R"({"name":"圣城维修队","region":"370783001","members":["maintainer"]})");
    ASSERT_EQ(team.status, 201) << team.body;
    reports_["team"] = std::to_string(Json(team).at("id").as_int64());
    // Grading runs inside and outside the scoped roles' regions (the probes read them).
    for (const auto& [code, region] : {std::pair{"IN1", "370783001"}, {"OUT1", "370784001"}}) {
      HttpResult run = Send(root, "POST", "/api/v1/admin/grading/runs",
                            json::serialize(json::object{{"region", region}}));
      ASSERT_EQ(run.status, 201) << run.body;
      reports_[std::string("run:") + code] = std::to_string(Json(run).at("id").as_int64());
    }
    // A volunteer shift at each station (the duty probes confirm arrivals on them).
    for (const char* code : {"IN1", "OUT1"}) {
      HttpResult shift =
          Send(root, "POST", std::string("/api/v1/admin/stations/") + code + "/shifts",
               R"({"starts_at":"2027-03-01T07:00:00+08:00",)"
               R"("ends_at":"2027-03-01T09:00:00+08:00","needed":2})");
      ASSERT_EQ(shift.status, 201) << shift.body;
      reports_[std::string("shift:") + code] =
          std::to_string(Json(shift).at("shift").at("id").as_int64());
    }
    // A volunteer of each region, with a skill to approve (the register's probes).
    ASSERT_TRUE(
        server_->app()
            .store()
            .volunteers
            ->ImportVolunteers(
                {{2, "13800000011", "志愿者甲", "370783001", {VolunteerSkill::kFirstAid}, ""},
                 {3, "13800000012", "志愿者乙", "370784001", {VolunteerSkill::kFirstAid}, ""}},
                SystemClock().Now())
            .ok());
    for (const auto& [code, phone] : {std::pair{"IN1", "13800000011"}, {"OUT1", "13800000012"}}) {
      auto v = server_->app().store().volunteers->FindVolunteerByPhone(phone);
      ASSERT_TRUE(v.ok() && v->has_value());
      reports_[std::string("volunteer:") + code] = std::to_string((*v)->id);
    }
  }

  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
    server_ = nullptr;
    dir_ = nullptr;
  }

  static InProcessServer& server() { return *server_; }

  static std::string StationBody(const std::string& code, const std::string& region,
                                 const std::string& name) {
    return json::serialize(
        json::object{{"code", code},
                     {"name", name},
                     {"lng", 118.79},
                     {"lat", 36.88},
                     {"region", region},
                     {"status", "open"},
                     {"opening_hours", "24/7"},
                     {"amenities", json::array{"seating", "microwave", "drinking_water"}},
                     {"services", json::array{"legal_aid"}},
                     {"manager", "王师傅"},
                     {"phone", "18812342223"}});
  }

  static Client LoginOrDie(const std::string& username) {
    HttpResult r =
        Http(server(), "POST", "/api/v1/auth/login",
             json::serialize(json::object{{"username", username}, {"password", kPassword}}),
             {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 200) << username << ": " << r.body;
    Client c;
    c.cookie = CookieOf(r);
    if (r.status == 200) c.csrf = std::string(Json(r).at("csrf_token").as_string());
    return c;
  }

  static HttpResult Send(const Client& c, const std::string& method, const std::string& target,
                         std::string_view body = {}, bool with_csrf = true,
                         std::string content_type = "application/json") {
    HttpHeaders headers;
    if (!c.cookie.empty()) headers.emplace_back("Cookie", c.cookie);
    if (with_csrf && !c.csrf.empty()) headers.emplace_back("X-CSRF-Token", c.csrf);
    if (!body.empty()) headers.emplace_back("Content-Type", content_type);
    return Http(server(), method, target, body, headers);
  }

  // A JPEG made by rendering the plaque, with an EXIF segment carrying GPS tags spliced in.
  static std::string JpegWithExif(const Client& c) {
    HttpResult pdf = Send(c, "GET", "/api/v1/admin/stations/IN1/plaque.pdf?size=a5");
    EXPECT_EQ(pdf.status, 200);
    const std::string pdf_path = (*dir_) / "photo-src.pdf";
    testing::WriteText(pdf_path, pdf.body);
    const std::string prefix = (*dir_) / "photo-src";
    EXPECT_EQ(
        std::system(
            ("pdftoppm -jpeg -r 20 -singlefile " + Shell(pdf_path) + " " + Shell(prefix)).c_str()),
        0);
    std::string jpeg = testing::ReadText(prefix + ".jpg");
    EXPECT_GT(jpeg.size(), 100u);
    const std::string payload = std::string("Exif\0\0", 6) +
                                "MM GPSLatitude 36.881234 GPSLongitude 118.791234 secret-serial";
    std::string app1 = "\xFF\xE1";
    app1 += static_cast<char>(((payload.size() + 2) >> 8) & 0xFF);
    app1 += static_cast<char>((payload.size() + 2) & 0xFF);
    app1 += payload;
    return jpeg.substr(0, 2) + app1 + jpeg.substr(2);
  }

  static std::string UploadPhoto(const Client& c, const std::string& code) {
    HttpResult r = Send(
        c, "POST", "/api/v1/admin/uploads/stations/" + code + "/photos?caption=%E9%97%A8%E5%8F%A3",
        JpegWithExif(c), true, "image/jpeg");
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return "";
    return std::string(Json(r).at("file").as_string());
  }

  static TempDir* dir_;
  static InProcessServer* server_;
  static std::map<std::string, Client> clients_;
  static std::map<std::string, std::string> photos_;  // station → a photo file never deleted
  static std::map<std::string, std::string> reports_;  // station → a report id; "team" → a team id
};

TempDir* AdminApiTest::dir_ = nullptr;
InProcessServer* AdminApiTest::server_ = nullptr;
std::map<std::string, Client> AdminApiTest::clients_;
std::map<std::string, std::string> AdminApiTest::photos_;
std::map<std::string, std::string> AdminApiTest::reports_;

// ---------------------------------------------------------------------------------------------
// Signing in and out.

TEST_F(AdminApiTest, LoginAnswersTheCsrfTokenAndAnHttpOnlyStrictCookie) {
  HttpResult r =
      Http(server(), "POST", "/api/v1/auth/login",
           json::serialize(json::object{{"username", "region_admin"}, {"password", kPassword}}),
           {{"Content-Type", "application/json"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(std::string(Json(r).at("csrf_token").as_string()).empty());
  const std::string cookie = r.Header("Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("yz_session=")) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  // --public-url is https: the cookie is Secure.
  EXPECT_NE(cookie.find("Secure"), std::string::npos) << cookie;
}

TEST_F(AdminApiTest, WrongPasswordAndUnknownUserGetTheSame401) {
  HttpResult wrong = Http(server(), "POST", "/api/v1/auth/login",
                          R"({"username":"volunteer","password":"nope nope nope"})",
                          {{"Content-Type", "application/json"}});
  HttpResult unknown = Http(server(), "POST", "/api/v1/auth/login",
                            R"({"username":"nobody","password":"nope nope nope"})",
                            {{"Content-Type", "application/json"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(ErrorCode(wrong), "unauthenticated");
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_TRUE(wrong.Header("Set-Cookie").empty());
}

// Login CSRF: a page of another site posting the sign-in form (text/plain or a form needs no
// preflight) would sign the victim's browser in to the attacker's account.
TEST_F(AdminApiTest, LoginRefusesAForeignOriginAndABodyThatIsNotJson) {
  const std::string body =
      json::serialize(json::object{{"username", "region_admin"}, {"password", kPassword}});
  HttpResult foreign = Http(server(), "POST", "/api/v1/auth/login", body,
                            {{"Content-Type", "application/json"},
                             {"Origin", "https://evil.example"},
                             {"Host", "yizhan.example.cn"}});
  EXPECT_EQ(foreign.status, 403) << foreign.body;
  EXPECT_TRUE(foreign.Header("Set-Cookie").empty());
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded",
                           "multipart/form-data; boundary=x", "text/plain;charset=UTF-8"}) {
    HttpResult plain = Http(server(), "POST", "/api/v1/auth/login", body, {{"Content-Type", type}});
    EXPECT_EQ(plain.status, 415) << type << ": " << plain.body;
    EXPECT_EQ(ErrorCode(plain), "invalid_argument");
    EXPECT_TRUE(plain.Header("Set-Cookie").empty()) << type;
  }
  // The console's own page (same host, or the public address) and programs without Origin.
  EXPECT_EQ(Http(server(), "POST", "/api/v1/auth/login", body,
                 {{"Content-Type", "application/json; charset=utf-8"},
                  {"Origin", "https://yizhan.example.cn"},
                  {"Host", "yizhan.example.cn"}})
                .status,
            200);
  EXPECT_EQ(Http(server(), "POST", "/api/v1/auth/login", body,
                 {{"Content-Type", "application/json"}, {"Origin", std::string(kPublicUrl)}})
                .status,
            200);
  EXPECT_EQ(Http(server(), "POST", "/api/v1/auth/login", body).status, 200);
}

// One address trying passwords (the tester's 55 a second) is slowed at the door, before the
// password hash is computed, and the audit log gets one entry per minute, not one per attempt.
TEST(LoginThrottle, LimitsAttemptsPerAddressAndAuditsThemInAggregate) {
  TempDir dir;
  ServerAppConfig config;
  config.public_api.public_url = std::string(kPublicUrl);
  config.public_api.limits.enabled = true;
  config.run_jobs = false;
  auto server = InProcessServer::Start(dir / "data", config);
  ASSERT_NE(server, nullptr);
  const auto attempt = [&](int i, const std::string& address) {
    // A different unknown user each time: the per-account lockout never comes into it.
    return server->Send("POST", "/api/v1/auth/login",
                        fmt::format(R"({{"username":"guess{}","password":"nope nope"}})", i),
                        {{"Content-Type", "application/json"}}, address);
  };
  for (int i = 0; i < 20; ++i) EXPECT_EQ(attempt(i, "203.0.113.7").status, 401) << i;
  for (int i = 20; i < 50; ++i) {
    const HttpResult r = attempt(i, "203.0.113.7");
    EXPECT_EQ(r.status, 429) << i;
    EXPECT_EQ(ErrorCode(r), "rate_limited");
  }
  EXPECT_EQ(attempt(99, "198.51.100.2").status, 401) << "another address is not slowed";
  AuditQuery all;
  all.limit = 1000;
  auto log = server->app().store().audit->List(all);
  ASSERT_TRUE(log.ok());
  int throttled = 0, denied = 0;
  for (const AuditEntry& e : *log) {
    throttled += e.action == "auth.login.throttled";
    denied += e.action == "auth.login";
  }
  EXPECT_GE(throttled, 1);
  EXPECT_LE(throttled, 2) << "30 refusals, one entry a minute (two if a minute began meanwhile)";
  EXPECT_EQ(denied, 21) << "the attempts that reached the password check";
}

// Successes do not drain the address's allowance: an office signs its staff in from one address.
TEST(LoginThrottle, SuccessfulSignInsFromOneAddressAreNotSlowed) {
  TempDir dir;
  const std::string data = Shell(dir / "data");
  ASSERT_EQ(
      RunWithInput(fmt::format("user add --data {} --username office --role city_admin", data),
                   std::string(kPassword) + "\n", dir),
      0)
      << CommandOutput(dir);
  ServerAppConfig config;
  config.public_api.public_url = std::string(kPublicUrl);
  config.public_api.limits.enabled = true;
  config.run_jobs = false;
  auto server = InProcessServer::Start(dir / "data", config);
  ASSERT_NE(server, nullptr);
  const std::string body =
      json::serialize(json::object{{"username", "office"}, {"password", kPassword}});
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(server
                  ->Send("POST", "/api/v1/auth/login", body, {{"Content-Type", "application/json"}},
                         "203.0.113.8")
                  .status,
              200)
        << i;
  }
}

TEST_F(AdminApiTest, RepeatedFailuresLockTheAccountWhateverThePassword) {
  for (int i = 0; i < 5; ++i) {
    HttpResult r = Http(server(), "POST", "/api/v1/auth/login",
                        R"({"username":"locky","password":"wrong wrong"})",
                        {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 401) << i;
  }
  HttpResult right =
      Http(server(), "POST", "/api/v1/auth/login",
           json::serialize(json::object{{"username", "locky"}, {"password", kPassword}}),
           {{"Content-Type", "application/json"}});
  EXPECT_EQ(right.status, 429);
  EXPECT_EQ(ErrorCode(right), "rate_limited");
  HttpResult audit = Send(clients_["auditor"], "GET", "/api/v1/admin/audit?action=auth.lockout");
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("account:locky"), std::string::npos) << audit.body;
}

TEST_F(AdminApiTest, LogoutRefusesTheOldCookie) {
  const Client c = LoginOrDie("leaver");
  ASSERT_EQ(Send(c, "GET", "/api/v1/admin/session").status, 200);
  HttpResult out = Send(c, "POST", "/api/v1/auth/logout", "{}");
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_NE(out.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Send(c, "GET", "/api/v1/admin/session").status, 401);
  EXPECT_EQ(Send(c, "GET", "/api/v1/admin/stations").status, 401);
}

// A page the role may not open answers a Chinese 403 page whose style sheet exists.
TEST_F(AdminApiTest, TheForbiddenPageIsChineseAndItsStyleSheetLoads) {
  const HttpResult page = Send(clients_["volunteer"], "GET", "/admin/accounts");
  ASSERT_EQ(page.status, 403);
  EXPECT_NE(page.body.find("无权访问此页面"), std::string::npos);
  const auto at = page.body.find("stylesheet\" href=\"");
  ASSERT_NE(at, std::string::npos);
  const auto start = at + std::string("stylesheet\" href=\"").size();
  const std::string sheet = page.body.substr(start, page.body.find('"', start) - start);
  EXPECT_EQ(Http(server(), "GET", sheet).status, 200) << sheet;
}

TEST_F(AdminApiTest, ChangesNeedTheSessionsCsrfToken) {
  const Client& c = clients_["region_admin"];
  const std::string body = R"({"address":"寿光市圣城街道 1 号"})";
  EXPECT_EQ(Send(c, "PATCH", "/api/v1/admin/stations/IN1", body, false).status, 403);
  Client forged = c;
  forged.csrf = clients_["city_admin"].csrf;
  EXPECT_EQ(Send(forged, "PATCH", "/api/v1/admin/stations/IN1", body).status, 403);
  EXPECT_EQ(Send(c, "PATCH", "/api/v1/admin/stations/IN1", body).status, 200);
  // The token is the session's: reads need none.
  EXPECT_EQ(Send(c, "GET", "/api/v1/admin/stations/IN1", {}, false).status, 200);
}

// The server asks this before reading a body (http/server.h admit_body): an anonymous or
// forbidden upload is refused from its headers alone, with what the guard would answer.
TEST_F(AdminApiTest, RefusesAGuardedBodyFromItsHeadersAlone) {
  const auto admit = [](const std::string& method, const std::string& target, const Client* c,
                        bool with_csrf) {
    HttpRequest head;
    head.method = method;
    head.target = target;
    head.remote_address = "127.0.0.1";
    head.headers.emplace_back("content-length", "10000000");
    if (c != nullptr) head.headers.emplace_back("cookie", c->cookie);
    if (c != nullptr && with_csrf) head.headers.emplace_back("x-csrf-token", c->csrf);
    return server().app().AdmitBody(head);
  };
  const std::string upload = "/api/v1/admin/uploads/stations/IN1/photos";
  const auto anonymous = admit("POST", upload, nullptr, false);
  ASSERT_TRUE(anonymous.has_value());
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_NE(anonymous->body.find("unauthenticated"), std::string::npos);
  const auto without_token = admit("POST", upload, &clients_["region_admin"], false);
  ASSERT_TRUE(without_token.has_value());
  EXPECT_EQ(without_token->status, 403);
  const auto wrong_role =
      admit("POST", "/api/v1/admin/uploads/stations", &clients_["volunteer"], true);
  ASSERT_TRUE(wrong_role.has_value());
  EXPECT_EQ(wrong_role->status, 403);
  EXPECT_FALSE(admit("POST", upload, &clients_["region_admin"], true).has_value());
  // Nothing takes the path: the router's 404 without the body.
  const auto nowhere = admit("POST", "/api/v1/admin/uploads/nothing/here", nullptr, false);
  ASSERT_TRUE(nowhere.has_value());
  EXPECT_EQ(nowhere->status, 404);
  // Public routes read their bodies; their handlers decide.
  EXPECT_FALSE(admit("POST", "/api/v1/stations/IN1/checkins", nullptr, false).has_value());
}

// ---------------------------------------------------------------------------------------------
// Stations.

// The console pages the list on the server; without `limit`, every match (the contract's list).
TEST_F(AdminApiTest, ListsStationsAPageAtATimeWithTheirTotal) {
  const Client& c = clients_["root"];
  const json::value all = Json(Send(c, "GET", "/api/v1/admin/stations"));
  const std::size_t total = all.at("stations").as_array().size();
  ASSERT_GE(total, 2u);
  EXPECT_EQ(all.at("total").as_int64(), static_cast<int64_t>(total));
  const HttpResult page = Send(c, "GET", "/api/v1/admin/stations?offset=1&limit=1");
  ASSERT_EQ(page.status, 200) << page.body;
  const json::value v = Json(page);
  ASSERT_EQ(v.at("stations").as_array().size(), 1u);
  EXPECT_EQ(v.at("total").as_int64(), static_cast<int64_t>(total));
  EXPECT_EQ(v.at("offset").as_int64(), 1);
  EXPECT_EQ(v.at("stations").at(0).at("code"), all.at("stations").at(1).at("code"));
  for (const char* bad : {"limit=0", "limit=1001", "limit=x", "offset=-1", "offset=1.5"}) {
    const HttpResult refused = Send(c, "GET", std::string("/api/v1/admin/stations?") + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(ErrorCode(refused), "invalid_argument") << bad;
  }
}

TEST_F(AdminApiTest, CreatesListsFiltersAndPatchesStations) {
  const Client& c = clients_["region_admin"];
  HttpResult created =
      Send(c, "POST", "/api/v1/admin/stations", StationBody("SG-NEW1", "370783001", "新建驿站"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Json(created).at("code").as_string(), "SG-NEW1");
  EXPECT_EQ(
      Send(c, "POST", "/api/v1/admin/stations", StationBody("SG-NEW1", "370783001", "再来一次"))
          .status,
      409);
  EXPECT_EQ(
      Send(c, "POST", "/api/v1/admin/stations", StationBody("SG-BAD", "370783001", "")).status,
      400);

  HttpResult listed =
      Send(c, "GET", "/api/v1/admin/stations?q=%E6%96%B0%E5%BB%BA&status=open&region=370783001");
  ASSERT_EQ(listed.status, 200);
  const json::value items_json = Json(listed);
  const auto& items = items_json.at("stations").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("code").as_string(), "SG-NEW1");
  EXPECT_EQ(items[0].at("phone").as_string(), "188****2223");
  EXPECT_EQ(
      Json(Send(c, "GET", "/api/v1/admin/stations?status=closed")).at("stations").as_array().size(),
      0u);

  HttpResult patched = Send(
      c, "PATCH", "/api/v1/admin/stations/SG-NEW1",
      R"({"status":"suspended","amenities":["seating","microwave:broken"],"opening_hours":"Mo-Fr 08:00-18:00"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  const json::value p = Json(patched);
  EXPECT_EQ(p.at("status").as_string(), "suspended");
  EXPECT_EQ(p.at("name").as_string(), "新建驿站");
  EXPECT_EQ(p.at("amenity_states").at("microwave").as_string(), "broken");
  EXPECT_EQ(
      Send(c, "PATCH", "/api/v1/admin/stations/SG-NEW1", R"({"opening_hours":"sometimes"})").status,
      400);
  EXPECT_EQ(Send(c, "PATCH", "/api/v1/admin/stations/SG-NEW1", R"({"code":"OTHER"})").status, 400);
  EXPECT_EQ(Send(c, "PATCH", "/api/v1/admin/stations/SG-NEW1", R"({"region":"370784001"})").status,
            404);
  EXPECT_EQ(Send(c, "PATCH", "/api/v1/admin/stations/NOPE", R"({"name":"x"})").status, 404);
}

TEST_F(AdminApiTest, TheMapPickerMayAnswerInTheMapsCoordinateSystem) {
  const Client& c = clients_["root"];
  json::object body = json::parse(StationBody("SG-GCJ", "370783001", "高德坐标站")).as_object();
  body["crs"] = "gcj02";
  body["lng"] = 118.79 + 0.0057;  // roughly the GCJ-02 offset here
  body["lat"] = 36.88 + 0.0011;
  HttpResult r = Send(c, "POST", "/api/v1/admin/stations", json::serialize(body));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NEAR(Json(r).at("lng").to_number<double>(), 118.79, 0.002);
  EXPECT_NEAR(Json(r).at("lat").to_number<double>(), 36.88, 0.002);
}

TEST_F(AdminApiTest, ABrokenMicrowaveDisappearsFromThePublicSearchAtOnce) {
  const Client& c = clients_["region_admin"];
  ASSERT_EQ(Send(c, "POST", "/api/v1/admin/stations", StationBody("SG-MW", "370783001", "微波炉站"))
                .status,
            201);
  const std::string nearby =
      "/api/v1/stations/nearby?lat=36.88&lng=118.79&limit=100&amenity=microwave";
  EXPECT_NE(Http(server(), "GET", nearby).body.find("\"SG-MW\""), std::string::npos);
  ASSERT_EQ(Send(c, "PATCH", "/api/v1/admin/stations/SG-MW",
                 R"({"amenities":["seating","microwave:broken"]})")
                .status,
            200);
  EXPECT_EQ(Http(server(), "GET", nearby).body.find("\"SG-MW\""), std::string::npos);
  EXPECT_NE(Http(server(), "GET", "/api/v1/stations/nearby?lat=36.88&lng=118.79&limit=100")
                .body.find("\"SG-MW\""),
            std::string::npos);
}

TEST_F(AdminApiTest, PhonesAreMaskedUnlessRevealedAndTheRevealIsAudited) {
  const Client& c = clients_["city_admin"];
  EXPECT_EQ(Json(Send(c, "GET", "/api/v1/admin/stations/IN1")).at("phone").as_string(),
            "188****2223");
  EXPECT_EQ(Json(Send(c, "GET", "/api/v1/admin/stations/IN1?reveal=phone")).at("phone").as_string(),
            "18812342223");
  EXPECT_EQ(Send(clients_["volunteer"], "GET", "/api/v1/admin/stations/IN1?reveal=phone").status,
            403);
  HttpResult audit = Send(clients_["auditor"], "GET",
                          "/api/v1/admin/audit?action=station.phone_view&actor=city_admin");
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("station:IN1"), std::string::npos);
  EXPECT_EQ(audit.body.find("18812342223"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Files, photos, plaques.

TEST_F(AdminApiTest, ImportIsAllOrNothingWithLineNumberedRowErrors) {
  const Client& c = clients_["region_admin"];
  const std::string bad =
      "code,name,lng,lat,region,amenities\n"
      "IMP1,导入一,118.80,36.88,370783001,seating|microwave\n"
      "IMP2,导入二,218.80,36.88,370783001,seating\n"
      "IMP3,导入三,118.80,36.88,370783001,teleporter\n"
      "IMP4,导入四,118.80,36.88,370784001,seating\n";
  HttpResult r = Send(c, "POST", "/api/v1/admin/uploads/stations", bad, true, "text/csv");
  ASSERT_EQ(r.status, 400) << r.body;
  const json::value errors_json = Json(r);
  const auto& errors = errors_json.at("row_errors").as_array();
  ASSERT_EQ(errors.size(), 2u) << r.body;
  EXPECT_EQ(errors[0].at("line").as_int64(), 3);
  EXPECT_EQ(
      errors[0].at("message").as_string(),
      "经度 lng '218.80' 不在 -180 到 180 之间 (lng '218.80' is not a longitude in [-180, 180])");
  EXPECT_EQ(errors[1].at("line").as_int64(), 4);
  EXPECT_EQ(errors[1].at("message").as_string(),
            "设施 amenities 填写有误 (amenities: unknown amenity 'teleporter')");
  EXPECT_EQ(Send(c, "GET", "/api/v1/admin/stations/IMP1").status, 404);
  // The syntax is right but a row lies outside the caller's regions: still nothing is written.
  HttpResult outside = Send(c, "POST", "/api/v1/admin/uploads/stations",
                            "code,name,lng,lat,region\nIMP1,导入一,118.80,36.88,370783001\n"
                            "IMP4,导入四,118.80,36.88,370784001\n",
                            true, "text/csv");
  ASSERT_EQ(outside.status, 400);
  EXPECT_EQ(Json(outside).at("row_errors").as_array()[0].at("line").as_int64(), 3);
  EXPECT_EQ(
      Json(outside).at("row_errors").as_array()[0].at("message").as_string(),
      "行政区划 region '370784001' 不在您的管辖范围内 (region: '370784001' is outside your scope)");
  EXPECT_EQ(Send(c, "GET", "/api/v1/admin/stations/IMP1").status, 404);

  HttpResult good =
      Send(c, "POST", "/api/v1/admin/uploads/stations",
           "code,name,lng,lat,region\nIMP1,导入一,118.80,36.88,370783001\n", true, "text/csv");
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(Json(good).at("created").as_int64(), 1);
  EXPECT_EQ(Send(c, "GET", "/api/v1/admin/stations/IMP1").status, 200);
}

TEST_F(AdminApiTest, ExportHoldsOnlyTheCallersStations) {
  HttpResult csv =
      Send(clients_["region_admin"], "GET", "/api/v1/admin/exports/stations?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("IN1,"), std::string::npos);
  EXPECT_EQ(csv.body.find("OUT1,"), std::string::npos);
  HttpResult xlsx =
      Send(clients_["region_admin"], "GET", "/api/v1/admin/exports/stations?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  HttpResult geo =
      Send(clients_["region_admin"], "GET", "/api/v1/admin/exports/stations?format=geojson");
  ASSERT_EQ(geo.status, 200);
  EXPECT_EQ(Json(geo).at("type").as_string(), "FeatureCollection");
}

// The console's default workbook is for people: Chinese headers and labels; the plain form
// (codes, re-importable) stays, and is also kept on the second sheet of the Chinese one.
TEST_F(AdminApiTest, TheWorkbookForPeopleHasChineseHeadersAndLabels) {
  const HttpResult zh =
      Send(clients_["region_admin"], "GET", "/api/v1/admin/exports/stations?format=xlsx&form=zh");
  ASSERT_EQ(zh.status, 200) << zh.body;
  EXPECT_NE(zh.Header("Content-Disposition").find("filename*=UTF-8''"), std::string::npos);
  auto sheet = ReadXlsxFirstSheet(zh.body);
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  ASSERT_GE(sheet->rows.size(), 2u);
  const auto& header = sheet->rows[0].fields;
  ASSERT_EQ(header.size(), 17u);
  EXPECT_EQ(header[0], "站点编码");
  EXPECT_EQ(header[16], "公开服务电话");
  EXPECT_EQ(header[8], "状态");
  EXPECT_EQ(header[10], "设施");
  bool found = false;
  for (const CsvRecord& row : sheet->rows) {
    if (row.fields.empty() || row.fields[0] != "IN1") continue;
    found = true;
    ASSERT_GT(row.fields.size(), 8u);
    EXPECT_EQ(row.fields[8], "开放") << "a label, not the code open";
    for (const std::string& cell : row.fields) {
      EXPECT_EQ(cell.find("legal_aid"), std::string::npos) << cell;
      EXPECT_EQ(cell.find("city_demo"), std::string::npos) << cell;
    }
  }
  EXPECT_TRUE(found);
  const HttpResult plain =
      Send(clients_["region_admin"], "GET", "/api/v1/admin/exports/stations?format=xlsx");
  auto codes = ReadXlsxFirstSheet(plain.body);
  ASSERT_TRUE(codes.ok());
  EXPECT_EQ(codes->rows[0].fields[0], "code");
}

TEST_F(AdminApiTest, UploadedPhotosAreReencodedWithoutExifAndServedInScopeAndToWorkers) {
  const Client& c = clients_["station_manager"];
  HttpResult photo = Send(c, "GET", "/api/v1/admin/stations/IN1/photos/" + photos_["IN1"]);
  ASSERT_EQ(photo.status, 200);
  EXPECT_EQ(photo.Header("Content-Type"), "image/jpeg");
  EXPECT_TRUE(photo.body.starts_with("\xFF\xD8\xFF"));
  EXPECT_EQ(photo.body.find("Exif"), std::string::npos);
  EXPECT_EQ(photo.body.find("GPSLatitude"), std::string::npos);
  EXPECT_EQ(photo.body.find("secret-serial"), std::string::npos);
  // Not under the web root: only the photo route serves it, at the URL the station detail gives
  // workers (the file is re-encoded: nothing personal left in it).
  EXPECT_EQ(Http(server(), "GET", "/assets/" + photos_["IN1"]).status, 404);
  const HttpResult detail = Http(server(), "GET", "/api/v1/stations/IN1");
  ASSERT_EQ(detail.status, 200);
  const std::string url(Json(detail).at("photos").at(0).at("url").as_string());
  EXPECT_EQ(url, "/media/stations/IN1/photos/" + photos_["IN1"]);
  const HttpResult pub = Http(server(), "GET", url);
  ASSERT_EQ(pub.status, 200);
  EXPECT_EQ(pub.Header("Content-Type"), "image/jpeg");
  EXPECT_EQ(pub.body, photo.body);
  EXPECT_EQ(Http(server(), "GET", "/media/stations/IN1/photos/nosuchfile.jpg").status, 404);
  EXPECT_EQ(Http(server(), "GET", "/media/stations/OUT1/photos/" + photos_["IN1"]).status,
            404);  // not its photo
  EXPECT_EQ(Http(server(), "GET", "/media/stations/IN1/photos/yizhan.db").status, 404);
  EXPECT_NE(Http(server(), "GET", "/media/stations/IN1/photos/..%2F..%2Fyizhan.db").status, 200);
  const HttpResult page = Http(server(), "GET", "/station/IN1");
  EXPECT_NE(page.body.find("src=\"" + url + "\""), std::string::npos);
  EXPECT_EQ(Send(c, "GET", "/api/v1/admin/stations/OUT1/photos/" + photos_["OUT1"]).status, 404);
  EXPECT_EQ(Send(c, "POST", "/api/v1/admin/uploads/stations/IN1/photos", "GIF89a not a photo", true,
                 "image/gif")
                .status,
            400);
  EXPECT_EQ(Send(c, "GET", "/api/v1/admin/stations/IN1/photos/..%2F..%2Fyizhan.db").status, 400);
}

// The public address is a console setting: printing with an address no worker's phone reaches is
// refused in Chinese; the city administrator changes it, audited, and the next QR code holds it.
TEST_F(AdminApiTest, PlaquesAndQrCodesWaitForAPublicAddressTheCityAdministratorSets) {
  const std::string path = "/api/v1/admin/settings/public-address";
  HttpResult read = Send(clients_["station_manager"], "GET", path);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(json::parse(read.body).at("url"), kPublicUrl.data());
  EXPECT_EQ(json::parse(read.body).at("printable"), true);
  EXPECT_EQ(Send(clients_["region_admin"], "PUT", path, R"({"url":"https://a.example.cn"})").status,
            403);
  HttpResult bad = Send(clients_["city_admin"], "PUT", path, R"({"url":"ftp://yz.example.cn"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("http://"), std::string::npos) << bad.body;

  HttpResult intranet =
      Send(clients_["city_admin"], "PUT", path, R"({"url":"http://192.168.1.20:8080/"})");
  ASSERT_EQ(intranet.status, 200) << intranet.body;
  EXPECT_EQ(json::parse(intranet.body).at("url"), "http://192.168.1.20:8080");
  EXPECT_EQ(json::parse(intranet.body).at("printable"), false);
  const HttpResult refused =
      Send(clients_["station_manager"], "GET", "/api/v1/admin/stations/IN1/plaque.pdf");
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("内网地址"), std::string::npos) << refused.body;
  EXPECT_EQ(
      Send(clients_["region_admin"], "GET", "/api/v1/admin/regions/370783001/plaques.pdf").status,
      409);
  EXPECT_EQ(Http(server(), "GET", "/api/v1/stations/IN1/qr.png").status, 409);

  HttpResult set =
      Send(clients_["city_admin"], "PUT", path, R"({"url":"https://YZ.shouguang.example.cn/"})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(json::parse(set.body).at("url"), "https://YZ.shouguang.example.cn");
  EXPECT_EQ(json::parse(set.body).at("printable"), true);
  const HttpResult png = Http(server(), "GET", "/api/v1/stations/IN1/qr.png");
  ASSERT_EQ(png.status, 200);
  const std::string png_file = (*dir_) / "address-qr.png";
  testing::WriteText(png_file, png.body);
  const std::string decoded = (*dir_) / "address-qr.txt";
  ASSERT_EQ(
      std::system(("zbarimg --quiet --raw " + Shell(png_file) + " >" + Shell(decoded)).c_str()), 0);
  EXPECT_EQ(testing::ReadText(decoded).substr(0, 38), "https://YZ.shouguang.example.cn/s/IN1\n");
  EXPECT_EQ(
      Send(clients_["station_manager"], "GET", "/api/v1/admin/stations/IN1/plaque.pdf").status,
      200);
  EXPECT_EQ(**server().app().store().settings->GetSetting(kPublicUrlSetting),
            "https://YZ.shouguang.example.cn");
  AuditQuery query;
  query.limit = 1000;
  auto log = server().app().store().audit->List(query);
  ASSERT_TRUE(log.ok());
  bool audited = false;
  for (const AuditEntry& e : *log) {
    audited |= e.action == "settings.public_url" &&
               e.detail == "http://192.168.1.20:8080 → https://YZ.shouguang.example.cn";
  }
  EXPECT_TRUE(audited);
  // Back to the suite's address for the other tests.
  ASSERT_EQ(Send(clients_["city_admin"], "PUT", path,
                 json::serialize(json::object{{"url", kPublicUrl.data()}}))
                .status,
            200);
}

TEST_F(AdminApiTest, PlaquePdfShowsChineseTextAndAQrCodeOfTheStationsUrl) {
  for (const std::string size : {"a4", "a5"}) {
    HttpResult r = Send(clients_["station_manager"], "GET",
                        "/api/v1/admin/stations/IN1/plaque.pdf?size=" + size);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("Content-Type"), "application/pdf");
    const std::string pdf = (*dir_) / ("plaque-" + size + ".pdf");
    testing::WriteText(pdf, r.body);
    const std::string text = (*dir_) / ("plaque-" + size + ".txt");
    ASSERT_EQ(std::system(("pdftotext " + Shell(pdf) + " " + Shell(text)).c_str()), 0);
    const std::string words = testing::ReadText(text);
    EXPECT_NE(words.find("户外劳动者服务站点"), std::string::npos) << words;
    EXPECT_NE(words.find("里面的站"), std::string::npos) << words;
    EXPECT_NE(words.find("菜乡驿·温暖家"), std::string::npos) << words;
    EXPECT_NE(words.find("监督电话"), std::string::npos) << words;
    EXPECT_NE(words.find("微波炉"), std::string::npos) << words;
    const std::string png = (*dir_) / ("plaque-" + size);
    ASSERT_EQ(
        std::system(("pdftoppm -png -r 150 -singlefile " + Shell(pdf) + " " + Shell(png)).c_str()),
        0);
    const std::string decoded = (*dir_) / ("plaque-" + size + ".qr");
    ASSERT_EQ(std::system(
                  ("zbarimg --quiet --raw " + Shell(png + ".png") + " >" + Shell(decoded)).c_str()),
              0);
    std::string url = testing::ReadText(decoded);
    while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
    EXPECT_EQ(url, std::string(kPublicUrl) + "/s/IN1");
  }
  HttpResult region =
      Send(clients_["region_admin"], "GET", "/api/v1/admin/regions/370783001/plaques.pdf?size=a5");
  ASSERT_EQ(region.status, 200);
  const std::string pdf = (*dir_) / "region.pdf";
  testing::WriteText(pdf, region.body);
  ASSERT_EQ(std::system(("pdfinfo " + Shell(pdf) + " >" + Shell((*dir_) / "region.info")).c_str()),
            0);
  EXPECT_NE(testing::ReadText((*dir_) / "region.info").find("Pages:"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Reports and the audit log.

TEST_F(AdminApiTest, TicketsAreListedInScopeAssignedWorkedAndVerified) {
  const Client& maintainer = clients_["maintainer"];
  HttpResult listed = Send(maintainer, "GET", "/api/v1/admin/tickets");
  ASSERT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find(reports_["IN1"]), std::string::npos);
  EXPECT_EQ(listed.body.find(reports_["OUT1"]), std::string::npos);
  EXPECT_NE(listed.body.find("待分派"), std::string::npos);

  const Client& manager = clients_["station_manager"];
  const std::string ticket = "/api/v1/admin/tickets/" + reports_["IN1"];
  HttpResult detail = Send(manager, "GET", ticket);
  ASSERT_EQ(detail.status, 200) << detail.body;
  const int64_t version = Json(detail).at("version").as_int64();
  EXPECT_EQ(Json(detail).at("history").as_array().size(), 1u);
  HttpResult assignees = Send(manager, "GET", ticket + "/assignees");
  ASSERT_EQ(assignees.status, 200);
  EXPECT_NE(assignees.body.find("\"maintainer\""), std::string::npos);

  // A maintainer may not triage; a manager assigns; the maintainer fixes; the manager verifies.
  EXPECT_EQ(Send(maintainer, "POST", ticket + "/actions",
                 fmt::format(R"({{"action":"reject","version":{},"note":"不修"}})", version))
                .status,
            403);
  HttpResult assigned =
      Send(manager, "POST", ticket + "/actions",
           fmt::format(R"({{"action":"assign","version":{},"assignee":"maintainer"}})", version));
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(Json(assigned).at("status").as_string(), "assigned");
  // The same version again is stale.
  EXPECT_EQ(
      Send(manager, "POST", ticket + "/actions",
           fmt::format(R"({{"action":"assign","version":{},"assignee":"maintainer"}})", version))
          .status,
      409);
  HttpResult mine = Send(maintainer, "GET", "/api/v1/admin/tickets?mine=1");
  EXPECT_NE(mine.body.find(reports_["IN1"]), std::string::npos);
  HttpResult resolved =
      Send(maintainer, "POST", ticket + "/actions",
           fmt::format(R"({{"action":"resolve","version":{},"note":"换了磁控管"}})", version + 1));
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(Json(resolved).at("status_label").as_string(), "已修好，待确认");
  HttpResult verified = Send(manager, "POST", ticket + "/actions",
                             fmt::format(R"({{"action":"verify","version":{}}})", version + 2));
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(Json(verified).at("history").as_array().size(), 4u);
  EXPECT_EQ(Send(maintainer, "GET", "/api/v1/admin/tickets/" + reports_["OUT1"]).status, 404);
  EXPECT_EQ(Send(manager, "POST", ticket + "/actions", R"({"action":"fly","version":1})").status,
            400);
  EXPECT_EQ(Send(manager, "GET", "/api/v1/admin/tickets?status=gone").status, 400);

  // The photo taken before is listed, served as a JPEG without its EXIF, and not to outsiders.
  const boost::json::value final_detail = Json(Send(manager, "GET", ticket));
  const auto& photos = final_detail.at("photos").as_array();
  ASSERT_EQ(photos.size(), 1u);
  EXPECT_EQ(photos[0].at("kind").as_string(), "before");
  HttpResult jpeg = Send(maintainer, "GET", std::string(photos[0].at("url").as_string()));
  ASSERT_EQ(jpeg.status, 200);
  EXPECT_EQ(jpeg.body.find("Exif"), std::string::npos);
  EXPECT_EQ(Send(maintainer, "POST",
                 "/api/v1/admin/uploads/tickets/" + reports_["IN1"] + "/photos?kind=after",
                 JpegWithExif(manager), true, "image/jpeg")
                .status,
            409);  // verified: closed
  EXPECT_EQ(Send(maintainer, "POST",
                 "/api/v1/admin/uploads/tickets/" + reports_["IN1"] + "/photos?kind=sideways",
                 JpegWithExif(manager), true, "image/jpeg")
                .status,
            400);

  HttpResult board = Send(clients_["region_admin"], "GET", "/api/v1/admin/upkeep/board");
  ASSERT_EQ(board.status, 200) << board.body;
  EXPECT_TRUE(Json(board).at("by_region").is_array());
  EXPECT_EQ(
      Send(clients_["region_admin"], "GET", "/api/v1/admin/upkeep/board?region=370784").status,
      404);
}

TEST_F(AdminApiTest, AnInspectionScoresTheStationAndItsFailuresBecomeTickets) {
  const Client& staff = clients_["region_admin"];
  HttpResult checklist = Send(staff, "GET", "/api/v1/admin/stations/IN1/inspection-checklist");
  ASSERT_EQ(checklist.status, 200) << checklist.body;
  boost::json::array items;
  const boost::json::value list = Json(checklist);
  for (const auto& c : list.at("items").as_array()) {
    const bool clean = c.at("item") == "clean";
    items.emplace_back(boost::json::object{{"item", c.at("item")},
                                           {"result", clean ? "fail" : "pass"},
                                           {"note", clean ? "地面有垃圾" : ""}});
  }
  HttpResult recorded = Send(staff, "POST", "/api/v1/admin/stations/IN1/inspections",
                             boost::json::serialize(boost::json::object{{"items", items}}));
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const boost::json::value inspection = Json(recorded);
  EXPECT_LT(inspection.at("score").as_int64(), 100);
  std::string ticket;
  for (const auto& i : inspection.at("items").as_array()) {
    if (i.at("item") == "clean") ticket = std::string(i.at("ticket_id").as_string());
  }
  ASSERT_FALSE(ticket.empty());
  HttpResult opened = Send(clients_["station_manager"], "GET", "/api/v1/admin/tickets/" + ticket);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(Json(opened).at("source").as_string(), "inspection");
  EXPECT_EQ(Json(opened).at("category").as_string(), "cleanliness");
  HttpResult history =
      Send(clients_["maintainer"], "GET", "/api/v1/admin/stations/IN1/inspections");
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(Json(history).at("inspections").as_array().size(), 1u);
  HttpResult due = Send(staff, "GET", "/api/v1/admin/inspections/due");
  ASSERT_EQ(due.status, 200);
  EXPECT_EQ(due.body.find("\"IN1\""), std::string::npos);  // just inspected
  EXPECT_EQ(Send(clients_["station_manager"], "POST", "/api/v1/admin/stations/IN1/inspections",
                 boost::json::serialize(boost::json::object{{"items", items}}))
                .status,
            403);
}

TEST_F(AdminApiTest, TheSuppliesLedgerAlertsAndExpiredMedicineShowsOnTheStationPage) {
  const Client& manager = clients_["station_manager"];
  const std::string base = "/api/v1/admin/stations/IN1/supplies";
  HttpResult catalogue = Send(manager, "GET", "/api/v1/admin/supplies/catalogue");
  ASSERT_EQ(catalogue.status, 200);
  EXPECT_NE(catalogue.body.find("藿香正气水"), std::string::npos);
  EXPECT_EQ(
      Send(manager, "POST", base, R"({"item":"huoxiang","kind":"restock","quantity":2})").status,
      400);  // a medicine needs its expiry date
  ASSERT_EQ(Send(manager, "POST", base,
                 R"({"item":"huoxiang","kind":"restock","quantity":2,"expires_on":"2020-01-31"})")
                .status,
            201);
  EXPECT_EQ(Send(manager, "POST", base,
                 R"({"item":"huoxiang","kind":"use","quantity":5,"batch":"2020-01-31"})")
                .status,
            409);
  HttpResult held = Send(clients_["maintainer"], "GET", base);
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_NE(held.body.find("\"expired\""), std::string::npos);
  EXPECT_NE(held.body.find("已过期"), std::string::npos);
  HttpResult page = Http(server(), "GET", "/station/IN1");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("药品过期，待补充"), std::string::npos);
  EXPECT_EQ(
      Send(clients_["maintainer"], "PUT", base + "/minimums/huoxiang", R"({"minimum":3})").status,
      403);
  EXPECT_EQ(Send(manager, "PUT", base + "/minimums/huoxiang", R"({"minimum":3})").status, 200);
}

TEST_F(AdminApiTest, GradingProposesStarsWithReasonsAReviewerApprovesAndWorkersSeeThem) {
  const Client& region_admin = clients_["region_admin"];
  const Client& city_admin = clients_["city_admin"];
  const Client& manager = clients_["station_manager"];
  // The station declares its area and capacity; nonsense is refused.
  EXPECT_EQ(
      Send(manager, "PUT", "/api/v1/admin/stations/IN1/grading-facts", R"({"area_m2":-3})").status,
      400);
  ASSERT_EQ(Send(manager, "PUT", "/api/v1/admin/stations/IN1/grading-facts",
                 R"({"area_m2":36.5,"capacity":24})")
                .status,
            200);
  // A region admin grades the region; all regions is beyond its scope.
  EXPECT_EQ(Send(region_admin, "POST", "/api/v1/admin/grading/runs", R"({"region":""})").status,
            400);
  HttpResult run =
      Send(region_admin, "POST", "/api/v1/admin/grading/runs", R"({"region":"370783001"})");
  ASSERT_EQ(run.status, 201) << run.body;
  const std::string id = std::to_string(Json(run).at("id").as_int64());
  EXPECT_GE(Json(run).at("stations").as_int64(), 1);  // IN1 and what other tests added there
  EXPECT_EQ(Json(run).at("status").as_string(), "proposed");
  const std::string base = "/api/v1/admin/grading/runs/" + id;

  HttpResult proposal = Send(region_admin, "GET", base + "/proposals/IN1");
  ASSERT_EQ(proposal.status, 200) << proposal.body;
  const json::value p = Json(proposal);
  EXPECT_EQ(p.at("criteria").as_array().size(), DefaultGradingRules().criteria.size());
  EXPECT_EQ(p.at("evidence").at("area_m2").to_number<double>(), 36.5);
  bool area_explained = false;
  for (const auto& c : p.at("criteria").as_array()) {
    EXPECT_FALSE(c.at("explanation").as_string().empty());
    if (c.at("measure") == "area_m2") {
      area_explained = c.at("explanation").as_string().starts_with("面积 36.5 m²");
      EXPECT_EQ(c.at("points").to_number<double>(), 10);
    }
  }
  EXPECT_TRUE(area_explained) << proposal.body;
  EXPECT_FALSE(p.at("held_back").as_array().empty());  // nobody inspected IN1 in the year
  EXPECT_EQ(Send(region_admin, "GET", base + "/proposals?changed=1").status, 200);

  // The reviewer corrects a station with a reason, then approves; the one who started a run
  // cannot approve it, and a region admin approves nothing.
  EXPECT_EQ(Send(city_admin, "PUT", base + "/proposals/IN1", R"({"stars":5})").status, 400);
  HttpResult corrected =
      Send(city_admin, "PUT", base + "/proposals/IN1", R"({"stars":5,"reason":"复核面积与设施"})");
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(Json(corrected).at("final_stars").as_int64(), 5);
  EXPECT_EQ(Send(region_admin, "POST", base + "/approve", "{}").status, 403);
  HttpResult own =
      Send(city_admin, "POST", "/api/v1/admin/grading/runs", R"({"region":"370783001"})");
  ASSERT_EQ(own.status, 201);
  EXPECT_EQ(Send(city_admin, "POST",
                 "/api/v1/admin/grading/runs/" + std::to_string(Json(own).at("id").as_int64()) +
                     "/approve",
                 "{}")
                .status,
            403);
  HttpResult approved = Send(city_admin, "POST", base + "/approve", R"({"note":"同意"})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json(approved).at("status").as_string(), "approved");
  EXPECT_EQ(Send(city_admin, "POST", base + "/approve", "{}").status, 409);

  // Workers see the stars on the station and can ask for them in the search.
  HttpResult station = Http(server(), "GET", "/api/v1/stations/IN1");
  ASSERT_EQ(station.status, 200);
  EXPECT_EQ(Json(station).at("stars").as_int64(), 5);
  const std::string near = "/api/v1/stations/nearby?lat=36.88&lng=118.79&limit=100";
  HttpResult five = Http(server(), "GET", near + "&min_stars=5");
  ASSERT_EQ(five.status, 200) << five.body;
  ASSERT_EQ(Json(five).at("stations").as_array().size(), 1u);
  EXPECT_EQ(Json(five).at("stations").at(0).at("code").as_string(), "IN1");
  EXPECT_EQ(Json(five).at("stations").at(0).at("stars").as_int64(), 5);
  EXPECT_GE(Json(Http(server(), "GET", near)).at("stations").as_array().size(), 2u);
  EXPECT_EQ(Http(server(), "GET", near + "&min_stars=6").status, 400);
  HttpResult page = Http(server(), "GET", "/station/IN1");
  EXPECT_NE(page.body.find("五星级驿站"), std::string::npos);
  EXPECT_NE(page.body.find("★★★★★"), std::string::npos);

  HttpResult grade = Send(manager, "GET", "/api/v1/admin/stations/IN1/grade");
  ASSERT_EQ(grade.status, 200) << grade.body;
  EXPECT_EQ(Json(grade).at("stars").as_int64(), 5);
  EXPECT_EQ(Json(grade).at("facts").at("capacity").as_int64(), 24);
  ASSERT_FALSE(Json(grade).at("history").as_array().empty());
  EXPECT_EQ(Json(grade).at("history").at(0).at("run_id").as_int64(), std::stoll(id));

  HttpResult audit = Send(clients_["auditor"], "GET", "/api/v1/admin/audit?limit=200");
  EXPECT_NE(audit.body.find("grading.approve"), std::string::npos);
  EXPECT_NE(audit.body.find("grading.override"), std::string::npos);
}

TEST_F(AdminApiTest, TheAuditLogRecordsWhoDidWhatAndOnlyTheAuditorReadsIt) {
  const Client& c = clients_["region_admin"];
  ASSERT_EQ(Send(c, "PATCH", "/api/v1/admin/stations/IN1", R"({"address":"审计测试地址"})").status,
            200);
  HttpResult r = Send(clients_["auditor"], "GET",
                      "/api/v1/admin/audit?actor=region_admin&action=station.update");
  ASSERT_EQ(r.status, 200);
  const json::value entries_json = Json(r);
  const auto& entries = entries_json.at("entries").as_array();
  ASSERT_FALSE(entries.empty());
  const auto& e = entries[0].as_object();
  EXPECT_EQ(e.at("actor").as_string(), "region_admin");
  EXPECT_EQ(e.at("role").as_string(), "region_admin");
  EXPECT_EQ(e.at("object").as_string(), "station:IN1");
  EXPECT_EQ(e.at("outcome").as_string(), "success");
  EXPECT_EQ(e.at("address").as_string(), "127.0.0.1");
  EXPECT_GT(e.at("at_ms").as_int64(), 0);
  // What changed, in Chinese, old → new: not the request's field names.
  const std::string detail(e.at("detail").as_string());
  EXPECT_NE(detail.find("地址："), std::string::npos) << detail;
  EXPECT_NE(detail.find(" → 审计测试地址"), std::string::npos) << detail;
  EXPECT_EQ(detail.find("address"), std::string::npos) << detail;
  for (const auto& role : kRoles) {
    if (role != "auditor") {
      EXPECT_EQ(Send(clients_[role], "GET", "/api/v1/admin/audit").status, 403) << role;
    }
  }
  // No route changes or deletes audit entries.
  EXPECT_EQ(Send(clients_["auditor"], "DELETE", "/api/v1/admin/audit").status, 405);
}

// ---------------------------------------------------------------------------------------------
// Accounts run by the security administrator (ADR 0014).

TEST_F(AdminApiTest, ANewAccountsTemporaryPasswordWorksOnceAndMustBeChangedFirst) {
  const Client& sec = clients_["security_admin"];
  HttpResult made = Send(sec, "POST", "/api/v1/admin/accounts",
                         R"({"username":"newcomer","role":"volunteer","stations":["IN1"]})");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string temporary(Json(made).at("temporary_password").as_string());
  EXPECT_GE(temporary.size(), 16u);
  EXPECT_EQ(Json(made).at("account").at("role_label").as_string(), "志愿者");
  EXPECT_TRUE(Json(made).at("account").at("must_change_password").as_bool());

  HttpResult login =
      Http(server(), "POST", "/api/v1/auth/login",
           json::serialize(json::object{{"username", "newcomer"}, {"password", temporary}}),
           {{"Content-Type", "application/json"}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(Json(login).at("must_change_password").as_bool());
  const Client newcomer{CookieOf(login), std::string(Json(login).at("csrf_token").as_string())};
  HttpResult blocked = Send(newcomer, "GET", "/api/v1/admin/dashboard");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(ErrorCode(blocked), "forbidden");
  EXPECT_NE(blocked.body.find("修改"), std::string::npos) << blocked.body;
  HttpResult page = Send(newcomer, "GET", "/admin/");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.Header("Location"), "/admin/login?change=1");
  HttpResult session = Send(newcomer, "GET", "/api/v1/admin/session");
  ASSERT_EQ(session.status, 200);
  EXPECT_TRUE(Json(session).at("must_change_password").as_bool());

  HttpResult changed =
      Send(newcomer, "POST", "/api/v1/admin/session/password",
           json::serialize(json::object{{"current_password", temporary},
                                        {"new_password", "my own long password"}}));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Send(newcomer, "GET", "/api/v1/admin/dashboard").status, 200);
  // A volunteer reads no station records (managers, phones, investment): issue 16.
  EXPECT_EQ(Send(newcomer, "GET", "/api/v1/admin/stations").status, 403);
  EXPECT_FALSE(
      Json(Send(newcomer, "GET", "/api/v1/admin/session")).at("must_change_password").as_bool());
  EXPECT_FALSE(Json(Http(server(), "POST", "/api/v1/auth/login",
                         json::serialize(
                             json::object{{"username", "region_admin"}, {"password", kPassword}}),
                         {{"Content-Type", "application/json"}}))
                   .at("must_change_password")
                   .as_bool());

  // The audit log has the creation in the security admin's name, never the password.
  HttpResult audit =
      Send(clients_["auditor"], "GET", "/api/v1/admin/audit?actor=security_admin&action=account.");
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("account:newcomer"), std::string::npos);
  EXPECT_EQ(audit.body.find(temporary), std::string::npos);
}

TEST_F(AdminApiTest, TheSecurityAdminTouchesNeitherItselfNorTheOtherAdministrators) {
  const Client& sec = clients_["security_admin"];
  HttpResult own =
      Send(sec, "PATCH", "/api/v1/admin/accounts/security_admin", R"({"disabled":true})");
  EXPECT_EQ(own.status, 403);
  EXPECT_EQ(ErrorCode(own), "forbidden");
  EXPECT_EQ(Send(sec, "POST", "/api/v1/admin/accounts/security_admin/password-reset", "{}").status,
            403);
  EXPECT_EQ(Send(sec, "PATCH", "/api/v1/admin/accounts/security_admin2",
                 R"({"role":"volunteer","stations":["IN1"]})")
                .status,
            403);
  EXPECT_EQ(Send(sec, "PATCH", "/api/v1/admin/accounts/auditor", R"({"disabled":true})").status,
            403);
  EXPECT_EQ(
      Send(sec, "POST", "/api/v1/admin/accounts", R"({"username":"spy","role":"auditor"})").status,
      403);
  EXPECT_EQ(
      Send(sec, "POST", "/api/v1/admin/accounts", R"({"username":"spy","role":"security_admin"})")
          .status,
      403);
  EXPECT_EQ(Send(sec, "PATCH", "/api/v1/admin/accounts/staffer", R"({"role":"auditor"})").status,
            403);
  EXPECT_EQ(Send(sec, "PATCH", "/api/v1/admin/accounts/nobody-here", R"({"disabled":true})").status,
            404);
  EXPECT_EQ(
      Send(sec, "POST", "/api/v1/admin/accounts", R"({"username":"x","role":"emperor"})").status,
      400);
  // The system administrator manages no accounts.
  EXPECT_EQ(Send(clients_["root"], "GET", "/api/v1/admin/accounts").status, 403);
  EXPECT_EQ(Json(Send(clients_["auditor"], "GET", "/api/v1/admin/audit?action=account.create"))
                .at("entries")
                .at(0)
                .at("outcome")
                .as_string(),
            "denied");
}

TEST_F(AdminApiTest, DisablingAnAccountEndsItsSessionsWhichAreListedWithoutTheirHashes) {
  const Client& sec = clients_["security_admin"];
  const Client staffer = LoginOrDie("staffer");
  LoginOrDie("staffer");
  HttpResult sessions = Send(sec, "GET", "/api/v1/admin/accounts/staffer/sessions");
  ASSERT_EQ(sessions.status, 200);
  const json::array listed = Json(sessions).at("sessions").as_array();
  ASSERT_EQ(listed.size(), 2u);
  const std::string id(listed[0].at("id").as_string());
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(listed[0].at("address").as_string(), "127.0.0.1");
  EXPECT_EQ(Send(sec, "DELETE", "/api/v1/admin/accounts/staffer/sessions/" + id).status, 200);
  EXPECT_EQ(Send(staffer, "GET", "/api/v1/admin/session").status, 401);  // the older one went

  HttpResult list = Send(sec, "GET", "/api/v1/admin/accounts");
  ASSERT_EQ(list.status, 200);
  const json::value accounts = Json(list);
  for (const auto& a : accounts.at("accounts").as_array()) {
    if (a.at("username").as_string() == "staffer") {
      EXPECT_EQ(a.at("session_count").as_int64(), 1);
    }
    EXPECT_FALSE(a.as_object().contains("password_hash"));
  }
  EXPECT_EQ(list.body.find("$argon2id$"), std::string::npos);

  const Client again = LoginOrDie("staffer");
  HttpResult off = Send(sec, "PATCH", "/api/v1/admin/accounts/staffer", R"({"disabled":true})");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_TRUE(Json(off).at("account").at("disabled").as_bool());
  EXPECT_EQ(Json(off).at("account").at("session_count").as_int64(), 0);
  EXPECT_EQ(Send(again, "GET", "/api/v1/admin/session").status, 401);
  ASSERT_EQ(Send(sec, "PATCH", "/api/v1/admin/accounts/staffer", R"({"disabled":false})").status,
            200);

  HttpResult reset = Send(sec, "POST", "/api/v1/admin/accounts/staffer/password-reset", "{}");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_FALSE(Json(reset).at("temporary_password").as_string().empty());
  EXPECT_EQ(Http(server(), "POST", "/api/v1/auth/login",
                 json::serialize(json::object{{"username", "staffer"}, {"password", kPassword}}),
                 {{"Content-Type", "application/json"}})
                .status,
            401);
}

// ---------------------------------------------------------------------------------------------
// The authorization matrix, generated from the route table.

enum class ObjectKind {
  kNone,        // no object: allowed roles get the same answer inside and outside
  kPath,        // the object is in the path: outside → 404
  kListing,     // a listing: inside shows IN1's item, outside never shows OUT1's
  kBodyRegion,  // the object's region is in the body: outside → 404
  kFileRows,    // a station file: rows outside → 400 with row errors, nothing written
  kPublic,      // anyone: never 401
};

struct Probe {
  ObjectKind kind = ObjectKind::kNone;
  std::string inside_target, outside_target;
  std::string inside_body, outside_body;
  std::string inside_marker, outside_marker;  // for kListing
};

// The probe rule of every console and admin route; nullopt when the route has none (the test
// then fails: a new route needs its rule here).
std::optional<Probe> ProbeFor(const std::string& method, const std::string& pattern,
                              const std::map<std::string, std::string>& photos,
                              const std::map<std::string, std::string>& reports, int& counter) {
  const std::string key = method + " " + pattern;
  const auto path = [&](std::string in, std::string out) {
    return Probe{ObjectKind::kPath, std::move(in), std::move(out), "", "", "", ""};
  };
  const auto none = [&](std::string body = "") {
    return Probe{ObjectKind::kNone, pattern, pattern, body, body, "", ""};
  };
  ++counter;
  if (key == "POST /api/v1/auth/login")
    return Probe{ObjectKind::kPublic, pattern, pattern, "{}", "{}", "", ""};
  if (key == "GET /admin/login")
    return Probe{ObjectKind::kPublic, pattern, pattern, "", "", "", ""};
  if (key == "GET /admin/assets/{file}") {
    return Probe{
        ObjectKind::kPublic, "/admin/assets/admin.js", "/admin/assets/admin.js", "", "", "", ""};
  }
  if (key == "POST /api/v1/auth/logout") return none("{}");
  if (key == "GET /api/v1/admin/session") return none();
  if (key == "POST /api/v1/admin/session/password") return none("{}");
  if (key == "GET /api/v1/admin/dashboard") return none();
  if (key == "GET /api/v1/admin/hosts") return none();
  if (key == "GET /api/v1/admin/standard") return none();
  if (key == "GET /api/v1/admin/audit") return none();
  if (key == "GET /api/v1/admin/outbox") return none();
  if (key == "GET /api/v1/admin/accounts") return none();
  if (key == "POST /api/v1/admin/accounts") return none("{}");
  const std::string account = "/api/v1/admin/accounts/matrixee";
  const auto on_account = [&](std::string target, std::string body = "") {
    return Probe{ObjectKind::kNone, target, target, body, body, "", ""};
  };
  if (key == "PATCH /api/v1/admin/accounts/{username}")
    return on_account(account, R"({"disabled":false})");
  if (key == "POST /api/v1/admin/accounts/{username}/password-reset")
    return on_account(account + "/password-reset", "{}");
  if (key == "GET /api/v1/admin/accounts/{username}/sessions")
    return on_account(account + "/sessions");
  if (key == "DELETE /api/v1/admin/accounts/{username}/sessions")
    return on_account(account + "/sessions");
  if (key == "DELETE /api/v1/admin/accounts/{username}/sessions/{id}")
    return on_account(account + "/sessions/0000000000000000");  // no such session: 404
  if (key == "GET /admin/accounts") return none();
  if (key == "GET /api/v1/admin/stations") {
    return Probe{ObjectKind::kListing, pattern, pattern, "", "", "\"IN1\"", "\"OUT1\""};
  }
  if (key == "GET /api/v1/admin/exports/stations") {
    return Probe{ObjectKind::kListing,
                 pattern + "?format=csv",
                 pattern + "?format=csv",
                 "",
                 "",
                 "IN1,",
                 "OUT1,"};
  }
  if (key == "GET /api/v1/admin/tickets") {
    return Probe{ObjectKind::kListing, pattern,           pattern, "", "",
                 reports.at("IN1"),    reports.at("OUT1")};
  }
  if (key == "GET /api/v1/admin/upkeep/board") return none();
  if (key == "GET /api/v1/admin/maintenance-teams") return none();
  if (key == "GET /api/v1/admin/service-levels") return none();
  if (key == "PUT /api/v1/admin/service-levels") {
    return none(
        R"({"levels":[{"category":"safety","hours":12},{"category":"facility","hours":72}]})");
  }
  if (key == "POST /api/v1/admin/maintenance-teams") {
    const std::string n = std::to_string(counter);
    return Probe{ObjectKind::kBodyRegion,
                 pattern,
                 pattern,
                 fmt::format(R"({{"name":"矩阵队{}","region":"370783001"}})", n),
                 fmt::format(R"({{"name":"矩阵队外{}","region":"370784001"}})", n),
                 "",
                 ""};
  }
  if (key == "PUT /api/v1/admin/maintenance-teams/{id}") {
    const std::string team = "/api/v1/admin/maintenance-teams/" + reports.at("team");
    return Probe{ObjectKind::kBodyRegion,
                 team,
                 team,
                 R"({"name":"矩阵队改","region":"370783001"})",
                 R"({"name":"矩阵队改","region":"370784001"})",
                 "",
                 ""};
  }
  if (key == "GET /api/v1/admin/regions") {
    return Probe{ObjectKind::kListing, pattern, pattern, "", "", "370783001", "370784001"};
  }
  if (key == "POST /api/v1/admin/stations") {
    const std::string n = std::to_string(counter);
    return Probe{
        ObjectKind::kBodyRegion,
        pattern,
        pattern,
        fmt::format(
            R"({{"code":"MX{}","name":"矩阵站","lng":118.8,"lat":36.9,"region":"370783001"}})", n),
        fmt::format(
            R"({{"code":"MY{}","name":"矩阵站","lng":118.8,"lat":36.9,"region":"370784001"}})", n),
        "",
        ""};
  }
  if (key == "POST /api/v1/admin/regions") {
    return Probe{ObjectKind::kBodyRegion,
                 pattern,
                 pattern,
                 R"({"code":"370783001","name":"圣城街道"})",
                 R"({"code":"370784001","name":"别处街道"})",
                 "",
                 ""};
  }
  if (key == "POST /api/v1/admin/hosts") {
    return Probe{ObjectKind::kBodyRegion,
                 pattern,
                 pattern,
                 R"({"name":"矩阵单位","type":"bank","region":"370783001"})",
                 R"({"name":"矩阵单位","type":"bank","region":"370784001"})",
                 "",
                 ""};
  }
  if (key == "POST /api/v1/admin/uploads/stations") {
    const std::string n = std::to_string(counter);
    return Probe{ObjectKind::kFileRows,
                 pattern,
                 pattern,
                 "code,name,lng,lat,region\nMI" + n + ",矩阵导入,118.8,36.9,370783001\n",
                 "code,name,lng,lat,region\nMO" + n + ",矩阵导入,118.8,36.9,370784001\n",
                 "",
                 ""};
  }
  if (key == "GET /api/v1/admin/stations/{code}")
    return path("/api/v1/admin/stations/IN1", "/api/v1/admin/stations/OUT1");
  if (key == "PATCH /api/v1/admin/stations/{code}") {
    Probe p = path("/api/v1/admin/stations/IN1", "/api/v1/admin/stations/OUT1");
    p.inside_body = p.outside_body = "{}";
    return p;
  }
  if (key == "GET /api/v1/admin/stations/{code}/plaque.pdf") {
    return path("/api/v1/admin/stations/IN1/plaque.pdf", "/api/v1/admin/stations/OUT1/plaque.pdf");
  }
  if (key == "GET /api/v1/admin/regions/{code}/plaques.pdf") {
    return path("/api/v1/admin/regions/370783001/plaques.pdf",
                "/api/v1/admin/regions/370784001/plaques.pdf");
  }
  if (key == "GET /api/v1/admin/stations/{code}/photos/{file}") {
    return path("/api/v1/admin/stations/IN1/photos/" + photos.at("IN1"),
                "/api/v1/admin/stations/OUT1/photos/" + photos.at("OUT1"));
  }
  if (key == "DELETE /api/v1/admin/stations/{code}/photos/{file}") {
    // A file name that does not exist inside: the scope check comes first, so outside is 404
    // and inside 404 too would prove nothing; the handler's answer inside is checked below.
    return path("/api/v1/admin/stations/IN1/photos/matrix-none.jpg",
                "/api/v1/admin/stations/OUT1/photos/" + photos.at("OUT1"));
  }
  if (key == "POST /api/v1/admin/uploads/stations/{code}/photos") {
    Probe p = path("/api/v1/admin/uploads/stations/IN1/photos",
                   "/api/v1/admin/uploads/stations/OUT1/photos");
    p.inside_body = p.outside_body = "not an image";
    return p;
  }
  if (key == "GET /api/v1/admin/tickets/{id}") {
    return path("/api/v1/admin/tickets/" + reports.at("IN1"),
                "/api/v1/admin/tickets/" + reports.at("OUT1"));
  }
  if (key == "POST /api/v1/admin/uploads/tickets/{id}/photos") {
    Probe p = path("/api/v1/admin/uploads/tickets/" + reports.at("IN1") + "/photos?kind=after",
                   "/api/v1/admin/uploads/tickets/" + reports.at("OUT1") + "/photos?kind=after");
    p.inside_body = p.outside_body = "not an image";
    return p;
  }
  if (key == "GET /api/v1/admin/tickets/{id}/photos/{file}") {
    return path(
        "/api/v1/admin/tickets/" + reports.at("IN1") + "/photos/" + reports.at("photo:IN1"),
        "/api/v1/admin/tickets/" + reports.at("OUT1") + "/photos/" + reports.at("photo:OUT1"));
  }
  if (key == "GET /api/v1/admin/stations/{code}/inspection-checklist") {
    return path("/api/v1/admin/stations/IN1/inspection-checklist",
                "/api/v1/admin/stations/OUT1/inspection-checklist");
  }
  if (key == "GET /api/v1/admin/stations/{code}/inspections") {
    return path("/api/v1/admin/stations/IN1/inspections",
                "/api/v1/admin/stations/OUT1/inspections");
  }
  if (key == "POST /api/v1/admin/stations/{code}/inspections") {
    // Incomplete (400 inside, 404 outside): a full one is recorded by the inspections test.
    Probe p =
        path("/api/v1/admin/stations/IN1/inspections", "/api/v1/admin/stations/OUT1/inspections");
    p.inside_body = p.outside_body = R"({"items":[]})";
    return p;
  }
  if (key == "GET /api/v1/admin/inspections/due") return none();
  if (key == "GET /api/v1/admin/supplies/catalogue") return none();
  if (key == "PUT /api/v1/admin/supplies/catalogue/{code}") {
    return Probe{ObjectKind::kNone,
                 "/api/v1/admin/supplies/catalogue/ice_pack",
                 "/api/v1/admin/supplies/catalogue/ice_pack",
                 R"({"name":"冰袋","unit":"个","default_minimum":2})",
                 R"({"name":"冰袋","unit":"个","default_minimum":2})",
                 "",
                 ""};
  }
  if (key == "GET /api/v1/admin/stations/{code}/supplies") {
    return path("/api/v1/admin/stations/IN1/supplies", "/api/v1/admin/stations/OUT1/supplies");
  }
  if (key == "POST /api/v1/admin/stations/{code}/supplies") {
    Probe p = path("/api/v1/admin/stations/IN1/supplies", "/api/v1/admin/stations/OUT1/supplies");
    p.inside_body = p.outside_body = R"({"item":"umbrella","kind":"restock","quantity":1})";
    return p;
  }
  if (key == "PUT /api/v1/admin/stations/{code}/supplies/minimums/{item}") {
    Probe p = path("/api/v1/admin/stations/IN1/supplies/minimums/umbrella",
                   "/api/v1/admin/stations/OUT1/supplies/minimums/umbrella");
    p.inside_body = p.outside_body = R"({"minimum":2})";
    return p;
  }
  if (key == "GET /api/v1/admin/tickets/{id}/assignees") {
    return path("/api/v1/admin/tickets/" + reports.at("IN1") + "/assignees",
                "/api/v1/admin/tickets/" + reports.at("OUT1") + "/assignees");
  }
  if (key == "POST /api/v1/admin/tickets/{id}/actions") {
    // A step the ticket's status never allows from a fresh report (409 inside, 404 outside).
    Probe p = path("/api/v1/admin/tickets/" + reports.at("IN1") + "/actions",
                   "/api/v1/admin/tickets/" + reports.at("OUT1") + "/actions");
    p.inside_body = p.outside_body = R"({"action":"wait_parts","version":1})";
    return p;
  }
  if (key == "GET /api/v1/admin/grading/rules") return none();
  if (key == "PUT /api/v1/admin/grading/rules") return none("{}");  // invalid: 400, nothing saved
  if (key == "GET /api/v1/admin/grading/runs") return none();
  if (key == "POST /api/v1/admin/grading/runs") {
    return Probe{ObjectKind::kBodyRegion,     pattern, pattern, R"({"region":"370783001"})",
                 R"({"region":"370784001"})", "",      ""};
  }
  if (key == "GET /api/v1/admin/stations/{code}/grade") {
    return path("/api/v1/admin/stations/IN1/grade", "/api/v1/admin/stations/OUT1/grade");
  }
  if (key == "PUT /api/v1/admin/stations/{code}/grading-facts") {
    Probe p = path("/api/v1/admin/stations/IN1/grading-facts",
                   "/api/v1/admin/stations/OUT1/grading-facts");
    p.inside_body = p.outside_body = R"({"area_m2":32,"capacity":20})";
    return p;
  }
  const std::string runs = "/api/v1/admin/grading/runs/";
  const std::string run_in = runs + reports.at("run:IN1");
  const std::string run_out = runs + reports.at("run:OUT1");
  if (key == "GET /api/v1/admin/grading/runs/{id}") return path(run_in, run_out);
  if (key == "GET /api/v1/admin/grading/runs/{id}/proposals") {
    return path(run_in + "/proposals", run_out + "/proposals");
  }
  if (key == "GET /api/v1/admin/grading/runs/{id}/proposals/{code}") {
    return path(run_in + "/proposals/IN1", run_out + "/proposals/OUT1");
  }
  if (key == "PUT /api/v1/admin/grading/runs/{id}/proposals/{code}") {
    Probe p = path(run_in + "/proposals/IN1", run_out + "/proposals/OUT1");
    p.inside_body = p.outside_body = R"({"stars":2,"reason":"核实"})";
    return p;
  }
  if (key == "POST /api/v1/admin/grading/runs/{id}/approve") {
    Probe p = path(run_in + "/approve", run_out + "/approve");
    p.inside_body = p.outside_body = "{}";
    return p;
  }
  if (key == "POST /api/v1/admin/grading/runs/{id}/reject") {
    Probe p = path(run_in + "/reject", run_out + "/reject");
    p.inside_body = p.outside_body = "{}";  // no note: 400 inside
    return p;
  }
  if (key == "GET /admin/grading") return none();
  // Volunteers on duty (api/volunteers).
  if (key == "GET /api/v1/admin/stations/{code}/roster") {
    return path("/api/v1/admin/stations/IN1/roster", "/api/v1/admin/stations/OUT1/roster");
  }
  if (key == "POST /api/v1/admin/stations/{code}/shifts") {
    Probe p = path("/api/v1/admin/stations/IN1/shifts", "/api/v1/admin/stations/OUT1/shifts");
    // The second admitted role adds the same shift again: 409, never a wrong door.
    p.inside_body = p.outside_body =
        R"({"starts_at":"2027-04-01T07:00:00+08:00","ends_at":"2027-04-01T09:00:00+08:00"})";
    return p;
  }
  if (key == "POST /api/v1/admin/shifts/{id}/arrivals/{volunteer}") {
    // No such volunteer on the shift: 409 inside, 404 outside.
    Probe p = path("/api/v1/admin/shifts/" + reports.at("shift:IN1") + "/arrivals/999",
                   "/api/v1/admin/shifts/" + reports.at("shift:OUT1") + "/arrivals/999");
    p.inside_body = p.outside_body = "{}";
    return p;
  }
  if (key == "GET /api/v1/admin/stations/{code}/duty-templates") {
    return path("/api/v1/admin/stations/IN1/duty-templates",
                "/api/v1/admin/stations/OUT1/duty-templates");
  }
  if (key == "POST /api/v1/admin/stations/{code}/duty-templates") {
    Probe p = path("/api/v1/admin/stations/IN1/duty-templates",
                   "/api/v1/admin/stations/OUT1/duty-templates");
    p.inside_body = p.outside_body = R"({"weekdays":[6],"start":"09:00","end":"12:00"})";
    return p;
  }
  if (key == "DELETE /api/v1/admin/duty-templates/{id}") {
    // No such template anywhere: 404 inside too, as for the other DELETE probes.
    return path("/api/v1/admin/duty-templates/999999", "/api/v1/admin/duty-templates/999998");
  }
  if (key == "GET /api/v1/admin/duty/gaps") {
    // The shifts made in the set-up need people: IN1 is listed, OUT1 never.
    const std::string gaps = pattern + "?from=2027-03-01&days=7";
    return Probe{ObjectKind::kListing, gaps, gaps, "", "", "\"IN1\"", "\"OUT1\""};
  }
  if (key == "GET /api/v1/admin/volunteers/hours") return none();
  if (key == "GET /api/v1/admin/volunteers/hours.xlsx") return none();
  if (key == "GET /api/v1/admin/volunteers") {
    return Probe{ObjectKind::kListing, pattern, pattern, "", "", "志愿者甲", "志愿者乙"};
  }
  if (key == "PUT /api/v1/admin/volunteers/{id}/approved-skills") {
    Probe p = path("/api/v1/admin/volunteers/" + reports.at("volunteer:IN1") + "/approved-skills",
                   "/api/v1/admin/volunteers/" + reports.at("volunteer:OUT1") + "/approved-skills");
    p.inside_body = p.outside_body = R"({"skills":["first_aid"]})";
    return p;
  }
  if (key == "GET /api/v1/admin/settings/public-address") return none();
  if (key == "PUT /api/v1/admin/settings/public-address") return none("{}");  // invalid: 400
  if (key == "GET /api/v1/admin/volunteers/rules") return none();
  if (key == "PUT /api/v1/admin/volunteers/rules") return none("{}");  // invalid: 400
  if (key == "GET /admin/duty") return none();
  // Pages: static shells without data (the API behind them checks the scope).
  if (key == "GET /admin/") return none();
  if (key == "GET /admin/stations") return none();
  if (key == "GET /admin/new-station") return none();
  if (key == "GET /admin/files") return none();
  if (key == "GET /admin/reports") return none();
  if (key == "GET /admin/upkeep") return none();
  if (key == "GET /admin/mine") return none();
  if (key == "GET /admin/stations/{code}/upkeep") {
    return Probe{ObjectKind::kNone,
                 "/admin/stations/IN1/upkeep",
                 "/admin/stations/OUT1/upkeep",
                 "",
                 "",
                 "",
                 ""};
  }
  if (key == "GET /admin/audit") return none();
  if (key == "GET /admin/outbox") return none();
  if (key == "GET /admin/stations/{code}")
    return Probe{ObjectKind::kNone, "/admin/stations/IN1", "/admin/stations/OUT1", "", "", "", ""};
  return std::nullopt;
}

// The roles a route's declared role string admits (the grammar of http/router.h, read here
// independently of the code under test).
std::set<std::string> AdmittedRoles(const std::string& role) {
  if (role == "public" || role == "session") return {kRoles.begin(), kRoles.end()};
  std::set<std::string> out;
  std::string rest = role.substr(role.find(':') + 1);
  while (true) {
    const auto bar = rest.find('|');
    out.insert(rest.substr(0, bar));
    if (bar == std::string::npos) break;
    rest = rest.substr(bar + 1);
  }
  return out;
}

TEST_F(AdminApiTest, AuthorizationMatrixOverEveryConsoleRouteRoleAndScope) {
  // The real route table, built in-process over a scratch store.
  TempDir scratch;
  StoreConfig config;
  config.data_dir = scratch / "data";
  auto store = OpenStore(config);
  ASSERT_TRUE(store.ok()) << store.error().message;
  ServerAppConfig app_config;
  app_config.access_log = false;
  auto app = ServerApp::Create(std::move(*store), app_config);
  ASSERT_TRUE(app.ok()) << app.error().message;

  int counter = 0, checked = 0;
  for (const Route& route : (*app)->router().routes()) {
    const bool console = route.pattern.starts_with("/api/v1/admin/") ||
                         route.pattern.starts_with("/api/v1/auth/") ||
                         route.pattern.starts_with("/admin/");
    if (!console) {
      // Public, or a person's own routes (tests/app/people_api_test.cpp checks those).
      const bool persons_own =
          route.pattern.starts_with("/me/") || route.pattern.starts_with("/api/v1/me");
      EXPECT_EQ(route.role, persons_own ? "person" : "public")
          << "a non-console route with a role: " << route.method << " " << route.pattern;
      continue;
    }
    SCOPED_TRACE(route.method + " " + route.pattern + " [" + route.role + "]");
    if (route.pattern.starts_with("/api/v1/admin/")) {
      EXPECT_NE(route.role, "public") << "everything under /api/v1/admin/ needs a session";
    }
    const auto probe = ProbeFor(route.method, route.pattern, photos_, reports_, counter);
    if (!probe) {
      ADD_FAILURE() << "no probe rule for this route: add one to ProbeFor";
      continue;
    }
    const bool api = route.pattern.starts_with("/api/");
    const bool change = route.method != "GET";
    const std::string type = probe->kind == ObjectKind::kFileRows ? "text/csv" : "application/json";

    // Anonymous.
    {
      HttpResult r =
          Send(Client{}, route.method, probe->inside_target, probe->inside_body, true, type);
      if (probe->kind == ObjectKind::kPublic) {
        EXPECT_NE(r.status, 401) << "anonymous";
        EXPECT_NE(r.status, 403) << "anonymous";
        continue;
      }
      if (api) {
        EXPECT_EQ(r.status, 401) << "anonymous: " << r.body;
        EXPECT_EQ(ErrorCode(r), "unauthenticated");
      } else {
        EXPECT_EQ(r.status, 303) << "anonymous page";
        EXPECT_TRUE(r.Header("Location").starts_with("/admin/login")) << r.Header("Location");
      }
    }
    const std::set<std::string> admitted = AdmittedRoles(route.role);
    bool csrf_checked = false;
    for (const std::string& role : kRoles) {
      SCOPED_TRACE("role " + role);
      Client client = clients_[role];
      if (route.pattern == "/api/v1/auth/logout") client = LoginOrDie(role);  // logging out ends it
      if (!admitted.contains(role)) {
        HttpResult r =
            Send(client, route.method, probe->inside_target, probe->inside_body, true, type);
        EXPECT_EQ(r.status, 403) << r.body;
        if (api) {
          EXPECT_EQ(ErrorCode(r), "forbidden");
        }
        ++checked;
        continue;
      }
      if (change && !csrf_checked) {
        HttpResult r =
            Send(client, route.method, probe->inside_target, probe->inside_body, false, type);
        EXPECT_EQ(r.status, 403) << "a change without X-CSRF-Token: " << r.body;
        csrf_checked = true;
      }
      HttpResult in =
          Send(client, route.method, probe->inside_target, probe->inside_body, true, type);
      const bool nothing_inside = route.method == "DELETE" && route.pattern.ends_with("}");
      if (nothing_inside) {
        EXPECT_EQ(in.status, 404)
            << "no such photo or session inside";  // see ProbeFor: it does not exist
      } else {
        EXPECT_TRUE(in.status != 401 && in.status != 403 && in.status != 404 && in.status < 500)
            << "inside: " << in.status << " " << in.body.substr(0, 300);
      }
      if (route.pattern == "/api/v1/auth/logout") client = LoginOrDie(role);
      HttpResult out =
          Send(client, route.method, probe->outside_target, probe->outside_body, true, type);
      switch (probe->kind) {
        case ObjectKind::kPath:
        case ObjectKind::kBodyRegion:
          EXPECT_EQ(out.status, 404) << "outside: " << out.body.substr(0, 300);
          EXPECT_EQ(ErrorCode(out), "not_found");
          break;
        case ObjectKind::kListing:
          EXPECT_EQ(in.status, 200);
          EXPECT_NE(in.body.find(probe->inside_marker), std::string::npos) << "inside item missing";
          EXPECT_EQ(out.body.find(probe->outside_marker), std::string::npos)
              << "outside item shown";
          break;
        case ObjectKind::kFileRows:
          EXPECT_EQ(out.status, 400) << out.body;
          EXPECT_NE(out.body.find("row_errors"), std::string::npos);
          break;
        case ObjectKind::kNone:
          EXPECT_EQ(out.status, in.status);
          break;
        case ObjectKind::kPublic:
          break;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

// ---------------------------------------------------------------------------------------------
// Output escaping: a list of XSS payloads in station names, addresses, rating comments and
// reports, then every server-rendered page (the console's and the workers') must escape them.

TEST_F(AdminApiTest, XssPayloadsInStoredTextAreEscapedOnEveryPage) {
  const std::vector<std::string> payloads = {
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>",
      "'><svg onload=alert(1)>",
      "</title><script>alert(1)</script>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<iframe src=//evil.example></iframe>",
      "{{7*7}}<style>body{display:none}</style>",
  };
  const Client& root = clients_["root"];
  int n = 0;
  std::vector<std::string> codes;
  for (const auto& payload : payloads) {
    const std::string code = "XSS" + std::to_string(++n);
    codes.push_back(code);
    json::object body = json::parse(StationBody(code, "370783001", payload)).as_object();
    body["address"] = payload;
    body["manager"] = payload;
    ASSERT_EQ(Send(root, "POST", "/api/v1/admin/stations", json::serialize(body)).status, 201)
        << payload;
    HttpResult checkin =
        Http(server(), "POST", "/api/v1/stations/" + code + "/checkins",
             R"({"worker_category":"courier"})", {{"Content-Type", "application/json"}});
    ASSERT_EQ(checkin.status, 201) << checkin.body;
    const json::value c = Json(checkin);
    HttpResult rated =
        Http(server(), "POST",
             "/api/v1/checkins/" + std::string(c.at("checkin_id").as_string()) + "/rating",
             json::serialize(
                 json::object{{"token", c.at("rating_token")}, {"stars", 2}, {"comment", payload}}),
             {{"Content-Type", "application/json"}});
    ASSERT_EQ(rated.status, 201) << rated.body;
    HttpResult report =
        Http(server(), "POST", "/api/v1/stations/" + code + "/reports",
             json::serialize(json::object{{"category", "other"}, {"description", payload}}),
             {{"Content-Type", "application/json"}});
    ASSERT_EQ(report.status, 201) << report.body;
  }
  std::vector<std::string> pages = {"/", "/stations", "/admin/login"};
  for (const auto& code : codes) {
    pages.push_back("/station/" + code);
    pages.push_back("/s/" + code);
  }
  for (const char* console : {"/admin/", "/admin/stations", "/admin/reports", "/admin/files"})
    pages.push_back(console);
  for (const auto& page : pages) {
    HttpResult r = Send(root, "GET", page);
    ASSERT_EQ(r.status, 200) << page;
    EXPECT_TRUE(r.Header("Content-Type").starts_with("text/html")) << page;
    EXPECT_NE(r.Header("Content-Security-Policy").find("script-src 'self'"), std::string::npos)
        << page;
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff") << page;
    for (const auto& payload : payloads) {
      EXPECT_EQ(r.body.find(payload), std::string::npos) << page << " shows unescaped: " << payload;
    }
    EXPECT_EQ(r.body.find("<script>alert"), std::string::npos) << page;
    for (const char* tag :
         {"<img src=x", "<svg onload", "<iframe", "<style>body", "<a href=\"javascript"}) {
      EXPECT_EQ(r.body.find(tag), std::string::npos) << page << " has a live " << tag;
    }
  }
  // The API hands the text back as data (JSON strings), for pages that insert it as text.
  HttpResult api = Send(root, "GET", "/api/v1/admin/stations/XSS1");
  EXPECT_EQ(Json(api).at("name").as_string(), payloads[0]);
}

TEST_F(AdminApiTest, UserAddValidatesRolesScopesAndThePasswordPolicy) {
  const std::string data = Shell((*dir_) / "data-cli");
  EXPECT_NE(RunWithInput("user add --data " + data + " --username x --role emperor",
                         "long enough password\n", *dir_),
            0);
  EXPECT_NE(RunWithInput("user add --data " + data + " --username x --role region_admin",
                         "long enough password\n", *dir_),
            0);
  EXPECT_NE(
      RunWithInput("user add --data " + data + " --username x --role city_admin", "short\n", *dir_),
      0);
  EXPECT_EQ(RunWithInput("user add --data " + data + " --username x --role city_admin",
                         "long enough password\n", *dir_),
            0)
      << CommandOutput(*dir_);
  EXPECT_NE(RunWithInput("user add --data " + data + " --username x --role city_admin",
                         "long enough password\n", *dir_),
            0);
  EXPECT_EQ(
      RunWithInput("user policy --data " + data + " --min-length 14 --require-mixed 1", "", *dir_),
      0);
  EXPECT_NE(RunWithInput("user add --data " + data + " --username y --role city_admin",
                         "long enough password\n", *dir_),
            0);
  EXPECT_EQ(RunWithInput("user add --data " + data + " --username y --role city_admin",
                         "Long-Enough-Pass1\n", *dir_),
            0);
  EXPECT_EQ(RunWithInput("user list --data " + data, "", *dir_), 0);
  EXPECT_NE(CommandOutput(*dir_).find("y\tcity_admin"), std::string::npos) << CommandOutput(*dir_);
}

// ---------------------------------------------------------------------------------------------
// Timed jobs: the server registers its jobs, runs each once per period, and shows them in /metrics.

TEST_F(AdminApiTest, TimedJobsRunOncePerPeriodAndShowInMetrics) {
  JobScheduler* jobs = server().app().jobs();
  ASSERT_NE(jobs, nullptr);
  jobs->RunDue(
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  jobs->RunDue(
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  bool found = false;
  for (const JobCounters& c : jobs->Snapshot()) {
    if (c.name != "session_cleanup") continue;
    found = true;
    EXPECT_EQ(c.runs, 1u) << "twice in one 15-minute period";
    EXPECT_EQ(c.failures, 0u) << c.last_error.value_or("");
    EXPECT_TRUE(c.last_success_at.has_value());
  }
  EXPECT_TRUE(found);
  const HttpResult metrics = Http(server(), "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("yizhan_job_session_cleanup_runs 1"), std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("yizhan_job_job_history_retention_last_success_seconds"),
            std::string::npos);
}

}  // namespace
}  // namespace yz
