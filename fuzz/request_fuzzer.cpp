// libFuzzer target: raw bytes → HTTP/1.1 request(s) → the real route table of a ServerApp.
//
// The bytes are parsed with Beast's request parser under the server's limits (8 KiB of request
// line and headers, 64 KiB of body), as the server does (src/http/server.cpp); up to
// kMaxPipelined requests in a row are taken from one input. Each parsed request is turned into a
// yz::HttpRequest and dispatched through the route table of one ServerApp over a temporary SQLite
// store holding the demonstration city (rate limits off, so the fuzzer reaches the handlers).
//
// Invariants checked on every answer (a violation aborts, which libFuzzer reports as a crash):
//   - the handler answers, within kAnswerTimeout, and does not throw;
//   - the status is in 100–599;
//   - a JSON body (application/json, application/geo+json) is valid JSON;
//   - a 4xx or 5xx answer is the pinned error JSON {"error":{"code","message"}} with a code of the
//     contract's catalogue that agrees with the status, or an HTML page (the pages' own errors).
// AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer check the rest.
//
// Build and run: scripts/fuzz.sh [SECONDS]
#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "app/demo_city.h"
#include "app/server_app.h"
#include "storage/open_store.h"

namespace {

namespace http = boost::beast::http;
using namespace std::chrono_literals;

constexpr std::uint32_t kHeaderLimit = 8 * 1024;  // HttpServerConfig's defaults
constexpr std::uint64_t kBodyLimit = 65'536;
constexpr int kMaxPipelined = 4;
constexpr auto kAnswerTimeout = 10s;

[[noreturn]] void Fail(std::string_view what, const yz::HttpRequest& request,
                       const yz::HttpResponse* response) {
  std::fprintf(stderr, "\n*** request_fuzzer invariant broken: %.*s\n*** request: %s %s\n",
               static_cast<int>(what.size()), what.data(), request.method.c_str(),
               request.target.c_str());
  if (response) {
    std::fprintf(stderr, "*** response: %d %s\n%.*s\n", response->status,
                 response->content_type.c_str(),
                 static_cast<int>(std::min<std::size_t>(response->body.size(), 2000)),
                 response->body.data());
  }
  std::abort();
}

// The statuses each error code of the contract's catalogue may carry.
bool CodeAgreesWithStatus(std::string_view code, int status) {
  if (code == "invalid_argument") return status == 400 || status == 405 || status == 431;
  if (code == "unauthenticated") return status == 401;
  if (code == "forbidden") return status == 403;
  if (code == "not_found") return status == 404;
  if (code == "conflict") return status == 409;
  if (code == "payload_too_large") return status == 413;
  if (code == "rate_limited") return status == 429;
  if (code == "internal") return status == 500;
  if (code == "unavailable") return status == 503;
  return false;
}

void CheckResponse(const yz::HttpRequest& request, const yz::HttpResponse& response) {
  if (response.status < 100 || response.status > 599)
    Fail("status outside 100-599", request, &response);
  const bool json = response.content_type.starts_with("application/json") ||
                    response.content_type.starts_with("application/geo+json");
  // A cached answer's body is shared (HttpResponse::shared_body); a 304 has none; a coded body
  // (gzip) is not JSON text.
  const std::string& text = response.shared_body ? *response.shared_body : response.body;
  const bool coded = std::any_of(response.headers.begin(), response.headers.end(),
                                 [](const auto& h) { return h.first == "Content-Encoding"; });
  boost::json::value body;
  if (json && response.status != 304 && response.status != 204 && !coded) {
    boost::system::error_code ec;
    body = boost::json::parse(text, ec);
    if (ec) Fail("a JSON content type with a body that is not JSON", request, &response);
  }
  if (response.status < 400) return;
  // The pages (/s/{code}, /station/{code}) answer people with an HTML error page.
  if (response.content_type.starts_with("text/html")) return;
  if (!response.content_type.starts_with("application/json"))
    Fail("an error that is neither JSON nor a page", request, &response);
  const auto* root = body.if_object();
  const auto* error = root && root->size() == 1 && root->contains("error")
                          ? root->at("error").if_object()
                          : nullptr;
  if (!error || error->size() != 2 || !error->contains("code") || !error->contains("message") ||
      !error->at("code").is_string() || !error->at("message").is_string()) {
    Fail("an error body that is not {\"error\":{\"code\",\"message\"}}", request, &response);
  }
  if (!CodeAgreesWithStatus(error->at("code").as_string(), response.status)) {
    Fail("an error code that is unknown or disagrees with the status", request, &response);
  }
}

// The application under test, built once and kept (deliberately never destroyed: libFuzzer may
// exit from any thread, and the writer thread must not race a destructor).
struct Fixture {
  std::filesystem::path data_dir;
  yz::ServerApp* app = nullptr;
};

Fixture* fixture = nullptr;

void RemoveDataDir() {
  std::error_code ec;
  if (fixture) std::filesystem::remove_all(fixture->data_dir, ec);
}

Fixture* MakeFixture() {
  auto* f = new Fixture;
  std::string dir = (std::filesystem::temp_directory_path() / "yizhan-fuzz-XXXXXX").string();
  if (!mkdtemp(dir.data())) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  f->data_dir = dir;
  // Syncing would only slow the fuzzer down; group commit stays on, as in production.
  auto store = yz::OpenStore({.data_dir = dir, .sync_commits = false});
  if (!store) {
    std::fprintf(stderr, "request_fuzzer: %s\n", store.error().message.c_str());
    std::exit(1);
  }
  if (auto loaded = yz::LoadDemoCityIfEmpty(*store); !loaded) {
    std::fprintf(stderr, "request_fuzzer: demo city: %s\n", loaded.error().message.c_str());
    std::exit(1);
  }
  yz::ServerAppConfig config;
  config.public_api.limits.enabled = false;
  config.access_log = false;
  auto app = yz::ServerApp::Create(std::move(*store), std::move(config));
  if (!app) {
    std::fprintf(stderr, "request_fuzzer: %s\n", app.error().message.c_str());
    std::exit(1);
  }
  f->app = app->release();
  return f;
}

yz::HttpRequest ToHttpRequest(http::request<http::string_body>&& message) {
  yz::HttpRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
      return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote_address = "127.0.0.1";
  return request;
}

// Dispatches one request and waits for its answer (an async route answers from the writer
// thread). A respond callback dropped without a call is answered 500 by the server, as here.
void DispatchAndCheck(yz::HttpRequest&& request) {
  struct Answer {
    std::promise<yz::HttpResponse> promise;
    bool answered = false;
    ~Answer() {
      if (!answered)
        promise.set_value(yz::HttpResponse{500,
                                           "application/json; charset=utf-8",
                                           R"({"error":{"code":"internal","message":"dropped"}})",
                                           {}});
    }
  };
  auto answer = std::make_shared<Answer>();
  auto future = answer->promise.get_future();
  const yz::HttpRequest copy{request.method, request.target, {}, {}, {}};
  try {
    fixture->app->router().Dispatch(std::move(request), [answer](yz::HttpResponse&& response) {
      if (answer->answered) return;
      answer->answered = true;
      answer->promise.set_value(std::move(response));
    });
  } catch (const std::exception& e) {
    Fail(std::string("the handler threw: ") + e.what(), copy, nullptr);
  }
  answer.reset();
  if (future.wait_for(kAnswerTimeout) != std::future_status::ready)
    Fail("no answer in time", copy, nullptr);
  CheckResponse(copy, future.get());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fixture = MakeFixture();
  std::atexit(RemoveDataDir);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kMaxPipelined && !rest.empty(); ++i) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(kBodyLimit);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!rest.empty() && !parser.is_done()) {
      const std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
      rest.remove_prefix(used);
      if (ec || used == 0) break;
    }
    // An incomplete or malformed request: the server would wait for more bytes or refuse it
    // (400, 413, 431) without reaching the router.
    if (!parser.is_done()) break;
    DispatchAndCheck(ToHttpRequest(parser.release()));
  }
  return 0;
}
