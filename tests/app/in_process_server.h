// The whole server in the test's own process: the composition root (ServerApp) over a store,
// requests run through the route table with Router::Dispatch — no socket, no child process.
// The HTTP layer itself (timeouts, limits, HEAD, keep-alive) is tested in tests/http; the few
// end-to-end tests that need a real process (kill -9, browser journeys) start `yizhan serve`.
//
//   auto server = InProcessServer::Start(dir / "data", config);
//   HttpResult r = Http(*server, "GET", "/api/v1/admin/session", "", {{"Cookie", cookie}});
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <string_view>

#include "app/http_test_client.h"
#include "app/server_app.h"
#include "storage/open_store.h"

namespace yz::testing {

class InProcessServer {
 public:
  // Opens the embedded store in `data_dir` and builds the server on it; fails the test (and
  // returns nullptr) when it cannot.
  static std::unique_ptr<InProcessServer> Start(const std::string& data_dir,
                                                ServerAppConfig config) {
    auto store = OpenStore({.data_dir = data_dir});
    EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
    if (!store.ok()) return nullptr;
    config.access_log = false;
    config.photo_dir = std::filesystem::path(data_dir) / "photos";
    auto app = ServerApp::Create(std::move(*store), std::move(config));
    EXPECT_TRUE(app.ok()) << (app.ok() ? "" : app.error().message);
    if (!app.ok()) return nullptr;
    return std::unique_ptr<InProcessServer>(new InProcessServer(std::move(*app)));
  }

  // Serves an app the test built itself (a store it filled first, a config of its own).
  static std::unique_ptr<InProcessServer> Adopt(std::unique_ptr<ServerApp> app) {
    return std::unique_ptr<InProcessServer>(new InProcessServer(std::move(app)));
  }

  ServerApp& app() { return *app_; }

  // Runs one request through the route table and waits for its answer (a handler may answer
  // from another thread, as the check-in writer does).
  HttpResult Send(std::string_view method, std::string_view target, std::string_view body = {},
                  const HttpHeaders& headers = {}, std::string remote_address = "127.0.0.1") {
    HttpRequest request;
    request.method = std::string(method);
    request.target = std::string(target);
    request.body = std::string(body);
    request.remote_address = std::move(remote_address);
    for (const auto& [name, value] : headers) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(lower), value);
    }
    auto answer = std::make_shared<std::promise<HttpResponse>>();
    auto once = std::make_shared<std::once_flag>();
    std::future<HttpResponse> future = answer->get_future();
    app_->router().Dispatch(std::move(request), [answer, once](HttpResponse&& response) {
      std::call_once(*once, [&] { answer->set_value(std::move(response)); });
    });
    HttpResult result;
    if (future.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
      result.error = "no answer within 60 s";
      return result;
    }
    HttpResponse response = future.get();
    result.status = response.status;
    result.body = response.shared_body ? *response.shared_body : std::move(response.body);
    result.headers.emplace_back("Content-Type", response.content_type);
    for (auto& h : response.headers) result.headers.push_back(std::move(h));
    return result;
  }

 private:
  explicit InProcessServer(std::unique_ptr<ServerApp> app) : app_(std::move(app)) {}
  std::unique_ptr<ServerApp> app_;
};

inline HttpResult Http(InProcessServer& server, std::string_view method, std::string_view target,
                       std::string_view body = {}, const HttpHeaders& headers = {}) {
  return server.Send(method, target, body, headers);
}

}  // namespace yz::testing
