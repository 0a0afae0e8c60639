// Section 5 of the pinned contract (public-api.md), tested in-process through the route table on
// the demo city (what `yizhan serve --demo` builds), and the body limit over HTTP against a real
// `yizhan serve --demo` process. The oracle is the demo city's station file itself
// (demo/shouguang_stations.csv) and brute force over it; coordinate conversions are checked against
// an independent copy of the published formulas, itself checked against the values of a widely used
// library.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <numbers>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/demo_city.h"
#include "app/http_test_client.h"
#include "app/in_process_server.h"
#include "app/test_support.h"
#include "core/crypto.h"
#include "core/geo.h"
#include "core/personal_data.h"
#include "domain/stations/search/search_query.h"
#include "domain/stations/station.h"

namespace yz {
namespace {

namespace json = boost::json;
using testing::Http;
using testing::HttpHeaders;
using testing::HttpResult;
using testing::ServerProcess;
using testing::TempDir;

constexpr std::string_view kPublicUrl = "https://yizhan.example.org";
constexpr double kEarthRadiusM = 6'371'008.8;
constexpr std::size_t kMaxBody = 65'536;

// ---------------------------------------------------------------------------------------------
// The oracle: the demo station file.

struct DemoStation {
  std::string code, name, address, host_type, level, status, opening_hours;
  std::string manager, phone, service_phone;  // phone: the manager's own mobile
  double lat = 0, lng = 0;
  std::set<std::string> working_amenities, broken_amenities, services;
};

// RFC 4180 records of `text` (quoted fields, doubled quotes, CRLF or LF).
std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::set<std::string> SplitBar(const std::string& text) {
  std::set<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto bar = text.find('|', start);
    out.insert(text.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

std::vector<DemoStation> LoadDemoStations() {
  const char* source = std::getenv("YIZHAN_SOURCE_DIR");
  const std::string path = std::string(source ? source : ".") + "/demo/shouguang_stations.csv";
  const auto rows = ParseCsv(testing::ReadText(path));
  if (rows.empty()) throw std::runtime_error("cannot read " + path + " (set YIZHAN_SOURCE_DIR)");
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < rows[0].size(); ++i) column[rows[0][i]] = i;
  std::vector<DemoStation> stations;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& f = rows[r];
    const auto get = [&](const char* name) { return f.at(column.at(name)); };
    DemoStation s;
    s.code = get("code");
    s.name = get("name");
    s.address = get("address");
    s.host_type = get("host_type");
    s.level = get("level");
    s.status = get("status");
    s.opening_hours = get("opening_hours");
    s.manager = get("manager");
    s.phone = get("phone");
    s.service_phone = get("service_phone");
    s.lat = std::stod(get("lat"));
    s.lng = std::stod(get("lng"));
    for (const auto& a : SplitBar(get("amenities"))) {
      if (a.ends_with(":broken"))
        s.broken_amenities.insert(a.substr(0, a.size() - 7));
      else
        s.working_amenities.insert(a);
    }
    s.services = SplitBar(get("services"));
    stations.push_back(std::move(s));
  }
  return stations;
}

double DistanceM(double lat1, double lng1, double lat2, double lng2) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlng = (lng2 - lng1) * kRad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

struct Expected {
  std::string code;
  double distance_m;
};

// Open stations passing `keep`, by distance then code: the brute-force answer of /nearby.
template <class Keep>
std::vector<Expected> BruteForce(const std::vector<DemoStation>& stations, double lat, double lng,
                                 std::size_t limit, Keep keep) {
  std::vector<Expected> out;
  for (const auto& s : stations) {
    if (s.status == "open" && keep(s)) out.push_back({s.code, DistanceM(lat, lng, s.lat, s.lng)});
  }
  std::sort(out.begin(), out.end(), [](const Expected& a, const Expected& b) {
    return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.code < b.code;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

// ---------------------------------------------------------------------------------------------
// An independent copy of the published GCJ-02 and BD-09 formulas (the ones of coordtransform).

struct LatLng {
  double lat, lng;
};

double OffsetLat(double x, double y) {
  constexpr double kPi = std::numbers::pi;
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double OffsetLng(double x, double y) {
  constexpr double kPi = std::numbers::pi;
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

LatLng ToGcj02(LatLng w) {
  constexpr double kPi = std::numbers::pi, kA = 6378245.0, kEe = 0.00669342162296594323;
  const double rad_lat = w.lat / 180.0 * kPi;
  const double magic = 1 - kEe * std::sin(rad_lat) * std::sin(rad_lat);
  const double sqrt_magic = std::sqrt(magic);
  const double d_lat = OffsetLat(w.lng - 105.0, w.lat - 35.0) * 180.0 /
                       ((kA * (1 - kEe)) / (magic * sqrt_magic) * kPi);
  const double d_lng =
      OffsetLng(w.lng - 105.0, w.lat - 35.0) * 180.0 / (kA / sqrt_magic * std::cos(rad_lat) * kPi);
  return {w.lat + d_lat, w.lng + d_lng};
}

LatLng GcjToBd09(LatLng g) {
  constexpr double kXPi = std::numbers::pi * 3000.0 / 180.0;
  const double z = std::sqrt(g.lng * g.lng + g.lat * g.lat) + 0.00002 * std::sin(g.lat * kXPi);
  const double theta = std::atan2(g.lat, g.lng) + 0.000003 * std::cos(g.lng * kXPi);
  return {z * std::sin(theta) + 0.006, z * std::cos(theta) + 0.0065};
}

// ---------------------------------------------------------------------------------------------
// HTTP and JSON helpers.

std::string UrlEncode(std::string_view s) {
  std::string out;
  for (const unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

json::value Json(const HttpResult& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  if (ec) ADD_FAILURE() << "not JSON (" << ec.message() << "): " << r.body.substr(0, 300);
  return ec ? json::value(nullptr) : v;
}

// The pinned error shape: status, JSON content type, {"error": {"code", "message"}} and nothing
// else; `code` empty accepts any code.
void ExpectError(const HttpResult& r, int status, std::string_view code) {
  EXPECT_EQ(r.status, status) << r.error << " " << r.body.substr(0, 300);
  EXPECT_TRUE(r.Header("Content-Type").starts_with("application/json")) << r.Header("Content-Type");
  const json::value v = Json(r);
  ASSERT_TRUE(v.is_object()) << r.body;
  ASSERT_EQ(v.as_object().size(), 1u) << r.body;
  const auto* error = v.as_object().if_contains("error");
  ASSERT_TRUE(error && error->is_object()) << r.body;
  const auto* c = error->as_object().if_contains("code");
  const auto* m = error->as_object().if_contains("message");
  ASSERT_TRUE(c && c->is_string()) << r.body;
  ASSERT_TRUE(m && m->is_string()) << r.body;
  if (!code.empty()) {
    EXPECT_EQ(c->as_string(), code) << r.body;
  }
  EXPECT_FALSE(m->as_string().empty()) << r.body;
}

std::string Repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

double Number(const json::value& v) { return v.to_number<double>(); }

// ---------------------------------------------------------------------------------------------
// Fixtures: one server per suite.

// A `serve --demo` process on a fresh data directory, with `extra` options: for the few tests of
// the HTTP layer itself (the body limit is the server's, not a handler's).
class DemoProcess {
 public:
  explicit DemoProcess(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {
        "serve",          "--demo",      "--data",       dir_ / "data",
        "--listen",       "127.0.0.1:0", "--public-url", std::string(kPublicUrl),
        "--no-access-log"};
    args.insert(args.end(), extra.begin(), extra.end());
    process_.emplace(ServerProcess::Start(std::move(args)));
  }
  int port() const { return process_->port(); }

 private:
  TempDir dir_;
  std::optional<ServerProcess> process_;
};

// The demonstration city served in-process (the composition root over a fresh store, requests
// through Router::Dispatch): what `serve --demo` builds, without a socket or a child process.
class DemoServer {
 public:
  explicit DemoServer(bool rate_limit) {
    auto store = OpenStore({.data_dir = dir_ / "data"});
    if (!store) throw std::runtime_error(store.error().message);
    auto loaded = LoadDemoCityIfEmpty(*store);
    if (!loaded) throw std::runtime_error(loaded.error().message);
    ServerAppConfig config;
    config.public_api.public_url = std::string(kPublicUrl);
    config.public_api.limits.enabled = rate_limit;
    config.access_log = false;
    config.run_jobs = false;
    config.photo_dir = std::filesystem::path(dir_ / "data") / "photos";
    auto app = ServerApp::Create(std::move(*store), std::move(config));
    if (!app) throw std::runtime_error(app.error().message);
    server_ = testing::InProcessServer::Adopt(std::move(*app));
  }
  HttpResult Send(std::string_view method, std::string_view target, std::string_view body = {},
                  const HttpHeaders& headers = {}) {
    return server_->Send(method, target, body, headers);
  }

 private:
  TempDir dir_;
  std::unique_ptr<testing::InProcessServer> server_;
};

// Base of the suites: starts its server once, and fails every test with the reason if it could not.
// The state is shared by the derived suites, which GoogleTest runs one after the other.
class ServerSuite : public ::testing::Test {
 protected:
  static void StartServer(bool rate_limit) {
    try {
      server_ = new DemoServer(rate_limit);
      stations_ = new std::vector<DemoStation>(LoadDemoStations());
    } catch (const std::exception& e) {
      start_error_ = e.what();
    }
  }
  static void StopServer() {
    delete server_;
    delete stations_;
    server_ = nullptr;
    stations_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(server_ && stations_) << start_error_; }

  static const std::vector<DemoStation>& stations() { return *stations_; }
  static const DemoStation& Station(std::string_view code) {
    for (const auto& s : *stations_) {
      if (s.code == code) return s;
    }
    throw std::runtime_error("no demo station " + std::string(code));
  }

  static HttpResult Send(std::string_view method, const std::string& target) {
    return server_->Send(method, target);
  }
  static HttpResult Get(const std::string& target) { return server_->Send("GET", target); }
  static HttpResult Post(const std::string& target, std::string_view body) {
    return server_->Send("POST", target, body, {{"Content-Type", "application/json"}});
  }
  // GET /api/v1/stations/nearby?QUERY, expected 200: its items.
  static json::array Nearby(const std::string& query) {
    const HttpResult r = Get("/api/v1/stations/nearby?" + query);
    EXPECT_EQ(r.status, 200) << query << " → " << r.error << r.body.substr(0, 300);
    const json::value v = Json(r);
    if (!v.is_object() || !v.as_object().contains("stations")) return {};
    return v.at("stations").as_array();
  }
  static std::vector<std::string> Codes(const json::array& items) {
    std::vector<std::string> codes;
    for (const auto& item : items) codes.emplace_back(item.at("code").as_string());
    return codes;
  }
  static std::string At(const DemoStation& s) {
    return fmt::format("lat={:.6f}&lng={:.6f}", s.lat, s.lng);
  }

  // POST a check-in or a rating; the caller checks the answer.
  static HttpResult Checkin(std::string_view code, std::string_view category,
                            std::optional<std::string> device = {}) {
    json::object body{{"worker_category", category}};
    if (device) body["device_id"] = *device;
    return Post(fmt::format("/api/v1/stations/{}/checkins", code), json::serialize(body));
  }
  static HttpResult Rate(std::string_view checkin_id, std::string_view token,
                         const json::value& stars, std::optional<std::string> comment = {}) {
    json::object body{{"token", token}, {"stars", stars}};
    if (comment) body["comment"] = *comment;
    return Post(fmt::format("/api/v1/checkins/{}/rating", checkin_id), json::serialize(body));
  }

  static inline DemoServer* server_ = nullptr;
  static inline std::vector<DemoStation>* stations_ = nullptr;
  static inline std::string start_error_;
};

// Nearly everything: a server without rate limits, so the tests never trip them.
class PublicApi : public ServerSuite {
 protected:
  static void SetUpTestSuite() { StartServer(false); }
  static void TearDownTestSuite() { StopServer(); }

  // Compares /nearby items with the brute-force answer: same codes in the same order, distances
  // to 0.15 m (the API rounds to 0.1 m).
  static void ExpectMatches(const json::array& items, const std::vector<Expected>& expected,
                            const std::string& what) {
    std::vector<std::string> want;
    for (const auto& e : expected) want.push_back(e.code);
    EXPECT_EQ(Codes(items), want) << what;
    for (std::size_t i = 0; i < std::min(items.size(), expected.size()); ++i) {
      EXPECT_NEAR(Number(items[i].at("distance_m")), expected[i].distance_m, 0.15)
          << what << " " << expected[i].code;
    }
  }
};

// The rate limits, with the default limits on a fresh server per test: an exhausted bucket must
// not leak into the next test.
class PublicApiRateLimits : public ServerSuite {
 protected:
  void SetUp() override {
    StartServer(true);
    ServerSuite::SetUp();
  }
  void TearDown() override { StopServer(); }
};

const auto kAll = [](const DemoStation&) { return true; };

// ---------------------------------------------------------------------------------------------
// Operations.

TEST_F(PublicApi, HealthzAnswersStatusOk) {
  const HttpResult r = Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.Header("Content-Type").starts_with("application/json"));
  EXPECT_EQ(Json(r), json::parse(R"({"status":"ok"})"));
}

TEST_F(PublicApi, MetricsCountRequestsByRouteAndCheckins) {
  ASSERT_EQ(Get("/healthz").status, 200);
  ASSERT_EQ(Checkin("SG-C021", "courier").status, 201);
  const HttpResult r = Get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.Header("Content-Type").starts_with("text/plain")) << r.Header("Content-Type");
  EXPECT_NE(r.body.find("yizhan_http_requests_total{route=\"/healthz\""), std::string::npos)
      << r.body.substr(0, 2000);
  EXPECT_NE(r.body.find("yizhan_http_requests_total{route=\"/api/v1/stations/{code}/"
                        "checkins\",method=\"POST\",status=\"201\"}"),
            std::string::npos);
  const auto at = r.body.find("yizhan_checkins_total{outcome=\"created\"} ");
  ASSERT_NE(at, std::string::npos) << r.body.substr(0, 2000);
  EXPECT_GE(
      std::atoi(r.body.c_str() + at + std::strlen("yizhan_checkins_total{outcome=\"created\"} ")),
      1)
      << "the 201 check-in above is counted";
  // Memory gauges: the search snapshot and the nearby-answer fragments, both non-zero on the demo.
  for (const char* gauge : {"yizhan_snapshot_bytes ", "yizhan_nearby_fragment_bytes "}) {
    const auto g = r.body.find(std::string("\n") + gauge);
    ASSERT_NE(g, std::string::npos) << gauge;
    EXPECT_GT(std::atof(r.body.c_str() + g + 1 + std::strlen(gauge)), 0.0) << gauge;
  }
}

TEST_F(PublicApi, UnknownRoutesAndMethodsAnswerThePinnedErrorShape) {
  ExpectError(Get("/api/v1/no-such-thing"), 404, "not_found");
  const HttpResult wrong_method = Send("DELETE", "/api/v1/stations/SG-C001");
  EXPECT_GE(wrong_method.status, 400);
  EXPECT_LT(wrong_method.status, 500);
  ExpectError(wrong_method, wrong_method.status, "");
}

TEST_F(PublicApi, OpenApiDocumentIsServedAsJson) {
  const HttpResult r = Get("/openapi.json");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.Header("Content-Type").starts_with("application/json"));
  const json::value v = Json(r);
  ASSERT_TRUE(v.is_object());
  EXPECT_TRUE(v.at("openapi").as_string().starts_with("3.1"));
  EXPECT_TRUE(v.at("paths").as_object().contains("/api/v1/stations/nearby"));
}

// ---------------------------------------------------------------------------------------------
// Nearby search.

TEST_F(PublicApi, NearbyOrdersOpenStationsByDistanceThenCodeLikeBruteForce) {
  const std::vector<std::pair<double, double>> origins = {
      {36.86, 118.74},
      {36.9, 118.8},
      {37.1, 118.6},
      {36.7, 118.95},
      {Station("SG-C001").lat, Station("SG-C001").lng},
      {39.915, 116.404}};
  for (const auto& [lat, lng] : origins) {
    const std::string where = fmt::format("lat={}&lng={}", lat, lng);
    ExpectMatches(Nearby(where + "&limit=100"), BruteForce(stations(), lat, lng, 100, kAll), where);
    ExpectMatches(Nearby(where + "&limit=7"), BruteForce(stations(), lat, lng, 7, kAll),
                  where + " limit 7");
  }
}

TEST_F(PublicApi, NearbyItemsCarryEveryFieldOfTheContract) {
  const json::array items = Nearby("lat=36.86&lng=118.74&limit=100");
  ASSERT_EQ(items.size(), 68u);
  for (const auto& value : items) {
    const json::object& item = value.as_object();
    const std::string code(item.at("code").as_string());
    const DemoStation& s = Station(code);
    EXPECT_EQ(item.at("name").as_string(), s.name);
    EXPECT_EQ(item.at("address").as_string(), s.address);
    EXPECT_NEAR(Number(item.at("lat")), s.lat, 1e-9) << code;
    EXPECT_NEAR(Number(item.at("lng")), s.lng, 1e-9) << code;
    EXPECT_GE(Number(item.at("distance_m")), 0) << code;
    EXPECT_EQ(item.at("host_type").as_string(), s.host_type) << code;
    EXPECT_EQ(item.at("level").as_string(), s.level) << code;
    std::set<std::string> amenities, services;
    for (const auto& a : item.at("amenities").as_array()) amenities.emplace(a.as_string());
    for (const auto& a : item.at("services").as_array()) services.emplace(a.as_string());
    EXPECT_EQ(amenities, s.working_amenities) << code << ": amenities lists only working ones";
    EXPECT_EQ(services, s.services) << code;
    if (s.opening_hours.empty()) {
      EXPECT_TRUE(item.at("opening_hours").is_null()) << code;
      EXPECT_TRUE(item.at("open_now").is_null()) << code;
    } else {
      EXPECT_EQ(item.at("opening_hours").as_string(), s.opening_hours) << code;
      EXPECT_TRUE(item.at("open_now").is_bool()) << code;
    }
    const json::object& rating = item.at("rating").as_object();
    EXPECT_TRUE(rating.at("average").is_null() || rating.at("average").is_number()) << code;
    EXPECT_TRUE(rating.at("count").is_int64() || rating.at("count").is_uint64()) << code;
    EXPECT_FALSE(item.contains("status")) << code;
  }
}

TEST_F(PublicApi, NearbyRejectsMissingMalformedOrOutOfRangeCoordinates) {
  for (const char* query : {"", "lat=36.86", "lng=118.74", "lat=&lng=118.74", "lat=abc&lng=118.74",
                            "lat=NaN&lng=118.74", "lat=inf&lng=118.74", "lat=36.86&lng=1e999",
                            "lat=90.0001&lng=118.74", "lat=-91&lng=118.74", "lat=36.86&lng=180.5",
                            "lat=36.86&lng=-181", "lat=36.86x&lng=118.74", "lat=0x10&lng=118.74"}) {
    SCOPED_TRACE(query);
    ExpectError(Get(std::string("/api/v1/stations/nearby?") + query), 400, "invalid_argument");
  }
  EXPECT_EQ(Nearby("lat=90&lng=180").size(), 10u) << "the bounds themselves are valid";
  EXPECT_EQ(Nearby("lat=-90&lng=-180").size(), 10u);
}

TEST_F(PublicApi, NearbyLimitDefaultsToTenAndMustBeFromOneToHundred) {
  EXPECT_EQ(Nearby("lat=36.86&lng=118.74").size(), 10u);
  EXPECT_EQ(Nearby("lat=36.86&lng=118.74&limit=1").size(), 1u);
  EXPECT_EQ(Nearby("lat=36.86&lng=118.74&limit=100").size(), 68u) << "every open station, no more";
  for (const char* limit : {"0", "101", "abc", "-1", "1.5", "", "10abc", "99999999999"}) {
    SCOPED_TRACE(limit);
    ExpectError(Get(std::string("/api/v1/stations/nearby?lat=36.86&lng=118.74&limit=") + limit),
                400, "invalid_argument");
  }
}

TEST_F(PublicApi, NearbyRadiusKeepsOnlyStationsWithinItAndMustBePositive) {
  for (const char* radius : {"0", "-5", "NaN", "abc", "inf", "", "-0"}) {
    SCOPED_TRACE(radius);
    ExpectError(Get(std::string("/api/v1/stations/nearby?lat=36.86&lng=118.74&radius_m=") + radius),
                400, "invalid_argument");
  }
  for (const double radius : {1.0, 800.0, 1500.0, 5000.5, 30000.0}) {
    auto expected = BruteForce(stations(), 36.86, 118.74, 100, kAll);
    std::erase_if(expected, [&](const Expected& e) { return e.distance_m > radius; });
    ExpectMatches(Nearby(fmt::format("lat=36.86&lng=118.74&limit=100&radius_m={}", radius)),
                  expected, fmt::format("radius {}", radius));
  }
  // A station exactly at the origin is within any radius.
  const DemoStation& s = Station("SG-C040");
  EXPECT_EQ(Codes(Nearby(At(s) + "&radius_m=0.001")), std::vector<std::string>{"SG-C040"});
}

TEST_F(PublicApi, NearbyRejectsUnknownCodesAndCrs) {
  for (const char* query : {"amenity=jacuzzi", "amenity=wifi,jacuzzi", "amenity=wifi,", "amenity=",
                            "service=massage", "service=legal_aid,,mediation", "host_type=castle",
                            "host_type=bank,castle", "crs=mercator", "crs=WGS84", "open_now=yes"}) {
    SCOPED_TRACE(query);
    ExpectError(Get(std::string("/api/v1/stations/nearby?lat=36.86&lng=118.74&") + query), 400,
                "invalid_argument");
  }
}

TEST_F(PublicApi, AmenityFilterKeepsStationsWhereEveryListedAmenityWorks) {
  for (const std::string amenities :
       {"microwave", "drinking_water", "cooling_heating", "aed", "aed,wifi",
        "toilet,microwave,drinking_water", "ebike_charging"}) {
    std::string copy = amenities;
    std::replace(copy.begin(), copy.end(), ',', '|');
    const auto wanted = SplitBar(copy);
    const auto expected = BruteForce(stations(), 36.86, 118.74, 100, [&](const DemoStation& s) {
      return std::includes(s.working_amenities.begin(), s.working_amenities.end(), wanted.begin(),
                           wanted.end());
    });
    ExpectMatches(Nearby("lat=36.86&lng=118.74&limit=100&amenity=" + amenities), expected,
                  amenities);
  }
  // The broken amenities of the demo city: out of order means not found.
  const auto codes = [&](const char* amenity) {
    const auto c = Codes(Nearby(std::string("lat=36.86&lng=118.74&limit=100&amenity=") + amenity));
    return std::set<std::string>(c.begin(), c.end());
  };
  EXPECT_FALSE(codes("microwave").contains("SG-C007"));
  EXPECT_FALSE(codes("drinking_water").contains("SG-C038"));
  EXPECT_FALSE(codes("cooling_heating").contains("SG-T012"));
  EXPECT_TRUE(codes("toilet").contains("SG-C007"));
  EXPECT_EQ(codes("aed"), (std::set<std::string>{"SG-C040", "SG-C041"}));
}

TEST_F(PublicApi, ServiceFilterKeepsStationsOfferingEveryListedService) {
  for (const std::string services :
       {"legal_aid", "legal_aid,mediation", "reading_room", "micro_wish,insurance", "activities"}) {
    std::string copy = services;
    std::replace(copy.begin(), copy.end(), ',', '|');
    const auto wanted = SplitBar(copy);
    const auto expected = BruteForce(stations(), 36.86, 118.74, 100, [&](const DemoStation& s) {
      return std::includes(s.services.begin(), s.services.end(), wanted.begin(), wanted.end());
    });
    ExpectMatches(Nearby("lat=36.86&lng=118.74&limit=100&service=" + services), expected, services);
  }
}

TEST_F(PublicApi, HostTypeFilterKeepsStationsOfAnyListedType) {
  for (const std::string types :
       {"bank", "bank,union", "gas_station,transit,post_express", "enterprise"}) {
    std::string copy = types;
    std::replace(copy.begin(), copy.end(), ',', '|');
    const auto wanted = SplitBar(copy);
    const auto expected = BruteForce(stations(), 36.86, 118.74, 100, [&](const DemoStation& s) {
      return wanted.contains(s.host_type);
    });
    ExpectMatches(Nearby("lat=36.86&lng=118.74&limit=100&host_type=" + types), expected, types);
  }
  EXPECT_TRUE(Nearby("lat=36.86&lng=118.74&host_type=enterprise").empty());
}

TEST_F(PublicApi, OpenNowIsEvaluatedAtTheGivenInstantInStationLocalTime) {
  // SG-C001: "Mo-Fr 08:30-12:00,13:30-17:30"; 2026-07-01 is a Wednesday.
  const std::string c001 = At(Station("SG-C001")) + "&limit=1&at=";
  const auto open_now = [&](const char* at) {
    const json::array items = Nearby(c001 + UrlEncode(at));
    return items.empty() ? json::value("missing") : items[0].at("open_now");
  };
  EXPECT_EQ(open_now("2026-07-01T09:00:00+08:00"), json::value(true));
  EXPECT_EQ(open_now("2026-07-01T01:00:00Z"), json::value(true)) << "the same instant in UTC";
  EXPECT_EQ(open_now("2026-06-30T20:00:00-05:00"), json::value(true))
      << "the same instant at UTC−5";
  EXPECT_EQ(open_now("2026-07-01T08:29:59+08:00"), json::value(false));
  EXPECT_EQ(open_now("2026-07-01T12:30:00+08:00"), json::value(false)) << "the lunch break";
  EXPECT_EQ(open_now("2026-07-01T09:00:00+00:00"), json::value(true)) << "17:00 local";
  EXPECT_EQ(open_now("2026-07-01T09:45:00+00:00"), json::value(false)) << "17:45 local";
  EXPECT_EQ(open_now("2026-07-04T10:00:00+08:00"), json::value(false)) << "a Saturday";

  // SG-C007: "Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00", the second rule replacing the first at
  // weekends.
  const std::string c007 = At(Station("SG-C007")) + "&limit=1&at=";
  const auto open_c007 = [&](const char* at) {
    return Nearby(c007 + UrlEncode(at)).at(0).at("open_now");
  };
  EXPECT_EQ(open_c007("2026-07-01T08:30:00+08:00"), json::value(true)) << "Wednesday";
  EXPECT_EQ(open_c007("2026-07-04T08:30:00+08:00"), json::value(false)) << "Saturday before 09:00";
  EXPECT_EQ(open_c007("2026-07-04T16:30:00+08:00"), json::value(true)) << "Saturday";
  EXPECT_EQ(open_c007("2026-07-05T17:30:00+08:00"), json::value(false)) << "Sunday after 17:00";
}

TEST_F(PublicApi, OpenNowFilterKeepsOnlyStationsKnownToBeOpen) {
  for (const char* at : {"2026-07-01T03:00:00+08:00", "2026-07-01T10:00:00+08:00",
                         "2026-07-04T10:00:00+08:00", "2026-07-01T20:30:00+08:00"}) {
    SCOPED_TRACE(at);
    const std::string base = "lat=36.86&lng=118.74&limit=100&at=" + UrlEncode(at);
    const json::array all = Nearby(base);
    ASSERT_EQ(all.size(), 68u);
    json::array expected_items;
    for (const auto& item : all) {
      if (item.at("open_now") == json::value(true)) expected_items.push_back(item);
    }
    const json::array filtered = Nearby(base + "&open_now=1");
    EXPECT_EQ(Codes(filtered), Codes(expected_items));
    for (const auto& item : filtered) EXPECT_EQ(item.at("open_now"), json::value(true));
    for (const auto& code : Codes(filtered)) {
      EXPECT_NE(code, "SG-C048") << "unknown hours never pass";
      EXPECT_NE(code, "SG-T016") << "unknown hours never pass";
    }
    EXPECT_EQ(Codes(Nearby(base + "&open_now=0")), Codes(all));
  }
}

TEST_F(PublicApi, UnknownOpeningHoursGiveNullOpenNow) {
  for (const char* code : {"SG-C048", "SG-T016"}) {
    const json::array items =
        Nearby(At(Station(code)) + "&limit=1&at=" + UrlEncode("2026-07-01T10:00:00+08:00"));
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].at("code").as_string(), code);
    EXPECT_TRUE(items[0].at("open_now").is_null()) << code;
    EXPECT_TRUE(items[0].at("opening_hours").is_null()) << code;
  }
}

TEST_F(PublicApi, NearbyRejectsAnAtWithoutOffsetOrMalformed) {
  for (const char* at :
       {"2026-07-01T09:00:00", "2026-07-01", "2026-13-01T09:00:00+08:00", "2026-07-01T25:00:00Z",
        "yesterday", "", "2026-07-01 09:00:00+0800", "1751331600"}) {
    SCOPED_TRACE(at);
    ExpectError(Get("/api/v1/stations/nearby?lat=36.86&lng=118.74&at=" + UrlEncode(at)), 400,
                "invalid_argument");
  }
  EXPECT_EQ(Nearby("lat=36.86&lng=118.74&at=" + UrlEncode("2026-07-01T09:00:00.250+08:00")).size(),
            10u)
      << "fractional seconds are RFC 3339";
}

TEST_F(PublicApi, ReferenceConversionFormulasMatchAPublishedLibrary) {
  // coordtransform (wandergis), test/app.js: wgs84togcj02 and gcj02tobd09 of (116.404, 39.915).
  const LatLng gcj = ToGcj02({39.915, 116.404});
  EXPECT_NEAR(gcj.lng, 116.41024449916938, 1e-9);
  EXPECT_NEAR(gcj.lat, 39.91640428150164, 1e-9);
  const LatLng bd = GcjToBd09({39.915, 116.404});
  EXPECT_NEAR(bd.lng, 116.41036949371029, 1e-9);
  EXPECT_NEAR(bd.lat, 39.92133699351021, 1e-9);
}

TEST_F(PublicApi, CrsGivesOutputCoordinatesInThatSystemAndReadsInputInIt) {
  for (const char* code : {"SG-C001", "SG-T012", "SG-C040"}) {
    const DemoStation& s = Station(code);
    const LatLng gcj = ToGcj02({s.lat, s.lng});
    const LatLng bd = GcjToBd09(gcj);
    for (const auto& [crs, p] : {std::pair{"gcj02", gcj}, std::pair{"bd09", bd}}) {
      SCOPED_TRACE(std::string(code) + " " + crs);
      // The station's own position, given in `crs`: it is found at distance 0 and returned in
      // `crs`.
      const json::array items =
          Nearby(fmt::format("lat={:.9f}&lng={:.9f}&crs={}&limit=3", p.lat, p.lng, crs));
      ASSERT_FALSE(items.empty());
      EXPECT_EQ(items[0].at("code").as_string(), code);
      EXPECT_LT(Number(items[0].at("distance_m")), 0.5);
      EXPECT_LT(DistanceM(Number(items[0].at("lat")), Number(items[0].at("lng")), p.lat, p.lng),
                0.5);
      // Every distance equals the one of the same query in WGS-84.
      const json::array wgs = Nearby(fmt::format("lat={:.9f}&lng={:.9f}&limit=3", s.lat, s.lng));
      EXPECT_EQ(Codes(items), Codes(wgs));
      for (std::size_t i = 0; i < std::min(items.size(), wgs.size()); ++i) {
        EXPECT_NEAR(Number(items[i].at("distance_m")), Number(wgs[i].at("distance_m")), 0.5);
        const DemoStation& other = Station(std::string(items[i].at("code").as_string()));
        const LatLng other_gcj = ToGcj02({other.lat, other.lng});
        const LatLng other_p = std::string_view(crs) == "gcj02" ? other_gcj : GcjToBd09(other_gcj);
        EXPECT_LT(DistanceM(Number(items[i].at("lat")), Number(items[i].at("lng")), other_p.lat,
                            other_p.lng),
                  0.5);
      }
    }
  }
  const json::array wgs = Nearby("lat=36.86&lng=118.74&crs=wgs84&limit=1");
  ASSERT_EQ(wgs.size(), 1u);
  const DemoStation& first = Station(std::string(wgs[0].at("code").as_string()));
  EXPECT_NEAR(Number(wgs[0].at("lat")), first.lat, 1e-9);
}

TEST_F(PublicApi, NonOpenStationsAreNeverFoundByNearby) {
  for (const char* code : {"SG-C011", "SG-C029"}) {
    const auto codes = Codes(Nearby(At(Station(code)) + "&limit=100"));
    EXPECT_EQ(std::count(codes.begin(), codes.end(), code), 0) << code;
  }
}

// ---------------------------------------------------------------------------------------------
// Station detail and GeoJSON.

TEST_F(PublicApi, StationDetailReturnsTheStationWithStatusPhotosAndCheckinUrl) {
  const HttpResult r = Get("/api/v1/stations/SG-C001");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.Header("Content-Type").starts_with("application/json"));
  const json::object item = Json(r).as_object();
  const DemoStation& s = Station("SG-C001");
  EXPECT_EQ(item.at("code").as_string(), s.code);
  EXPECT_EQ(item.at("name").as_string(), s.name);
  EXPECT_EQ(item.at("address").as_string(), s.address);
  EXPECT_NEAR(Number(item.at("lat")), s.lat, 1e-9);
  EXPECT_NEAR(Number(item.at("lng")), s.lng, 1e-9);
  EXPECT_EQ(item.at("status").as_string(), "open");
  EXPECT_TRUE(item.at("photos").is_array());
  EXPECT_EQ(item.at("checkin_url").as_string(), std::string(kPublicUrl) + "/s/SG-C001");
  EXPECT_EQ(item.at("opening_hours").as_string(), s.opening_hours);
  EXPECT_TRUE(item.at("open_now").is_bool());
  EXPECT_TRUE(item.at("rating").is_object());
  EXPECT_TRUE(item.at("amenities").is_array());
  EXPECT_TRUE(item.at("services").is_array());
  EXPECT_EQ(item.at("host_type").as_string(), s.host_type);
  EXPECT_EQ(item.at("level").as_string(), s.level);
  EXPECT_FALSE(item.contains("distance_m"));
}

TEST_F(PublicApi, StationDetailAnswersStationsThatAreNotOpen) {
  for (const auto& [code, status] :
       {std::pair{"SG-C011", "suspended"}, std::pair{"SG-C029", "building"}}) {
    const HttpResult r = Get(std::string("/api/v1/stations/") + code);
    ASSERT_EQ(r.status, 200) << code;
    EXPECT_EQ(Json(r).at("status").as_string(), status);
    EXPECT_EQ(Json(r).at("checkin_url").as_string(), std::string(kPublicUrl) + "/s/" + code);
  }
}

TEST_F(PublicApi, UnknownStationIsNotFoundWithThePinnedErrorShape) {
  ExpectError(Get("/api/v1/stations/SG-X999"), 404, "not_found");
  ExpectError(Get("/api/v1/stations/sg-c001"), 404, "not_found");
  ExpectError(Get("/api/v1/stations/" + std::string(40, 'A')), 404, "not_found");
}

TEST_F(PublicApi, GeoJsonListsOpenStationsAsLngLatPoints) {
  const HttpResult r = Get("/api/v1/stations.geojson");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.Header("Content-Type").starts_with("application/geo+json"))
      << r.Header("Content-Type");
  const json::value v = Json(r);
  EXPECT_EQ(v.at("type").as_string(), "FeatureCollection");
  std::set<std::string> codes;
  for (const auto& feature : v.at("features").as_array()) {
    EXPECT_EQ(feature.at("type").as_string(), "Feature");
    const json::object& properties = feature.at("properties").as_object();
    const std::string code(properties.at("code").as_string());
    const DemoStation& s = Station(code);
    EXPECT_EQ(s.status, "open") << code;
    EXPECT_EQ(properties.at("name").as_string(), s.name);
    EXPECT_EQ(feature.at("geometry").at("type").as_string(), "Point");
    const json::array& point = feature.at("geometry").at("coordinates").as_array();
    ASSERT_EQ(point.size(), 2u);
    EXPECT_NEAR(Number(point[0]), s.lng, 1e-9) << code << ": [lng, lat]";
    EXPECT_NEAR(Number(point[1]), s.lat, 1e-9) << code << ": [lng, lat]";
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), 68u);
  EXPECT_FALSE(codes.contains("SG-C011"));
  EXPECT_FALSE(codes.contains("SG-C029"));
}

// The national GeoJSON is built once and then served from memory: the same answer and ETag to
// every request, 304 to a client that has it, gzip for one that accepts it; a rating moves it.
TEST_F(PublicApi, GeoJsonIsBuiltOnceServedWithAnETagAndMovesWithARating) {
  const HttpResult first = Get("/api/v1/stations.geojson");
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.Header("ETag");
  ASSERT_FALSE(etag.empty());
  const HttpResult second = Get("/api/v1/stations.geojson");
  EXPECT_EQ(second.Header("ETag"), etag);
  EXPECT_EQ(second.body, first.body);
  const HttpResult unchanged =
      server_->Send("GET", "/api/v1/stations.geojson", {}, {{"If-None-Match", etag}});
  EXPECT_EQ(unchanged.status, 304);
  EXPECT_TRUE(unchanged.body.empty());
  const HttpResult gzipped =
      server_->Send("GET", "/api/v1/stations.geojson", {}, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gzipped.Header("Content-Encoding"), "gzip");
  EXPECT_LT(gzipped.body.size(), first.body.size() / 4);

  const json::value checkin = Json(Checkin("SG-C016", "courier", "device-geojson-1"));
  ASSERT_EQ(Rate(std::string(checkin.at("checkin_id").as_string()),
                 std::string(checkin.at("rating_token").as_string()), 5)
                .status,
            201);
  const HttpResult rated = Get("/api/v1/stations.geojson");
  EXPECT_NE(rated.Header("ETag"), etag);
  EXPECT_EQ(server_->Send("GET", "/api/v1/stations.geojson", {}, {{"If-None-Match", etag}}).status,
            200);
}

// ---------------------------------------------------------------------------------------------
// Check-ins.

TEST_F(PublicApi, CheckinCreatesARecordWithIdAndRatingToken) {
  const HttpResult r = Checkin("SG-C002", "sanitation", "device-create-1");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(r.Header("Content-Type").starts_with("application/json"));
  const json::value v = Json(r);
  EXPECT_FALSE(v.at("checkin_id").as_string().empty());
  EXPECT_FALSE(v.at("rating_token").as_string().empty());
}

TEST_F(PublicApi,
       SameDeviceAtTheSameStationWithinThirtyMinutesGetsTheSameCheckinWhateverTheCategory) {
  const HttpResult first = Checkin("SG-C003", "courier", "device-repeat-1");
  ASSERT_EQ(first.status, 201) << first.body;
  for (const char* category : {"courier", "delivery", "other"}) {
    const HttpResult again = Checkin("SG-C003", category, "device-repeat-1");
    EXPECT_EQ(again.status, 200) << category << " " << again.body;
    EXPECT_EQ(Json(again).at("checkin_id"), Json(first).at("checkin_id"));
    EXPECT_EQ(Json(again).at("rating_token"), Json(first).at("rating_token"));
  }
  const HttpResult other_device = Checkin("SG-C003", "courier", "device-repeat-2");
  EXPECT_EQ(other_device.status, 201);
  EXPECT_NE(Json(other_device).at("checkin_id"), Json(first).at("checkin_id"));
  const HttpResult other_station = Checkin("SG-C004", "courier", "device-repeat-1");
  EXPECT_EQ(other_station.status, 201);
  EXPECT_NE(Json(other_station).at("checkin_id"), Json(first).at("checkin_id"));
}

TEST_F(PublicApi, CheckinWithoutDeviceIdAlwaysCreatesANewRecord) {
  std::set<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    const HttpResult r = Checkin("SG-C005", "driver");
    ASSERT_EQ(r.status, 201) << r.body;
    ids.emplace(Json(r).at("checkin_id").as_string());
  }
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(
      Post("/api/v1/stations/SG-C005/checkins", R"({"worker_category":"driver","device_id":null})")
          .status,
      201);
}

TEST_F(PublicApi, CheckinAcceptsEveryWorkerCategory) {
  for (const char* category : {"sanitation", "landscaping", "courier", "delivery", "driver",
                               "traffic_police", "construction", "domestic", "other"}) {
    EXPECT_EQ(Checkin("SG-C006", category).status, 201) << category;
  }
}

TEST_F(PublicApi, CheckinAtAnUnknownStationIsNotFound) {
  ExpectError(Checkin("SG-X999", "courier", "device-unknown"), 404, "not_found");
}

TEST_F(PublicApi, CheckinAtAStationThatIsNotOpenIsAConflict) {
  ExpectError(Checkin("SG-C011", "courier", "device-closed"), 409, "conflict");
  ExpectError(Checkin("SG-C029", "courier"), 409, "conflict");
}

TEST_F(PublicApi, CheckinRejectsABadCategoryOrDeviceId) {
  ExpectError(Checkin("SG-C008", "astronaut"), 400, "invalid_argument");
  ExpectError(Checkin("SG-C008", "Courier"), 400, "invalid_argument");
  ExpectError(Checkin("SG-C008", ""), 400, "invalid_argument");
  ExpectError(Post("/api/v1/stations/SG-C008/checkins", R"({})"), 400, "invalid_argument");
  ExpectError(Post("/api/v1/stations/SG-C008/checkins", R"({"worker_category":7})"), 400,
              "invalid_argument");
  ExpectError(
      Post("/api/v1/stations/SG-C008/checkins", R"({"worker_category":"courier","device_id":7})"),
      400, "invalid_argument");
  ExpectError(Checkin("SG-C008", "courier", ""), 400, "invalid_argument");
  ExpectError(Checkin("SG-C008", "courier", std::string(129, 'd')), 400, "invalid_argument");
  ExpectError(Checkin("SG-C008", "courier", "tab\tinside"), 400, "invalid_argument");
  EXPECT_EQ(Checkin("SG-C008", "courier", std::string(128, 'd')).status, 201);
}

TEST_F(PublicApi, WriteEndpointsRejectMalformedOrNonObjectJson) {
  const HttpResult checkin = Checkin("SG-C009", "courier");
  ASSERT_EQ(checkin.status, 201);
  const std::string rating_target = fmt::format(
      "/api/v1/checkins/{}/rating", std::string(Json(checkin).at("checkin_id").as_string()));
  for (const std::string& target : {std::string("/api/v1/stations/SG-C009/checkins"), rating_target,
                                    std::string("/api/v1/stations/SG-C009/reports")}) {
    for (const char* body : {"{", R"({"worker_category":)", "not json", "", "[]", R"("courier")",
                             "42", "null", R"([{"worker_category":"courier"}])", R"({"a":1}{)"}) {
      SCOPED_TRACE(target + " ← " + body);
      ExpectError(Post(target, body), 400, "invalid_argument");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Ratings.

TEST_F(PublicApi, RatingIsAcceptedOnceWithItsToken) {
  const json::value checkin = Json(Checkin("SG-C012", "delivery"));
  const std::string id(checkin.at("checkin_id").as_string()),
      token(checkin.at("rating_token").as_string());
  const HttpResult first = Rate(id, token, 4, "很好");
  EXPECT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(first.Header("Content-Type").starts_with("application/json"));
  ExpectError(Rate(id, token, 5), 409, "conflict");
  ExpectError(Rate(id, token, 4, "很好"), 409, "conflict");
}

TEST_F(PublicApi, RatingWithAWrongTokenIsForbidden) {
  const json::value checkin = Json(Checkin("SG-C013", "delivery"));
  const std::string id(checkin.at("checkin_id").as_string()),
      token(checkin.at("rating_token").as_string());
  ExpectError(Rate(id, token + "x", 5), 403, "forbidden");
  ExpectError(Rate(id, "", 5), 403, "forbidden");
  const json::value other = Json(Checkin("SG-C013", "delivery"));
  // Another check-in's token.
  ExpectError(Rate(id, std::string(other.at("rating_token").as_string()), 5), 403, "forbidden");
  EXPECT_EQ(Rate(id, token, 5).status, 201) << "refusals do not use the rating up";
}

TEST_F(PublicApi, RatingOfAnUnknownCheckinIsNotFound) {
  ExpectError(Rate("no-such-checkin", "token", 5), 404, "not_found");
  ExpectError(Rate("AAAAAAAAAAAAAAAA", "token", 5), 404, "not_found");
}

TEST_F(PublicApi, RatingRejectsStarsOutsideOneToFiveOrNotAnInteger) {
  const json::value checkin = Json(Checkin("SG-C014", "delivery"));
  const std::string id(checkin.at("checkin_id").as_string()),
      token(checkin.at("rating_token").as_string());
  for (const json::value& stars :
       {json::value(0), json::value(6), json::value(3.5), json::value("4"), json::value(-1),
        json::value(nullptr), json::value(1e300), json::value(true), json::value(json::array{4})}) {
    SCOPED_TRACE(json::serialize(stars));
    ExpectError(Rate(id, token, stars), 400, "invalid_argument");
  }
  ExpectError(Post(fmt::format("/api/v1/checkins/{}/rating", id),
                   json::serialize(json::object{{"token", token}})),
              400, "invalid_argument");
  ExpectError(Post(fmt::format("/api/v1/checkins/{}/rating", id),
                   json::serialize(json::object{{"stars", 4}})),
              400, "invalid_argument");
  EXPECT_EQ(Rate(id, token, 1).status, 201);
}

TEST_F(PublicApi, RatingCommentLimitCountsCodePointsNotBytes) {
  const json::value a = Json(Checkin("SG-C015", "delivery"));
  const json::value b = Json(Checkin("SG-C015", "delivery"));
  // 501 Chinese characters (1,503 bytes) are refused, 500 (1,500 bytes) accepted.
  ExpectError(Rate(std::string(a.at("checkin_id").as_string()),
                   std::string(a.at("rating_token").as_string()), 3, Repeat("好", 501)),
              400, "invalid_argument");
  EXPECT_EQ(Rate(std::string(a.at("checkin_id").as_string()),
                 std::string(a.at("rating_token").as_string()), 3, Repeat("好", 500))
                .status,
            201);
  EXPECT_EQ(Rate(std::string(b.at("checkin_id").as_string()),
                 std::string(b.at("rating_token").as_string()), 3, Repeat("😀", 500))
                .status,
            201)
      << "500 characters outside the BMP";
}

TEST_F(PublicApi, RatingIsReflectedAtOnceInNearbyAndDetail) {
  const DemoStation& s = Station("SG-C016");
  const auto rating_of_detail = [&] { return Json(Get("/api/v1/stations/SG-C016")).at("rating"); };
  const auto rating_of_nearby = [&] {
    const json::array items = Nearby(At(s) + "&limit=1");
    return items.empty() ? json::value(nullptr) : items[0].at("rating");
  };
  const json::value before = rating_of_detail();
  EXPECT_EQ(before, rating_of_nearby());
  const int64_t count = before.at("count").to_number<int64_t>();
  const double sum = before.at("average").is_null()
                         ? 0.0
                         : Number(before.at("average")) * static_cast<double>(count);

  for (const int stars : {5, 2}) {
    const json::value c = Json(Checkin("SG-C016", "construction"));
    ASSERT_EQ(Rate(std::string(c.at("checkin_id").as_string()),
                   std::string(c.at("rating_token").as_string()), stars)
                  .status,
              201);
  }
  for (const json::value& after : {rating_of_detail(), rating_of_nearby()}) {
    EXPECT_EQ(after.at("count").to_number<int64_t>(), count + 2);
    EXPECT_NEAR(Number(after.at("average")), (sum + 7) / static_cast<double>(count + 2), 0.01);
  }
}

// ---------------------------------------------------------------------------------------------
// Reports.

TEST_F(PublicApi, ReportIsAcceptedForEveryCategory) {
  std::set<std::string> ids;
  for (const char* category :
       {"facility", "supplies", "cleanliness", "safety", "suggestion", "other"}) {
    const HttpResult r = Post(
        "/api/v1/stations/SG-C017/reports",
        json::serialize(json::object{{"category", category}, {"description", "饮水机没有水了"}}));
    EXPECT_EQ(r.status, 201) << category << " " << r.body;
    ids.emplace(Json(r).at("report_id").as_string());
  }
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_EQ(Post("/api/v1/stations/SG-C017/reports",
                 json::serialize(json::object{
                     {"category", "facility"}, {"amenity", "microwave"}, {"description", "坏了"}}))
                .status,
            201);
}

TEST_F(PublicApi, ReportRejectsBadCategoryAmenityOrDescriptionLength) {
  const auto report = [&](json::object body) {
    return Post("/api/v1/stations/SG-C018/reports", json::serialize(body));
  };
  ExpectError(report({{"category", "facility"}, {"description", ""}}), 400, "invalid_argument");
  ExpectError(report({{"category", "facility"}}), 400, "invalid_argument");
  ExpectError(report({{"category", "facility"}, {"description", Repeat("坏", 1001)}}), 400,
              "invalid_argument");
  EXPECT_EQ(report({{"category", "facility"}, {"description", Repeat("坏", 1000)}}).status, 201);
  ExpectError(report({{"category", "facility"}, {"amenity", "jacuzzi"}, {"description", "x"}}), 400,
              "invalid_argument");
  ExpectError(report({{"category", "complaint"}, {"description", "x"}}), 400, "invalid_argument");
  ExpectError(report({{"description", "x"}}), 400, "invalid_argument");
  ExpectError(report({{"category", "facility"}, {"description", 5}}), 400, "invalid_argument");
}

TEST_F(PublicApi, ReportAtAnUnknownStationIsNotFound) {
  ExpectError(Post("/api/v1/stations/SG-X999/reports",
                   json::serialize(json::object{{"category", "other"}, {"description", "找不到"}})),
              404, "not_found");
}

// ---------------------------------------------------------------------------------------------
// QR codes and the check-in page.

// The text zbarimg reads from the image file `path`, or "" with the reason in `why`.
std::string ZbarDecode(const std::string& path, std::string& why) {
  const std::string out = path + ".txt", err = path + ".err";
  const int status =
      std::system(("zbarimg -q --raw '" + path + "' >'" + out + "' 2>'" + err + "'").c_str());
  std::string text = testing::ReadText(out);
  if (status != 0) {
    why = "zbarimg failed (status " + std::to_string(status) +
          "; zbar-tools comes with scripts/install-deps.sh): " + testing::ReadText(err);
    return {};
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// The value of attribute `name` in the tag text `tag`, or "".
std::string Attribute(std::string_view tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const auto at = tag.find(key);
  if (at == std::string_view::npos) return {};
  const auto end = tag.find('"', at + key.size());
  return std::string(tag.substr(at + key.size(), end - at - key.size()));
}

// Rasterises the dark shapes of a QR code SVG (`<rect>`s and `<path>`s of straight lines: M, L,
// H, V, Z, absolute or relative; even-odd fill) into a binary PGM of `scale` pixels per unit with
// a white margin. zbarimg reads SVG only through an external delegate (rsvg-convert) that
// Debian's zbar-tools does not pull in, so the test draws the SVG itself.
std::string SvgToPgm(std::string_view svg, int scale, std::string& why) {
  const auto svg_tag_end = svg.find('>', svg.find("<svg"));
  const std::string view_box = Attribute(svg.substr(0, svg_tag_end), "viewBox");
  double vx = 0, vy = 0, vw = 0, vh = 0;
  if (std::sscanf(view_box.c_str(), "%lf %lf %lf %lf", &vx, &vy, &vw, &vh) != 4 || vw <= 0 ||
      vh <= 0) {
    why = "no viewBox in the SVG";
    return {};
  }
  struct Edge {
    double x0, y0, x1, y1;
  };
  std::vector<Edge> edges;
  const auto is_dark = [](const std::string& fill) {
    return fill != "#fff" && fill != "#ffffff" && fill != "white" && fill != "none";
  };
  for (std::size_t at = svg.find('<'); at != std::string_view::npos; at = svg.find('<', at + 1)) {
    const std::string_view tag = svg.substr(at, svg.find('>', at) - at);
    if (tag.starts_with("<rect") && is_dark(Attribute(tag, "fill"))) {
      const double x = std::atof(Attribute(tag, "x").c_str()),
                   y = std::atof(Attribute(tag, "y").c_str());
      const double w = std::atof(Attribute(tag, "width").c_str()),
                   h = std::atof(Attribute(tag, "height").c_str());
      edges.push_back({x, y, x, y + h});
      edges.push_back({x + w, y, x + w, y + h});
    } else if (tag.starts_with("<path") && is_dark(Attribute(tag, "fill"))) {
      const std::string d = Attribute(tag, "d");
      double cx = 0, cy = 0, sx = 0, sy = 0;
      char command = 0;
      std::size_t i = 0;
      const auto number = [&]() {
        while (i < d.size() && (d[i] == ' ' || d[i] == ',')) ++i;
        char* end = nullptr;
        const double v = std::strtod(d.c_str() + i, &end);
        i = static_cast<std::size_t>(end - d.c_str());
        return v;
      };
      const auto line_to = [&](double x, double y) {
        edges.push_back({cx, cy, x, y});
        cx = x, cy = y;
      };
      while (i < d.size()) {
        if (d[i] == ' ' || d[i] == ',') {
          ++i;
          continue;
        }
        if (std::isalpha(static_cast<unsigned char>(d[i]))) command = d[i++];
        switch (command) {
          case 'M':
            cx = sx = number(), cy = sy = number(), command = 'L';
            break;
          case 'm':
            cx = sx = cx + number(), cy = sy = cy + number(), command = 'l';
            break;
          case 'L': {
            const double x = number();
            line_to(x, number());
            break;
          }
          case 'l': {
            const double x = cx + number();
            line_to(x, cy + number());
            break;
          }
          case 'H':
            line_to(number(), cy);
            break;
          case 'h':
            line_to(cx + number(), cy);
            break;
          case 'V':
            line_to(cx, number());
            break;
          case 'v':
            line_to(cx, cy + number());
            break;
          case 'Z':
          case 'z':
            line_to(sx, sy);
            break;
          default:
            why = std::string("unsupported SVG path command '") + command + "'";
            return {};
        }
      }
    }
  }
  if (edges.empty()) {
    why = "no dark shapes in the SVG";
    return {};
  }
  const int margin = 4 * scale;
  const int width = static_cast<int>(vw * scale) + 2 * margin,
            height = static_cast<int>(vh * scale) + 2 * margin;
  std::string pixels(static_cast<std::size_t>(width) * height, static_cast<char>(255));
  for (int py = 0; py < static_cast<int>(vh * scale); ++py) {
    const double y = vy + (py + 0.5) / scale;
    std::vector<double> crossings;
    for (const Edge& e : edges) {
      if ((e.y0 <= y) != (e.y1 <= y))
        crossings.push_back(e.x0 + (y - e.y0) * (e.x1 - e.x0) / (e.y1 - e.y0));
    }
    std::sort(crossings.begin(), crossings.end());
    for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
      for (int px = 0; px < static_cast<int>(vw * scale); ++px) {
        const double x = vx + (px + 0.5) / scale;
        if (x >= crossings[k] && x < crossings[k + 1]) {
          pixels[static_cast<std::size_t>(py + margin) * width + px + margin] = 0;
        }
      }
    }
  }
  return "P5\n" + std::to_string(width) + " " + std::to_string(height) + "\n255\n" + pixels;
}

TEST_F(PublicApi, QrCodesDecodeToTheCheckinUrl) {
  for (const char* code : {"SG-C001", "SG-T012", "SG-C011"}) {
    const std::string url = std::string(kPublicUrl) + "/s/" + code;
    const HttpResult png = Get(fmt::format("/api/v1/stations/{}/qr.png", code));
    ASSERT_EQ(png.status, 200);
    EXPECT_EQ(png.Header("Content-Type"), "image/png");
    TempDir dir;
    std::string why;
    testing::WriteText(dir / "qr.png", png.body);
    EXPECT_EQ(ZbarDecode(dir / "qr.png", why), url) << why;

    const HttpResult svg = Get(fmt::format("/api/v1/stations/{}/qr.svg", code));
    ASSERT_EQ(svg.status, 200);
    EXPECT_TRUE(svg.Header("Content-Type").starts_with("image/svg+xml"))
        << svg.Header("Content-Type");
    EXPECT_NE(svg.body.find("<svg"), std::string::npos);
    const std::string pgm = SvgToPgm(svg.body, 4, why);
    ASSERT_FALSE(pgm.empty()) << why;
    testing::WriteText(dir / "qr-svg.pgm", pgm);
    EXPECT_EQ(ZbarDecode(dir / "qr-svg.pgm", why), url) << why;
  }
  ExpectError(Get("/api/v1/stations/SG-X999/qr.png"), 404, "not_found");
  ExpectError(Get("/api/v1/stations/SG-X999/qr.svg"), 404, "not_found");
}

TEST_F(PublicApi, CheckinPageShowsTheStationNameBeforeAnyScriptRuns) {
  for (const char* code : {"SG-C001", "SG-C011"}) {
    const HttpResult r = Get(std::string("/s/") + code);
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.Header("Content-Type").starts_with("text/html")) << r.Header("Content-Type");
    EXPECT_NE(r.body.find(Station(code).name), std::string::npos) << code;
  }
  const HttpResult missing = Get("/s/SG-X999");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(missing.Header("Content-Type").starts_with("text/html"))
      << missing.Header("Content-Type");
}

TEST_F(PublicApi, StationListPageListsEveryStationByCodeWithItsOwnStyleAllowed) {
  const HttpResult r = Get("/stations");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.Header("Content-Type").starts_with("text/html"));
  const std::size_t open = static_cast<std::size_t>(
      std::count_if(stations().begin(), stations().end(),
                    [](const DemoStation& s) { return s.status == "open"; }));
  EXPECT_NE(r.body.find(fmt::format("共 {} 个站点，其中 {} 个开放", stations().size(), open)),
            std::string::npos);
  // Every station, in code order, as a link to its page; nothing of its manager.
  std::vector<std::string> codes;
  for (const DemoStation& s : stations()) codes.push_back(s.code);
  std::sort(codes.begin(), codes.end());
  std::size_t at = 0;
  for (const std::string& code : codes) {
    const auto found = r.body.find(
        "<li id=\"" + code + "\"><a class=\"name\" href=\"/station/" + code + "\">", at);
    ASSERT_NE(found, std::string::npos) << code;
    at = found;
  }
  for (const DemoStation& s : stations()) {
    if (!s.manager.empty()) {
      EXPECT_EQ(r.body.find(s.manager), std::string::npos) << s.code;
    }
    if (!s.phone.empty()) {
      EXPECT_EQ(r.body.find(MaskPhone(s.phone)), std::string::npos) << s.code;
    }
    if (!s.service_phone.empty()) {
      EXPECT_NE(r.body.find("href=\"tel:" + DialablePhone(s.service_phone) + "\""),
                std::string::npos)
          << s.code;
    }
  }
  // The inline <style> is allowed by its hash, nothing else inline.
  const auto style_begin = r.body.find("<style>") + 7;
  const std::string style = r.body.substr(style_begin, r.body.find("</style>") - style_begin);
  const std::string csp = r.Header("Content-Security-Policy");
  EXPECT_NE(csp.find("style-src 'self' 'sha256-" + Sha256Base64(style) + "'"), std::string::npos)
      << csp;
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
}

TEST_F(PublicApi, CallButtonsDialThePublicLineAndNothingPublicCarriesTheManager) {
  int with_line = 0;
  for (const DemoStation& station : stations()) {
    const HttpResult detail = Get("/api/v1/stations/" + station.code);
    ASSERT_EQ(detail.status, 200);
    const json::object item = Json(detail).as_object();
    EXPECT_FALSE(item.contains("phone")) << station.code;
    EXPECT_FALSE(item.contains("manager")) << station.code;
    const HttpResult call = Get("/station/" + station.code + "/call");
    const HttpResult page = Get("/station/" + station.code);
    ASSERT_EQ(page.status, 200);
    // The manager's own mobile is nowhere: not whole, not masked.
    if (!station.phone.empty()) {
      for (const std::string& form : {station.phone, MaskPhone(station.phone)}) {
        EXPECT_EQ(page.body.find(form), std::string::npos) << station.code;
        EXPECT_EQ(detail.body.find(form), std::string::npos) << station.code;
      }
    }
    if (!station.manager.empty()) {
      EXPECT_EQ(page.body.find(station.manager), std::string::npos);
    }
    if (station.service_phone.empty()) {
      EXPECT_TRUE(item.at("service_phone").is_null()) << station.code;
      EXPECT_EQ(call.status, 404) << station.code;
      EXPECT_EQ(page.body.find("id=\"call-station\""), std::string::npos) << station.code;
      continue;
    }
    ++with_line;
    EXPECT_EQ(item.at("service_phone").as_string(), station.service_phone);
    ASSERT_EQ(call.status, 302) << station.code;
    EXPECT_EQ(call.Header("Location"), "tel:" + DialablePhone(station.service_phone));
    EXPECT_EQ(call.Header("Cache-Control"), "no-store");
    EXPECT_NE(page.body.find("href=\"tel:" + DialablePhone(station.service_phone) + "\""),
              std::string::npos)
        << station.code;
    EXPECT_NE(page.body.find(station.service_phone), std::string::npos) << station.code;
  }
  EXPECT_GT(with_line, 10);
  EXPECT_EQ(Get("/station/SG-X999/call").status, 404);
  // Nearby answers carry the line and nothing of the manager either.
  const HttpResult nearby = Get("/api/v1/stations/nearby?lat=36.85&lng=118.74&limit=50");
  ASSERT_EQ(nearby.status, 200);
  for (const DemoStation& station : stations()) {
    if (!station.phone.empty()) {
      EXPECT_EQ(nearby.body.find(MaskPhone(station.phone)), std::string::npos);
    }
  }
  EXPECT_NE(nearby.body.find("\"service_phone\":\"0536-"), std::string::npos);
}

TEST_F(PublicApi, AStationThatIsNotOpenPointsToTheNearestOpenOnes) {
  for (const DemoStation& station : stations()) {
    const HttpResult page = Get("/station/" + station.code);
    ASSERT_EQ(page.status, 200);
    const bool lists = page.body.find("id=\"nearest-open\"") != std::string::npos;
    EXPECT_EQ(lists, station.status != "open") << station.code;
    if (station.status == "open") continue;
    // The three nearest open stations, nearest first, each a link to its page.
    SearchQuery q;
    q.origin = GeoPoint{Latitude(station.lat), Longitude(station.lng)};
    q.limit = 3;
    std::vector<const DemoStation*> open;
    for (const DemoStation& other : stations()) {
      if (other.status == "open") open.push_back(&other);
    }
    std::sort(open.begin(), open.end(), [&](const DemoStation* a, const DemoStation* b) {
      return DistanceMeters(q.origin, GeoPoint{Latitude(a->lat), Longitude(a->lng)}) <
             DistanceMeters(q.origin, GeoPoint{Latitude(b->lat), Longitude(b->lng)});
    });
    std::size_t at = page.body.find("id=\"nearest-open\"");
    for (int i = 0; i < 3; ++i) {
      const auto link = page.body.find("href=\"/station/" + open[i]->code + "\"", at);
      ASSERT_NE(link, std::string::npos) << station.code << " → " << open[i]->code;
      at = link;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Rate limits (on their own server, limits on).

TEST_F(PublicApiRateLimits, RevealingPhonesForCallsIsLimitedPerAddress) {
  std::vector<int> statuses;
  for (int i = 0; i < 12; ++i) statuses.push_back(Get("/station/SG-C002/call").status);
  EXPECT_EQ(statuses.front(), 302);
  EXPECT_EQ(statuses.back(), 429);
  EXPECT_LE(std::count(statuses.begin(), statuses.end(), 302), 8);
}

TEST_F(PublicApiRateLimits, RepeatedCheckinsFromOneDeviceAreRateLimited) {
  std::vector<int> statuses;
  HttpResult limited;
  for (int i = 0; i < 20 && limited.status != 429; ++i) {
    HttpResult r = Checkin("SG-C020", "courier", "device-hammering");
    statuses.push_back(r.status);
    if (r.status == 429) limited = std::move(r);
  }
  ASSERT_EQ(limited.status, 429) << "20 check-ins in a row were all let through";
  ExpectError(limited, 429, "rate_limited");
  EXPECT_FALSE(limited.Header("Retry-After").empty());
  EXPECT_EQ(statuses.front(), 201);
  EXPECT_EQ(Checkin("SG-C020", "courier", "device-calm").status, 201)
      << "other devices are not affected";
}

TEST_F(PublicApiRateLimits, ManyWritesFromOneAddressAreRateLimited) {
  HttpResult limited;
  for (int i = 0; i < 400 && limited.status != 429; ++i) {
    HttpResult r = Rate("no-such-checkin", "token", 5);
    ASSERT_TRUE(r.status == 404 || r.status == 429) << r.status << " " << r.body;
    if (r.status == 429) limited = std::move(r);
  }
  ASSERT_EQ(limited.status, 429) << "400 ratings in a row from one address were all let through";
  ExpectError(limited, 429, "rate_limited");
  EXPECT_EQ(Get("/healthz").status, 200) << "reads are not limited";
}

// The body limit is the HTTP server's (http/server.cpp), so this one runs over a socket.
TEST(PublicApiOverHttp, BodyAboveSixtyFourKibIsTooLargeAndExactlySixtyFourKibIsAccepted) {
  DemoProcess server({"--no-rate-limit"});
  const auto Post = [&](const std::string& target, std::string_view body) {
    return Http(server.port(), "POST", target, body, {{"Content-Type", "application/json"}});
  };
  const auto Get = [&](const std::string& target) { return Http(server.port(), "GET", target); };
  const std::string head = R"({"worker_category":"courier"})";
  const std::string exact = head + std::string(kMaxBody - head.size(), ' ');
  ASSERT_EQ(exact.size(), 65'536u);
  const HttpResult at_limit = Post("/api/v1/stations/SG-C010/checkins", exact);
  EXPECT_EQ(at_limit.status, 201) << at_limit.body;

  const std::string over = exact + " ";
  ASSERT_EQ(over.size(), 65'537u);
  ExpectError(Post("/api/v1/stations/SG-C010/checkins", over), 413, "payload_too_large");
  ExpectError(Post("/api/v1/stations/SG-C010/reports", over), 413, "payload_too_large");
  ExpectError(Post("/api/v1/checkins/nope/rating", over), 413, "payload_too_large");
  EXPECT_EQ(Get("/healthz").status, 200) << "the server still answers";
}

}  // namespace
}  // namespace yz
