// The upkeep area's public routes in-process: Open311 GeoReport v2 as public-api.md section 9 pins
// it (services, definitions, filing by station or by position, reading requests, its own error
// shape), following a report by its number on the page and as JSON, the reporter's "is it really
// fixed?", and the station page's 已报修 while a facility's ticket is open.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <png.h>

#include <boost/json.hpp>
#include <regex>

#include "app/in_process_server.h"
#include "app/test_support.h"
#include "domain/checkins/report_number.h"

namespace yz {
namespace {

using testing::Http;
using testing::HttpHeaders;
using testing::HttpResult;
using testing::InProcessServer;
using testing::TempDir;

constexpr std::string_view kForm = "application/x-www-form-urlencoded";

boost::json::value Json(const HttpResult& r) { return boost::json::parse(r.body); }

// A small grey picture, as a phone's browser might send it (any format the decoder takes).
std::string SmallPng() {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = 16;
  image.height = 12;
  image.format = PNG_FORMAT_RGB;
  std::vector<unsigned char> rgb(16 * 12 * 3, 180);
  png_alloc_size_t size = 0;
  png_image_write_to_memory(&image, nullptr, &size, 0, rgb.data(), 0, nullptr);
  std::string out(size, '\0');
  png_image_write_to_memory(&image, out.data(), &size, 0, rgb.data(), 0, nullptr);
  out.resize(size);
  return out;
}

class UpkeepApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerAppConfig config;
    config.run_jobs = false;
    config.public_api.limits.enabled = false;
    server_ = InProcessServer::Start(dir_ / "data", config);
    ASSERT_NE(server_, nullptr);
    Station a;
    a.code = "SG001";
    a.name = "圣城街道环卫驿站";
    a.address = "寿光市圣城街道 1 号";
    a.location = GeoPoint{Latitude(36.88), Longitude(118.73)};
    a.region = "370783001";
    a.amenities = {{Amenity::kMicrowave, AmenityState::kWorking},
                   {Amenity::kCoolingHeating, AmenityState::kWorking}};
    Station closed = a;
    closed.code = "SG002";
    closed.name = "已关闭的站";
    closed.status = StationStatus::kClosed;
    closed.location = GeoPoint{Latitude(36.90), Longitude(118.75)};
    ASSERT_TRUE(server_->app().directory().Save(std::vector<Station>{a, closed}).ok());
  }

  HttpResult PostForm(std::string_view body) {
    return Http(*server_, "POST", "/open311/v2/requests.json", body,
                HttpHeaders{{"Content-Type", std::string(kForm)}});
  }
  HttpResult Get(std::string_view target) { return Http(*server_, "GET", target); }
  std::string FileOpen311(std::string_view body) {
    HttpResult r = PostForm(body);
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return "";
    return std::string(Json(r).as_array().at(0).at("service_request_id").as_string());
  }
  static void ExpectOpen311Error(const HttpResult& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    const auto body = boost::json::parse(r.body);
    ASSERT_TRUE(body.is_array()) << r.body;
    ASSERT_EQ(body.as_array().size(), 1u);
    EXPECT_EQ(body.as_array()[0].at("code").as_int64(), status);
    EXPECT_FALSE(body.as_array()[0].at("description").as_string().empty());
  }

  TempDir dir_;
  std::unique_ptr<InProcessServer> server_;
};

TEST_F(UpkeepApiTest, ServicesAreTheReportCategoriesWithDefinitions) {
  HttpResult services = Get("/open311/v2/services.json");
  ASSERT_EQ(services.status, 200);
  const boost::json::value services_json = Json(services);
  const auto& list = services_json.as_array();
  ASSERT_EQ(list.size(), 6u);
  const auto& first = list[0].as_object();
  EXPECT_EQ(first.at("service_code").as_string(), "facility");
  EXPECT_EQ(first.at("service_name").as_string(), "设施损坏");
  EXPECT_EQ(first.at("metadata").as_bool(), true);
  EXPECT_EQ(first.at("type").as_string(), "realtime");
  for (const char* field : {"description", "keywords", "group"}) EXPECT_TRUE(first.contains(field));

  HttpResult def = Get("/open311/v2/services/supplies.json");
  ASSERT_EQ(def.status, 200) << def.body;
  EXPECT_EQ(Json(def).at("service_code").as_string(), "supplies");
  bool station = false, amenity = false;
  const boost::json::value definition = Json(def);
  for (const auto& a : definition.at("attributes").as_array()) {
    if (a.at("code") == "station") station = true;
    if (a.at("code") == "amenity") {
      amenity = true;
      EXPECT_EQ(a.at("datatype").as_string(), "singlevaluelist");
      EXPECT_EQ(a.at("required").as_bool(), false);
      EXPECT_GE(a.at("values").as_array().size(), 10u);
    }
  }
  EXPECT_TRUE(station && amenity);
  ExpectOpen311Error(Get("/open311/v2/services/nothing.json"), 404);
  ExpectOpen311Error(Get("/open311/v2/services/facility.xml"), 404);
}

TEST_F(UpkeepApiTest, FilesByStationOrByPositionAndReadsItBack) {
  const std::string by_station = FileOpen311(
      "service_code=facility&description=%E5%BE%AE%E6%B3%A2%E7%82%89%E5%9D%8F%E4%BA%86+"
      "18812342223&attribute%5Bstation%5D=SG001&attribute%5Bamenity%5D=microwave");
  ASSERT_TRUE(NormalizeReportNumber(by_station).has_value()) << by_station;
  // 36.8801, 118.7301 is about 14 m from SG001; the closed SG002 is never chosen.
  const std::string by_position =
      FileOpen311("service_code=cleanliness&description=dirty&lat=36.8801&long=118.7301");
  ASSERT_FALSE(by_position.empty());

  HttpResult one = Get("/open311/v2/requests/" + by_station + ".json");
  ASSERT_EQ(one.status, 200) << one.body;
  const boost::json::value one_json = Json(one);
  const auto& request = one_json.as_array().at(0).as_object();
  EXPECT_EQ(request.at("service_request_id").as_string(), by_station);
  EXPECT_EQ(request.at("status").as_string(), "open");
  EXPECT_EQ(request.at("service_code").as_string(), "facility");
  EXPECT_EQ(request.at("service_name").as_string(), "设施损坏");
  EXPECT_EQ(request.at("description").as_string(), "微波炉坏了 188****2223");
  EXPECT_EQ(request.at("address_id").as_string(), "SG001");
  EXPECT_EQ(request.at("address").as_string(), "寿光市圣城街道 1 号");
  EXPECT_NEAR(request.at("lat").as_double(), 36.88, 1e-9);
  EXPECT_NEAR(request.at("long").as_double(), 118.73, 1e-9);
  EXPECT_TRUE(request.at("media_url").is_null());
  const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00)");
  EXPECT_TRUE(std::regex_match(std::string(request.at("requested_datetime").as_string()), iso));
  EXPECT_TRUE(std::regex_match(std::string(request.at("updated_datetime").as_string()), iso));
  // The migration's service levels give a facility 72 hours outside summer.
  EXPECT_TRUE(request.at("expected_datetime").is_string());
  for (const char* field : {"status_notes", "agency_responsible", "address"}) {
    EXPECT_TRUE(request.contains(field)) << field;
  }

  HttpResult all = Get("/open311/v2/requests.json");
  ASSERT_EQ(all.status, 200);
  ASSERT_EQ(Json(all).as_array().size(), 2u);
  EXPECT_EQ(Json(all).as_array()[0].at("service_request_id").as_string(),
            by_position);  // newest first
  EXPECT_EQ(Json(Get("/open311/v2/requests.json?service_code=facility")).as_array().size(), 1u);
  EXPECT_EQ(Json(Get("/open311/v2/requests.json?status=closed")).as_array().size(), 0u);
  EXPECT_EQ(Json(Get("/open311/v2/requests.json?status=open")).as_array().size(), 2u);
  EXPECT_EQ(
      Json(Get("/open311/v2/requests.json?service_request_id=" + by_station + "," + by_position))
          .as_array()
          .size(),
      2u);
  EXPECT_EQ(
      Json(Get("/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z")).as_array().size(), 0u);
  EXPECT_EQ(
      Json(Get("/open311/v2/requests.json?end_date=2000-01-01T00:00:00%2B08:00")).as_array().size(),
      0u);
  ExpectOpen311Error(Get("/open311/v2/requests.json?status=maybe"), 400);
  ExpectOpen311Error(Get("/open311/v2/requests.json?start_date=yesterday"), 400);
  ExpectOpen311Error(Get("/open311/v2/requests.json?service_code=nope"), 400);
  ExpectOpen311Error(Get("/open311/v2/requests/9999999999.json"), 404);
  ExpectOpen311Error(Get("/open311/v2/requests/12345.json"), 404);

  // The same request is the section 5 report.
  HttpResult followed = Get("/api/v1/reports/" + by_station);
  ASSERT_EQ(followed.status, 200) << followed.body;
  EXPECT_EQ(Json(followed).at("station_code").as_string(), "SG001");
}

TEST_F(UpkeepApiTest, BadOrMissingValuesAre400InGeoReportsShape) {
  ExpectOpen311Error(PostForm("description=x&attribute%5Bstation%5D=SG001"), 400);
  ExpectOpen311Error(PostForm("service_code=bogus&description=x&attribute%5Bstation%5D=SG001"),
                     400);
  ExpectOpen311Error(PostForm("service_code=facility&attribute%5Bstation%5D=SG001"), 400);
  ExpectOpen311Error(PostForm("service_code=facility&description=&attribute%5Bstation%5D=SG001"),
                     400);
  ExpectOpen311Error(PostForm("service_code=facility&description=" + std::string(1001, 'x') +
                              "&attribute%5Bstation%5D=SG001"),
                     400);
  ExpectOpen311Error(PostForm("service_code=facility&description=x"), 400);
  ExpectOpen311Error(PostForm("service_code=facility&description=x&lat=36.88"), 400);
  ExpectOpen311Error(PostForm("service_code=facility&description=x&lat=abc&long=118.73"), 400);
  ExpectOpen311Error(PostForm("service_code=facility&description=x&lat=95&long=118.73"), 400);
  // Nothing open within 200 m: far away, or only the closed station.
  ExpectOpen311Error(PostForm("service_code=facility&description=x&lat=36.90&long=118.80"), 400);
  ExpectOpen311Error(PostForm("service_code=facility&description=x&lat=36.9001&long=118.7501"),
                     400);
  ExpectOpen311Error(PostForm("service_code=facility&description=x&attribute%5Bstation%5D=NOPE"),
                     400);
  ExpectOpen311Error(PostForm("service_code=facility&description=x&attribute%5Bstation%5D=SG001&"
                              "attribute%5Bamenity%5D=jetpack"),
                     400);
  ExpectOpen311Error(
      Http(*server_, "POST", "/open311/v2/requests.json", R"({"service_code":"facility"})",
           HttpHeaders{{"Content-Type", "application/json"}}),
      400);
  EXPECT_EQ(Json(Get("/open311/v2/requests.json")).as_array().size(), 0u);  // nothing half-written
}

TEST_F(UpkeepApiTest, TheSameReportFromOneDeviceIsOneRequest) {
  const std::string body =
      "service_code=facility&description=x&attribute%5Bstation%5D=SG001&attribute%5Bamenity%5D="
      "toilet"
      "&device_id=phone-1";
  const std::string first = FileOpen311(body);
  EXPECT_EQ(FileOpen311(body), first);
  HttpResult json = Http(
      *server_, "POST", "/api/v1/stations/SG001/reports",
      R"({"category":"facility","amenity":"toilet","description":"还是坏的","device_id":"phone-1"})",
      HttpHeaders{{"Content-Type", "application/json"}});
  ASSERT_EQ(json.status, 201);
  EXPECT_EQ(Json(json).at("report_id").as_string(), first);
  EXPECT_EQ(Json(Get("/open311/v2/requests.json")).as_array().size(), 1u);
}

TEST_F(UpkeepApiTest, TheReporterFollowsTheNumberAndTheStationPageSaysReported) {
  HttpResult filed =
      Http(*server_, "POST", "/api/v1/stations/SG001/reports",
           R"({"category":"facility","amenity":"microwave","description":"微波炉不转"})",
           HttpHeaders{{"Content-Type", "application/json"}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id(Json(filed).at("report_id").as_string());
  ASSERT_EQ(id.size(), 10u);

  HttpResult station = Get("/station/SG001");
  ASSERT_EQ(station.status, 200);
  EXPECT_NE(station.body.find("已报修"), std::string::npos);

  HttpResult lookup = Get("/r?n=" + FormatReportNumber(id).replace(3, 1, "+").replace(7, 1, "+"));
  ASSERT_EQ(lookup.status, 303) << lookup.body;
  EXPECT_EQ(lookup.Header("Location"), "/r/" + id);
  HttpResult page = Get("/r/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(FormatReportNumber(id)), std::string::npos);
  EXPECT_NE(page.body.find("已收到，等待站点负责人安排维修"), std::string::npos);
  EXPECT_NE(page.body.find("圣城街道环卫驿站"), std::string::npos);
  EXPECT_EQ(page.body.find("真的修好了吗"), std::string::npos);
  EXPECT_EQ(Get("/r/1234567890").status, 400);  // a failing check digit
  EXPECT_EQ(Get("/r/9999999999").status, 404);

  // The ticket is resolved in the console (straight through the service here).
  auto& tickets = *server_->app().store().tickets;
  Ticket t = **tickets.FindTicket(id);
  t.status = TicketStatus::kResolved;
  t.resolved_at = t.closed_at = t.updated_at = t.at;
  ASSERT_TRUE(
      tickets.ApplyChange({t, {t.at, "wang", "resolve", TicketStatus::kResolved, ""}, 1}).ok());
  EXPECT_EQ(Get("/station/SG001").body.find("已报修"), std::string::npos);
  HttpResult asked = Get("/r/" + id);
  EXPECT_NE(asked.body.find("真的修好了吗"), std::string::npos);
  EXPECT_EQ(
      Json(Get("/open311/v2/requests/" + id + ".json")).as_array()[0].at("status").as_string(),
      "closed");

  HttpResult not_fixed = Http(*server_, "POST", "/r/" + id + "/verdict", "fixed=0",
                              HttpHeaders{{"Content-Type", std::string(kForm)}});
  ASSERT_EQ(not_fixed.status, 303) << not_fixed.body;
  HttpResult json = Get("/api/v1/reports/" + id);
  EXPECT_EQ(Json(json).at("status").as_string(), "new");
  EXPECT_EQ(Json(json).at("closed").as_bool(), false);
  EXPECT_NE(Get("/station/SG001").body.find("已报修"), std::string::npos);
  EXPECT_EQ(Http(*server_, "POST", "/api/v1/reports/" + id + "/verdict", R"({"fixed":true})",
                 HttpHeaders{{"Content-Type", "application/json"}})
                .status,
            409);
}

TEST_F(UpkeepApiTest, TheReporterAddsPhotosFromTheSamePhoneAndOpen311LinksTheFirst) {
  HttpResult filed = Http(
      *server_, "POST", "/api/v1/stations/SG001/reports",
      R"({"category":"facility","amenity":"microwave","description":"微波炉坏了","device_id":"phone-1"})",
      HttpHeaders{{"Content-Type", "application/json"}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id(Json(filed).at("report_id").as_string());
  const std::string upload = "/api/v1/uploads/reports/" + id + "/photos";
  const auto send = [&](std::string_view body, std::string device) {
    HttpHeaders headers{{"Content-Type", "image/png"}};
    if (!device.empty()) headers.emplace_back("X-Device-Id", std::move(device));
    return Http(*server_, "POST", upload, body, headers);
  };
  // Only the phone that reported it; a picture, not anything.
  EXPECT_EQ(send(SmallPng(), "").status, 404);
  EXPECT_EQ(send(SmallPng(), "phone-2").status, 404);
  EXPECT_EQ(send("not a picture", "phone-1").status, 400);
  EXPECT_EQ(send(std::string(1024 * 1024 + 1, 'x'), "phone-1").status, 413);
  HttpResult added = send(SmallPng(), "phone-1");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string url(Json(added).at("url").as_string());
  EXPECT_EQ(url,
            "/api/v1/reports/" + id + "/photos/" + std::string(Json(added).at("file").as_string()));
  HttpResult photo = Get(url);
  ASSERT_EQ(photo.status, 200);
  EXPECT_EQ(photo.Header("Content-Type"), "image/jpeg");
  EXPECT_TRUE(photo.body.starts_with("\xFF\xD8")) << "re-encoded as JPEG";
  EXPECT_EQ(Get("/api/v1/reports/" + id + "/photos/other.jpg").status, 404);
  ASSERT_EQ(send(SmallPng(), "phone-1").status, 201);
  ASSERT_EQ(send(SmallPng(), "phone-1").status, 201);
  EXPECT_EQ(send(SmallPng(), "phone-1").status, 409);  // three at most

  EXPECT_EQ(Json(Get("/api/v1/reports/" + id)).at("photos").as_array().size(), 3u);
  HttpResult page = Get("/r/" + id);
  EXPECT_NE(page.body.find("<img src=\"" + url + "\""), std::string::npos);
  HttpResult open311 = Get("/open311/v2/requests/" + id + ".json");
  ASSERT_EQ(open311.status, 200);
  const std::string media(Json(open311).at(0).at("media_url").as_string());
  EXPECT_TRUE(media.starts_with("http")) << media;
  EXPECT_TRUE(media.ends_with(url)) << media;
  // A report filed without a device id takes no photos (nobody could prove it is theirs).
  HttpResult anonymous = Http(*server_, "POST", "/api/v1/stations/SG001/reports",
                              R"({"category":"cleanliness","description":"地上很脏"})",
                              HttpHeaders{{"Content-Type", "application/json"}});
  ASSERT_EQ(anonymous.status, 201);
  EXPECT_EQ(Http(*server_, "POST",
                 "/api/v1/uploads/reports/" +
                     std::string(Json(anonymous).at("report_id").as_string()) + "/photos",
                 SmallPng(), HttpHeaders{{"X-Device-Id", "phone-1"}})
                .status,
            404);
}

}  // namespace
}  // namespace yz
