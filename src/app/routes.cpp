#include "app/routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "api/api_response.h"
#include "api/pages/station_list_page.h"
#include "app/inlined_page.h"
#include "core/crypto.h"
#include "core/embedded.h"
#include "core/gzip.h"
#include "http/json_error.h"

namespace yz {

std::span<const EmbeddedFile> EmbeddedWebAssets();

namespace {

using Clock = std::chrono::steady_clock;

// Every HTML page gets the strict policy unless its handler set a policy of its own (an inlined
// page: the same policy plus the hashes of its own texts).
void AddSecurityHeaders(HttpResponse& r) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  if (r.content_type.starts_with("text/html")) {
    static const std::string kPolicy = ContentSecurityPolicy();
    const bool has_policy = std::any_of(r.headers.begin(), r.headers.end(), [](const auto& h) {
      return h.first == "Content-Security-Policy";
    });
    if (!has_policy) r.headers.emplace_back("Content-Security-Policy", kPolicy);
    r.headers.emplace_back("X-Frame-Options", "DENY");
  }
}

// The client address without its last octet (IPv4) or last 80 bits (IPv6): enough to see abuse,
// not enough to name a worker.
std::string TruncatedAddress(std::string_view address) {
  if (address.find(':') != std::string_view::npos) {
    std::size_t colons = 0, i = 0;
    for (; i < address.size() && colons < 3; ++i) colons += address[i] == ':';
    return std::string(address.substr(0, i)) + ":";
  }
  const auto dot = address.rfind('.');
  return dot == std::string_view::npos ? std::string() : std::string(address.substr(0, dot)) + ".0";
}

bool IsCompressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/json") ||
         content_type.starts_with("application/geo+json") ||
         content_type.starts_with("image/svg+xml") ||
         content_type.starts_with("application/javascript");
}

// Bodies of 1 KiB or more in a text type go out gzipped when the client accepts it (workers'
// phones are on slow networks). Level 1: a 150 KB script compresses in about a millisecond.
void CompressIfWorthIt(HttpResponse& r) {
  if (r.body.size() < 1024 || !IsCompressible(r.content_type)) return;
  for (const auto& [name, value] : r.headers) {
    if (name == "Content-Encoding") return;
  }
  r.body = Gzip(r.body, 1);
  r.headers.emplace_back("Content-Encoding", "gzip");
  r.headers.emplace_back("Vary", "Accept-Encoding");
}

RouteHandler Instrument(const std::string& pattern, RouteHandler handler, Metrics& metrics,
                        bool access_log) {
  return [pattern, handler = std::move(handler), &metrics, access_log](
             HttpRequest&& request, PathParams&& params, HttpRespond respond) {
    const auto start = Clock::now();
    std::string method = request.method;
    const bool gzip_ok = AcceptsGzip(request.Header("accept-encoding"));
    std::string client = access_log ? TruncatedAddress(request.remote_address) : std::string();
    handler(
        std::move(request), std::move(params),
        [pattern, start, gzip_ok, method = std::move(method), client = std::move(client), &metrics,
         access_log, respond = std::move(respond)](HttpResponse&& response) {
          AddSecurityHeaders(response);
          if (gzip_ok) CompressIfWorthIt(response);
          const auto latency = Clock::now() - start;
          metrics.RecordRequest(pattern, method, response.status, latency);
          if (access_log) {
            const auto now = std::chrono::system_clock::now();
            std::fputs(
                fmt::format(
                    "{{\"ts\":{},\"method\":\"{}\",\"route\":\"{}\",\"status\":{},\"us\":{},"
                    "\"bytes\":{},\"client\":\"{}\"}}\n",
                    std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch())
                        .count(),
                    method, pattern, response.status,
                    std::chrono::duration_cast<std::chrono::microseconds>(latency).count(),
                    response.shared_body ? response.shared_body->size() : response.body.size(),
                    client)
                    .c_str(),
                stdout);
          }
          respond(std::move(response));
        });
  };
}

std::string_view ContentTypeOf(std::string_view path) {
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".json")) return "application/json; charset=utf-8";
  if (path.ends_with(".svg")) return "image/svg+xml";
  if (path.ends_with(".png")) return "image/png";
  if (path.ends_with(".html")) return "text/html; charset=utf-8";
  return "application/octet-stream";
}

HttpResponse ServeAsset(std::string_view path) {
  const auto content = FindEmbedded(EmbeddedWebAssets(), path);
  if (!content) return ErrorReply(Error::NotFound("no such file"));
  HttpResponse r;
  r.content_type = ContentTypeOf(path);
  r.body = std::string(*content);
  r.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return r;
}

// The home page with its style sheet and scripts inlined (app/inlined_page.h), built once. Should
// inlining fail (a broken build), the page is served as written: slower, but working.
HttpResponse ServeHomePage() {
  static const Result<InlinedPage> page = [] {
    const auto html = FindEmbedded(EmbeddedWebAssets(), "pages/find.html");
    if (!html) return Result<InlinedPage>(Error::NotFound("pages/find.html is not embedded"));
    auto inlined = InlinePageAssets(*html, [](std::string_view path) {
      return FindEmbedded(EmbeddedWebAssets(), path.substr(1));  // "/assets/x" → "assets/x"
    });
    if (!inlined)
      std::fprintf(stderr, "yizhan: home page not inlined: %s\n", inlined.error().message.c_str());
    return inlined;
  }();
  if (!page) return ServeAsset("pages/find.html");
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = page->html;
  r.headers.emplace_back("Cache-Control", "public, max-age=3600");
  r.headers.emplace_back("Content-Security-Policy", page->content_security_policy);
  return r;
}

// GET /stations: the first 2,000 stations by code from the in-memory catalog (never a read of
// the whole registry per request), with the page's own inline style allowed by its hash.
HttpResponse StationListPage(const StationDirectory& directory, Store& store) {
  static const std::string kPolicy = [] {
    const std::string style_hash = "sha256-" + Sha256Base64(StationListPageStyle());
    return ContentSecurityPolicy({}, std::span<const std::string>(&style_hash, 1));
  }();
  auto regions = store.regions->ListRegions();
  if (!regions) return ErrorReply(regions.error());
  const auto catalog = directory.Current();
  const auto shown = catalog->FirstByCode(2000);
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = RenderStationListPage(shown, catalog->size(), catalog->open_count(), *regions);
  r.headers.emplace_back("Content-Security-Policy", kPolicy);
  return r;
}

}  // namespace

RouteHandler InstrumentRoute(const std::string& pattern, RouteHandler handler, Metrics& metrics,
                             bool access_log) {
  return Instrument(pattern, std::move(handler), metrics, access_log);
}

void BuildRoutes(Router& router, RouteContext c) {
  PublicApi& api = c.public_api;
  const auto sync = [&api](HttpResponse (PublicApi::*method)(const HttpRequest&, const PathParams&)
                               const) {
    return MakeRouteHandler(
        [&api, method](const HttpRequest& r, const PathParams& p) { return (api.*method)(r, p); });
  };
  const auto async = [&api](void (PublicApi::*method)(HttpRequest&&, PathParams&&, HttpRespond)) {
    return RouteHandler([&api, method](HttpRequest&& r, PathParams&& p, HttpRespond respond) {
      (api.*method)(std::move(r), std::move(p), std::move(respond));
    });
  };
  Store& store = c.store;
  Metrics& metrics = c.metrics;
  const StationDirectory& directory = c.directory;

  struct Entry {
    const char* method;
    const char* pattern;
    const char* role;
    RouteHandler handler;
  };
  // clang-format off
  const Entry table[] = {
    // Operations.
    {"GET",  "/healthz",                                 "public", MakeRouteHandler([](const HttpRequest&, const PathParams&) {
                                                                     return HttpResponse{200, "application/json; charset=utf-8", R"({"status":"ok"})", {}}; })},
    {"GET",  "/metrics",                                 "public", MakeRouteHandler([&metrics](const HttpRequest&, const PathParams&) {
                                                                     return HttpResponse{200, "text/plain; version=0.0.4; charset=utf-8", metrics.Render(), {}}; })},
    {"GET",  "/openapi.json",                            "public", MakeRouteHandler([](const HttpRequest&, const PathParams&) { return ServeAsset("openapi.json"); })},
    // The public API (section 5 of the contract).
    {"GET",  "/api/v1/stations/nearby",                  "public", sync(&PublicApi::Nearby)},
    {"GET",  "/api/v1/stations.geojson",                 "public", async(&PublicApi::StationsGeoJson)},
    {"GET",  "/media/stations/{code}/photos/{file}",     "public", sync(&PublicApi::Photo)},
    {"GET",  "/api/v1/stations/{code}",                  "public", sync(&PublicApi::StationDetail)},
    {"POST", "/api/v1/stations/{code}/checkins",         "public", async(&PublicApi::Checkin)},
    {"POST", "/api/v1/checkins/{checkin_id}/rating",     "public", async(&PublicApi::Rate)},
    {"POST", "/api/v1/stations/{code}/reports",          "public", async(&PublicApi::Report)},
    {"GET",  "/api/v1/stations/{code}/qr.svg",           "public", sync(&PublicApi::QrSvg)},
    {"GET",  "/api/v1/stations/{code}/qr.png",           "public", sync(&PublicApi::QrPng)},
    {"GET",  "/api/v1/config",                           "public", sync(&PublicApi::PageConfig)},
    // Pages.
    {"GET",  "/",                                        "public", MakeRouteHandler([](const HttpRequest&, const PathParams&) { return ServeHomePage(); })},
    {"GET",  "/station/{code}",                          "public", sync(&PublicApi::StationPage)},
    {"GET",  "/station/{code}/call",                     "public", MakeRouteHandler([&api](const HttpRequest& r, const PathParams& p) { return api.CallStation(r, p); })},
    {"GET",  "/s/{code}",                                "public", sync(&PublicApi::CheckinPage)},
    {"GET",  "/stations",                                "public", MakeRouteHandler([&store, &directory](const HttpRequest&, const PathParams&) {
                                                                     return StationListPage(directory, store); })},
    {"GET",  "/vendor/{file}",                           "public", MakeRouteHandler([](const HttpRequest&, const PathParams& p) {
                                                                     return ServeAsset("vendor/" + std::string(p.Get("file").value_or(""))); })},
    {"GET",  "/assets/{file}",                           "public", MakeRouteHandler([](const HttpRequest&, const PathParams& p) {
                                                                     return ServeAsset("assets/" + std::string(p.Get("file").value_or(""))); })},
  };
  // clang-format on
  for (const Entry& e : table) {
    router.Add(e.method, e.pattern, e.role,
               Instrument(e.pattern, e.handler, metrics, c.access_log));
  }
}

}  // namespace yz
