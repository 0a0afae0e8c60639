// The people area's routes in-process (the composition root and Router::Dispatch): signing in by
// phone with the code read from the console's outbox, the person's page, download, consents and
// deletion, the CSRF rules of person routes, and the retention job as the scheduler runs it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/in_process_server.h"
#include "app/test_support.h"

namespace yz {
namespace {

using testing::Http;
using testing::HttpHeaders;
using testing::HttpResult;
using testing::InProcessServer;
using testing::TempDir;

constexpr std::string_view kJson = "application/json";

class PeopleApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerAppConfig config;
    config.run_jobs = false;  // the test runs the sender itself
    server_ = InProcessServer::Start(dir_ / "data", config);
    ASSERT_NE(server_, nullptr);
  }

  HttpResult Post(std::string_view target, std::string_view body, std::string cookie = "") {
    HttpHeaders h{{"Content-Type", std::string(kJson)}};
    if (!cookie.empty()) h.emplace_back("Cookie", cookie);
    return Http(*server_, "POST", target, body, h);
  }
  HttpResult Get(std::string_view target, std::string cookie = "") {
    HttpHeaders h;
    if (!cookie.empty()) h.emplace_back("Cookie", cookie);
    return Http(*server_, "GET", target, "", h);
  }

  // The code of the newest SMS in the outbox, as the sender handed it over.
  std::string CodeFromOutbox() {
    EXPECT_TRUE(server_->app().sender().RunOnce().ok());
    auto newest = server_->app().store().messages->ListMessages({});
    EXPECT_TRUE(newest.ok() && !newest->empty());
    if (!newest.ok() || newest->empty()) return "";
    EXPECT_EQ(newest->front().status, MessageStatus::kSent);
    return newest->front().params.at(0);
  }

  static std::string CookieOf(const HttpResult& r) {
    const std::string set = std::string(r.Header("Set-Cookie"));
    return set.substr(0, set.find(';'));
  }

  std::string SignIn(std::string_view phone = "18812342223") {
    HttpResult code = Post("/api/v1/people/sign-in/code",
                           fmt::format(R"({{"phone":"{}","consent_version":1}})", phone));
    EXPECT_EQ(code.status, 200) << code.body;
    HttpResult in = Post("/api/v1/people/sign-in",
                         fmt::format(R"({{"phone":"{}","code":"{}","consent_version":1}})", phone,
                                     CodeFromOutbox()));
    EXPECT_EQ(in.status, 200) << in.body;
    return CookieOf(in);
  }

  TempDir dir_;
  std::unique_ptr<InProcessServer> server_;
};

TEST_F(PeopleApiTest, SignsInThroughTheOutboxAndShowsThePersonMasked) {
  HttpResult purposes = Get("/api/v1/people/purposes");
  ASSERT_EQ(purposes.status, 200);
  EXPECT_NE(purposes.body.find("phone_sign_in"), std::string::npos);

  HttpResult code =
      Post("/api/v1/people/sign-in/code", R"({"phone":"188 1234 2223","consent_version":1})");
  ASSERT_EQ(code.status, 200) << code.body;
  EXPECT_NE(code.body.find("\"expires_in_s\":300"), std::string::npos);
  const std::string digits = CodeFromOutbox();
  ASSERT_EQ(digits.size(), 6u);

  HttpResult wrong =
      Post("/api/v1/people/sign-in",
           fmt::format(R"({{"phone":"18812342223","code":"{}","consent_version":1}})",
                       digits == "000000" ? "111111" : "000000"));
  EXPECT_EQ(wrong.status, 401);
  HttpResult in =
      Post("/api/v1/people/sign-in",
           fmt::format(R"({{"phone":"18812342223","code":"{}","consent_version":1}})", digits));
  ASSERT_EQ(in.status, 200) << in.body;
  const std::string set_cookie(in.Header("Set-Cookie"));
  EXPECT_NE(set_cookie.find("yz_person="), std::string::npos);
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(in.body.find("188****2223"), std::string::npos);
  EXPECT_EQ(in.body.find("18812342223"), std::string::npos);

  HttpResult me = Get("/api/v1/me", CookieOf(in));
  ASSERT_EQ(me.status, 200) << me.body;
  auto json = boost::json::parse(me.body).as_object();
  EXPECT_EQ(json["person"].as_object()["phone_masked"].as_string(), "188****2223");
  // Sign-in (given by signing in), SMS notices and the volunteer register (neither given).
  EXPECT_EQ(json["consents"].as_array().size(), 3u);
  EXPECT_TRUE(json["consents"].as_array()[0].as_object()["given"].as_bool());
  EXPECT_FALSE(json["consents"].as_array()[1].as_object()["given"].as_bool());
  EXPECT_FALSE(json["consents"].as_array()[2].as_object()["given"].as_bool());

  EXPECT_EQ(Get("/api/v1/me").status, 401);
  EXPECT_EQ(Get("/api/v1/me", "yz_person=forged").status, 401);
  HttpResult page = Get("/me");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("手机号登录"), std::string::npos);
}

TEST_F(PeopleApiTest, BadInputGetsTheErrorShape) {
  EXPECT_EQ(Post("/api/v1/people/sign-in/code", R"({"phone":"12345","consent_version":1})").status,
            400);
  EXPECT_EQ(Post("/api/v1/people/sign-in/code", R"({"phone":"18812342223"})").status, 400);
  EXPECT_EQ(
      Post("/api/v1/people/sign-in/code", R"({"phone":"18812342223","consent_version":9})").status,
      400);
  EXPECT_EQ(Post("/api/v1/people/sign-in/code", "not json").status, 400);
  HttpResult none = Post("/api/v1/people/sign-in",
                         R"({"phone":"18812342223","code":"123456","consent_version":1})");
  EXPECT_EQ(none.status, 401);
  EXPECT_NE(none.body.find("\"code\":\"unauthenticated\""), std::string::npos);
  ASSERT_EQ(
      Post("/api/v1/people/sign-in/code", R"({"phone":"18812342223","consent_version":1})").status,
      200);
  HttpResult again =
      Post("/api/v1/people/sign-in/code", R"({"phone":"18812342223","consent_version":1})");
  EXPECT_EQ(again.status, 429);
  EXPECT_NE(again.body.find("rate_limited"), std::string::npos);
}

TEST_F(PeopleApiTest, ChangesMustComeAsJsonFromThisSite) {
  const std::string cookie = SignIn();
  HttpResult form =
      Http(*server_, "POST", "/api/v1/me/sign-out", "a=b",
           {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}});
  EXPECT_EQ(form.status, 403);
  HttpResult cross =
      Http(*server_, "DELETE", "/api/v1/me", "",
           {{"Cookie", cookie}, {"Origin", "https://evil.example"}, {"Host", "yizhan.example"}});
  EXPECT_EQ(cross.status, 403);
  EXPECT_EQ(Get("/api/v1/me", cookie).status, 200);  // still there
  HttpResult same =
      Http(*server_, "DELETE", "/api/v1/me", "",
           {{"Cookie", cookie}, {"Origin", "https://yizhan.example"}, {"Host", "yizhan.example"}});
  EXPECT_EQ(same.status, 200) << same.body;
}

TEST_F(PeopleApiTest, DownloadsEverythingAndDeletesEverything) {
  const std::string cookie = SignIn();
  ASSERT_EQ(Http(*server_, "PUT", "/api/v1/me/consents/sms_notices", R"({"version":1})",
                 {{"Content-Type", "application/json"}, {"Cookie", cookie}})
                .status,
            200);
  ASSERT_EQ(
      Http(*server_, "DELETE", "/api/v1/me/consents/sms_notices", "", {{"Cookie", cookie}}).status,
      200);

  HttpResult data = Get("/api/v1/me/data", cookie);
  ASSERT_EQ(data.status, 200) << data.body;
  EXPECT_NE(std::string(data.Header("Content-Disposition")).find("attachment"), std::string::npos);
  auto json = boost::json::parse(data.body).as_object();
  std::vector<std::string> areas;
  for (const auto& s : json["sections"].as_array())
    areas.emplace_back(s.as_object().at("area").as_string());
  EXPECT_EQ(areas,
            (std::vector<std::string>{"person", "consents", "sessions", "messages", "volunteers"}));
  EXPECT_NE(data.body.find("18812342223"), std::string::npos);  // their own phone, in full
  EXPECT_NE(data.body.find("短信提醒"), std::string::npos);

  HttpResult page = Get("/me/data", cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h2>同意记录</h2>"), std::string::npos);
  EXPECT_NE(page.body.find("18812342223"), std::string::npos);

  HttpResult erase = Http(*server_, "DELETE", "/api/v1/me", "", {{"Cookie", cookie}});
  ASSERT_EQ(erase.status, 200) << erase.body;
  EXPECT_NE(std::string(erase.Header("Set-Cookie")).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/me", cookie).status, 401);
  Store& store = server_->app().store();
  EXPECT_FALSE(store.people->FindPersonByPhone("18812342223")->has_value());
  EXPECT_TRUE(store.messages->MessagesOf(0, "18812342223", 10)->empty());

  // The audit log has the person's acts under a pseudonym, never the phone.
  auto log = store.audit->List(AuditQuery{});
  ASSERT_TRUE(log.ok());
  bool erased = false;
  for (const AuditEntry& e : *log) {
    EXPECT_EQ(e.actor.find("2223"), std::string::npos);
    EXPECT_EQ(e.object.find("2223"), std::string::npos);
    erased |= e.action == "person.erase";
  }
  EXPECT_TRUE(erased);
}

TEST_F(PeopleApiTest, TheRetentionJobIsRegisteredAndRuns) {
  SignIn();
  JobScheduler* jobs = server_->app().jobs();
  ASSERT_NE(jobs, nullptr);
  bool found = false;
  for (const JobCounters& c : jobs->Snapshot()) found |= c.name == "people_retention";
  EXPECT_TRUE(found);
  HttpResult metrics = Get("/metrics");
  EXPECT_NE(metrics.body.find("yizhan_job_people_retention_runs"), std::string::npos);
  EXPECT_NE(metrics.body.find("yizhan_messages_sent 1"), std::string::npos)
      << metrics.body.substr(0, 200);
}

}  // namespace
}  // namespace yz
