#include "http/router.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "http/json_error.h"

namespace yz {
namespace {

// A route handler that answers "<pattern> <params…>" so tests can see who matched with what.
RouteHandler Echo(std::string label) {
  return MakeRouteHandler([label](const HttpRequest&, const PathParams& params) {
    HttpResponse response;
    response.content_type = "text/plain";
    response.body = label;
    for (const auto& [name, value] : params.items) response.body += " " + name + "=" + value;
    return response;
  });
}

Router StationRoutes() {
  Router router;
  router.Add("GET", "/healthz", "public", Echo("health"))
      .Add("GET", "/api/v1/stations/nearby", "public", Echo("nearby"))
      .Add("GET", "/api/v1/stations/{code}", "public", Echo("station"))
      .Add("GET", "/api/v1/stations.geojson", "public", Echo("geojson"))
      .Add("POST", "/api/v1/stations/{code}/checkins", "public", Echo("checkin"))
      .Add("POST", "/api/v1/checkins/{checkin_id}/rating", "public", Echo("rating"))
      .Add("GET", "/api/v1/admin/stations", "admin:city_admin|region_admin", Echo("admin list"))
      .Add("POST", "/api/v1/admin/stations", "admin:city_admin|region_admin", Echo("admin add"))
      .Add("PATCH", "/api/v1/admin/stations/{code}", "admin:city_admin|region_admin",
           Echo("admin patch"));
  return router;
}

HttpResponse Call(const Router& router, std::string method, std::string target) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  HttpResponse out;
  bool answered = false;
  router.Dispatch(std::move(request), [&](HttpResponse&& r) {
    out = std::move(r);
    answered = true;
  });
  EXPECT_TRUE(answered);
  return out;
}

std::optional<std::string> HeaderOf(const HttpResponse& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return std::nullopt;
}

TEST(Router, MatchesLiteralRoutes) {
  const Router router = StationRoutes();
  const HttpResponse r = Call(router, "GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "health");
}

TEST(Router, ExtractsPercentDecodedParameters) {
  const Router router = StationRoutes();
  EXPECT_EQ(Call(router, "GET", "/api/v1/stations/11010100001").body, "station code=11010100001");
  EXPECT_EQ(Call(router, "GET", "/api/v1/stations/%E9%A9%BF%20a+b").body, "station code=驿 a+b");
  EXPECT_EQ(Call(router, "POST", "/api/v1/stations/S1/checkins").body, "checkin code=S1");
}

TEST(Router, IgnoresTheQueryString) {
  const Router router = StationRoutes();
  EXPECT_EQ(Call(router, "GET", "/api/v1/stations/nearby?lat=1&lng=2").body, "nearby");
  EXPECT_EQ(Call(router, "GET", "/api/v1/stations/S1?x=%zz").body, "station code=S1");
}

TEST(Router, PrefersALiteralSegmentOverAParameter) {
  const Router router = StationRoutes();
  EXPECT_EQ(Call(router, "GET", "/api/v1/stations/nearby").body, "nearby");
  EXPECT_EQ(Call(router, "GET", "/api/v1/stations/nearbyx").body, "station code=nearbyx");
}

TEST(Router, PrefersTheLiteralAtTheFirstDifferingSegment) {
  Router router;
  router.Add("GET", "/a/{x}/c", "public", Echo("param-literal"))
      .Add("GET", "/a/b/{y}", "public", Echo("literal-param"));
  EXPECT_EQ(Call(router, "GET", "/a/b/c").body, "literal-param y=c");
  EXPECT_EQ(Call(router, "GET", "/a/z/c").body, "param-literal x=z");
}

TEST(Router, MatchesLiteralsAfterDecoding) {
  const Router router = StationRoutes();
  EXPECT_EQ(Call(router, "GET", "/%68ealthz").body, "health");
}

TEST(Router, AnswersUnknownPathsWith404Json) {
  const Router router = StationRoutes();
  for (const char* target : {"/nope", "/healthz/", "/api/v1/stations/S1/extra", "/",
                             "/api/v1/stations//checkins"}) {
    const HttpResponse r = Call(router, "GET", target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
    EXPECT_NE(r.body.find(R"({"error":{"code":"not_found","message":)"), std::string::npos)
        << r.body;
  }
}

TEST(Router, AnswersAKnownPathWithTheWrongMethodWith405AndAllow) {
  const Router router = StationRoutes();
  const HttpResponse r = Call(router, "DELETE", "/api/v1/admin/stations");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "GET, HEAD, POST");
  EXPECT_NE(r.body.find(R"({"error":{"code":"invalid_argument","message":)"), std::string::npos);

  const HttpResponse checkin = Call(router, "GET", "/api/v1/stations/S1/checkins");
  EXPECT_EQ(checkin.status, 405);
  EXPECT_EQ(HeaderOf(checkin, "Allow"), "POST");
}

TEST(Router, AnswersHeadWithTheGetRoute) {
  const Router router = StationRoutes();
  const HttpResponse r = Call(router, "HEAD", "/api/v1/stations/S1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "station code=S1");
  EXPECT_EQ(Call(router, "HEAD", "/api/v1/stations/S1/checkins").status, 405);
}

TEST(Router, PrefersAnExplicitHeadRoute) {
  Router router;
  router.Add("GET", "/x", "public", Echo("get")).Add("HEAD", "/x", "public", Echo("head"));
  EXPECT_EQ(Call(router, "HEAD", "/x").body, "head");
}

TEST(Router, RejectsAParameterThatDecodesToASlash) {
  const Router router = StationRoutes();
  const HttpResponse r = Call(router, "GET", "/api/v1/stations/a%2Fb");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("invalid_argument"), std::string::npos);
  EXPECT_EQ(Call(router, "GET", "/api/v1/stations/a%00b").status, 400);
}

TEST(Router, RejectsInvalidPercentEncodingInThePath) {
  const Router router = StationRoutes();
  EXPECT_EQ(Call(router, "GET", "/api/v1/stations/%zz").status, 400);
  EXPECT_EQ(Call(router, "GET", "/api/v1/stations/abc%").status, 400);
}

TEST(Router, RejectsATargetThatIsNotAPath) {
  const Router router = StationRoutes();
  EXPECT_EQ(Call(router, "GET", "*").status, 400);
  EXPECT_EQ(Call(router, "GET", "http://example.com/healthz").status, 400);
  EXPECT_EQ(Call(router, "GET", "").status, 400);
}

TEST(Router, ListsItsRoutesWithTheirRoles) {
  const Router router = StationRoutes();
  ASSERT_EQ(router.routes().size(), 9u);
  EXPECT_EQ(router.routes()[0].method, "GET");
  EXPECT_EQ(router.routes()[0].pattern, "/healthz");
  EXPECT_EQ(router.routes()[0].role, "public");
  EXPECT_EQ(router.routes()[8].pattern, "/api/v1/admin/stations/{code}");
  EXPECT_EQ(router.routes()[8].role, "admin:city_admin|region_admin");
}

TEST(Router, MatchReturnsTheRouteForTheAuthorizationLayer) {
  const Router router = StationRoutes();
  const RouteMatch m = router.Match("PATCH", "/api/v1/admin/stations/S9");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->role, "admin:city_admin|region_admin");
  EXPECT_EQ(m.params.Get("code"), "S9");
  EXPECT_EQ(m.params.Get("other"), std::nullopt);
}

TEST(Router, RejectsMalformedPatternsAtStartUp) {
  auto add = [](std::string method, std::string pattern) {
    Router router;
    router.Add(std::move(method), std::move(pattern), "public", Echo("x"));
  };
  EXPECT_THROW(add("GET", "no-slash"), std::invalid_argument);
  EXPECT_THROW(add("GET", ""), std::invalid_argument);
  EXPECT_THROW(add("GET", "/a/{b"), std::invalid_argument);
  EXPECT_THROW(add("GET", "/a/{}"), std::invalid_argument);
  EXPECT_THROW(add("GET", "/a/x{b}"), std::invalid_argument);
  EXPECT_THROW(add("GET", "/a/{b-c}"), std::invalid_argument);
  EXPECT_THROW(add("GET", "/{a}/{a}"), std::invalid_argument);
  EXPECT_THROW(add("GET", "/a%20b"), std::invalid_argument);
  EXPECT_THROW(add("get", "/a"), std::invalid_argument);
  EXPECT_THROW(add("", "/a"), std::invalid_argument);
  Router router;
  EXPECT_THROW(router.Add("GET", "/a", "public", nullptr), std::invalid_argument);
}

TEST(Router, RejectsADuplicateRouteWhateverItsParameterNames) {
  Router router;
  router.Add("GET", "/s/{code}", "public", Echo("a"));
  EXPECT_THROW(router.Add("GET", "/s/{id}", "public", Echo("b")), std::invalid_argument);
  EXPECT_NO_THROW(router.Add("POST", "/s/{id}", "public", Echo("c")));
  EXPECT_NO_THROW(router.Add("GET", "/s/nearby", "public", Echo("d")));
}

TEST(Router, HandsAsynchronousHandlersTheirRespondCallback) {
  Router router;
  HttpRespond saved;
  PathParams seen;
  router.Add("POST", "/c/{id}", "public",
             [&](HttpRequest&& request, PathParams&& params, HttpRespond respond) {
               EXPECT_EQ(request.body, "payload");
               seen = std::move(params);
               saved = std::move(respond);
             });
  HttpRequest request;
  request.method = "POST";
  request.target = "/c/42";
  request.body = "payload";
  std::optional<HttpResponse> answer;
  router.AsHandler()(std::move(request), [&](HttpResponse&& r) { answer = std::move(r); });
  EXPECT_FALSE(answer.has_value());
  EXPECT_EQ(seen.Get("id"), "42");
  ASSERT_TRUE(saved);
  saved(ErrorResponse(409, "conflict", "already rated"));
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->status, 409);
}

}  // namespace
}  // namespace yz
