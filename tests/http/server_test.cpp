// The server over real loopback sockets (port 0), driven by the POSIX client in test_client.h.
#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "http/json_error.h"
#include "http/router.h"
#include "http/test_client.h"

namespace yz {
namespace {

using namespace std::chrono_literals;
using testing::MakeRequest;
using testing::TestConnection;

HttpServerConfig TestConfig() {
  HttpServerConfig config;
  config.port = 0;
  config.threads = 2;
  return config;
}

// Answers "<method> <target> <body bytes>" as text/plain with an extra header.
HttpResponse Echo(const HttpRequest& request) {
  HttpResponse response;
  response.content_type = "text/plain; charset=utf-8";
  response.body = request.method + " " + request.target + " " + std::to_string(request.body.size());
  response.headers.emplace_back("X-Echo", "yes");
  return response;
}

std::unique_ptr<HttpServer> StartServer(HttpServerConfig config, HttpHandler handler) {
  auto server = std::make_unique<HttpServer>(std::move(config), std::move(handler));
  const Result<void> started = server->Start();
  EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message);
  EXPECT_NE(server->port(), 0);
  return server;
}

std::unique_ptr<HttpServer> StartEchoServer(HttpServerConfig config = TestConfig()) {
  return StartServer(std::move(config), MakeHttpHandler(Echo));
}

// Runs callbacks on their own threads and joins them when destroyed.
class Later {
 public:
  ~Later() {
    for (std::thread& t : threads_) t.join();
  }
  void Run(std::chrono::milliseconds delay, std::function<void()> work) {
    std::lock_guard lock(mu_);
    threads_.emplace_back([delay, work = std::move(work)] {
      std::this_thread::sleep_for(delay);
      work();
    });
  }

 private:
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

// Keeps the `respond` callbacks a handler hands over, like a writer that answers later.
class Parked {
 public:
  void Park(HttpRespond respond) {
    std::lock_guard lock(mu_);
    responds_.push_back(std::move(respond));
    cv_.notify_all();
  }
  // Waits until `n` callbacks are parked.
  bool WaitFor(std::size_t n, std::chrono::milliseconds within = 5s) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, within, [&] { return responds_.size() >= n; });
  }
  HttpRespond Take() {
    std::lock_guard lock(mu_);
    HttpRespond r = std::move(responds_.front());
    responds_.pop_front();
    return r;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<HttpRespond> responds_;
};

template <class Predicate>
bool Eventually(Predicate predicate, std::chrono::milliseconds within = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return predicate();
}

TEST(HttpServer, PortZeroPicksAFreePort) {
  auto server = StartEchoServer();
  EXPECT_GT(server->port(), 0);
}

TEST(HttpServer, StartFailsWhenThePortIsTaken) {
  auto first = StartEchoServer();
  HttpServerConfig config = TestConfig();
  config.port = first->port();
  HttpServer second(config, MakeHttpHandler(Echo));
  const Result<void> started = second.Start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(second.port(), 0);
}

TEST(HttpServer, StartRejectsABadConfig) {
  HttpServerConfig config = TestConfig();
  config.host = "not an address";
  EXPECT_EQ(HttpServer(config, MakeHttpHandler(Echo)).Start().error().code,
            ErrorCode::kInvalidArgument);
  config = TestConfig();
  config.read_timeout = 0ms;
  EXPECT_EQ(HttpServer(config, MakeHttpHandler(Echo)).Start().error().code,
            ErrorCode::kInvalidArgument);
}

TEST(HttpServer, ServesTwoRequestsOnOneKeepAliveConnection) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  ASSERT_TRUE(client.connected());
  for (int i = 0; i < 2; ++i) {
    const auto r = client.RoundTrip(MakeRequest("GET", "/a?x=" + std::to_string(i)));
    ASSERT_TRUE(r.has_value()) << i;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "GET /a?x=" + std::to_string(i) + " 0");
    EXPECT_EQ(r->Header("content-length"), std::to_string(r->body.size()));
    EXPECT_EQ(r->Header("content-type"), "text/plain; charset=utf-8");
    EXPECT_EQ(r->Header("x-echo"), "yes");
    EXPECT_EQ(r->Header("connection"), std::nullopt);
  }
  EXPECT_EQ(server->active_connections(), 1u);
}

TEST(HttpServer, AnswersPipelinedRequestsInOrder) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  ASSERT_TRUE(client.Send(MakeRequest("GET", "/1") + MakeRequest("POST", "/2", "abc") +
                          MakeRequest("GET", "/3")));
  EXPECT_EQ(client.Read()->body, "GET /1 0");
  EXPECT_EQ(client.Read()->body, "POST /2 3");
  EXPECT_EQ(client.Read()->body, "GET /3 0");
}

TEST(HttpServer, ClosesAfterAnHttp10RequestWithoutKeepAlive) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  const auto r = client.RoundTrip("GET /old HTTP/1.0\r\n\r\n");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "GET /old 0");
  EXPECT_TRUE(client.WaitForClose(2s));
}

TEST(HttpServer, PassesMethodTargetLowerCaseHeadersBodyAndPeerToTheHandler) {
  std::promise<HttpRequest> seen;
  auto server = StartServer(TestConfig(), [&](HttpRequest&& request, HttpRespond respond) {
    seen.set_value(request);
    respond(HttpResponse{});
  });
  TestConnection client(server->port());
  ASSERT_TRUE(client
                  .RoundTrip(MakeRequest("PUT", "/p/%E9%A9%BF?q=1", "{\"a\":1}",
                                         "X-Custom-Thing: Value\r\n"))
                  .has_value());
  const HttpRequest request = seen.get_future().get();
  EXPECT_EQ(request.method, "PUT");
  EXPECT_EQ(request.target, "/p/%E9%A9%BF?q=1");
  EXPECT_EQ(request.Header("x-custom-thing"), "Value");
  EXPECT_EQ(request.Header("host"), "test");
  EXPECT_EQ(request.body, "{\"a\":1}");
  EXPECT_EQ(request.remote_address, "127.0.0.1");
}

TEST(HttpServer, AcceptsABodyOfExactly65536Bytes) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  const auto r = client.RoundTrip(MakeRequest("POST", "/upload", std::string(65'536, 'x')));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "POST /upload 65536");
}

TEST(HttpServer, RefusesABodyOver65536BytesWith413Json) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  const auto r = client.RoundTrip(MakeRequest("POST", "/upload", std::string(65'537, 'x')));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->Header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(r->body, ErrorJson("payload_too_large", "the request body exceeds 65536 bytes"));
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_TRUE(client.WaitForClose(3s));
}

TEST(HttpServer, RefusesAnAnnouncedOversizedBodyBeforeItArrives) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  const auto r =
      client.RoundTrip("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
}

TEST(HttpServer, RefusesAChunkedBodyOverTheLimitWith413) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  std::string request = "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 5; ++i) request += "4000\r\n" + std::string(0x4000, 'y') + "\r\n";
  request += "0\r\n\r\n";
  const auto r = client.RoundTrip(request);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->body.find("payload_too_large"), std::string::npos);
}

TEST(HttpServer, AcceptsAChunkedBodyWithinTheLimit) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  const auto r = client.RoundTrip(
      "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: "
      "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "POST /x 5");
}

TEST(HttpServer, AllowsALargerBodyUnderAnUploadPrefix) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  const auto r = client.RoundTrip(
      MakeRequest("POST", "/api/v1/admin/uploads/photo", std::string(200'000, 'p')));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "POST /api/v1/admin/uploads/photo 200000");

  HttpServerConfig config = TestConfig();
  config.large_body_prefixes = {{"/big/", 100, 1s}};
  auto small = StartEchoServer(config);
  TestConnection other(small->port());
  EXPECT_EQ(other.RoundTrip(MakeRequest("POST", "/big/x", std::string(101, 'p')))->status, 413);
}

TEST(HttpServer, SendsContinueOnlyForAnAcceptableBody) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  ASSERT_TRUE(client.Send(
      "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
  const auto go_on = client.Read();
  ASSERT_TRUE(go_on.has_value());
  EXPECT_EQ(go_on->status, 100);
  const auto r = client.RoundTrip("body");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "POST /x 4");

  TestConnection refused(server->port());
  const auto too_big = refused.RoundTrip(
      "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 70000\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_TRUE(too_big.has_value());
  EXPECT_EQ(too_big->status, 413);
}

TEST(HttpServer, AnswersMalformedRequestsWith400AndCloses) {
  auto server = StartEchoServer();
  for (const std::string& bad :
       {std::string("THIS IS NOT HTTP\r\n\r\n"), std::string("\x01\x02\x03\r\n\r\n"),
        std::string("GET /x HTTP/1.1\r\nBad Header\r\n\r\n"),
        std::string("POST /x HTTP/1.1\r\nContent-Length: 12abc\r\n\r\n"),
        std::string("POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")}) {
    TestConnection client(server->port());
    const auto r = client.RoundTrip(bad);
    ASSERT_TRUE(r.has_value()) << bad;
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_EQ(r->body.rfind(R"({"error":{"code":"invalid_argument","message":"malformed HTTP)", 0),
              0u)
        << r->body;
    EXPECT_TRUE(client.WaitForClose(3s)) << bad;
  }
}

TEST(HttpServer, AnswersOversizedHeadersWith431) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  const auto r =
      client.RoundTrip(MakeRequest("GET", "/x", {}, "X-Big: " + std::string(9000, 'a') + "\r\n"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(r->body, ErrorJson("invalid_argument", "the request headers exceed 8192 bytes"));
  EXPECT_TRUE(client.WaitForClose(3s));
}

TEST(HttpServer, SendsHeadersWithoutBodyForHead) {
  Router router;
  router.Add("GET", "/hello", "public", MakeRouteHandler([](const HttpRequest&, const PathParams&) {
               HttpResponse r;
               r.content_type = "text/plain";
               r.body = "hello";
               return r;
             }));
  auto server = StartServer(TestConfig(), router.AsHandler());
  TestConnection client(server->port());
  const auto head = client.RoundTrip(MakeRequest("HEAD", "/hello"), /*head=*/true);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("content-length"), "5");
  // Had the body been sent, this response would be misread.
  const auto get = client.RoundTrip(MakeRequest("GET", "/hello"));
  ASSERT_TRUE(get.has_value());
  EXPECT_EQ(get->body, "hello");
  const auto missing = client.RoundTrip(MakeRequest("GET", "/nope"));
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body, ErrorJson("not_found", "no such resource: /nope"));
}

TEST(HttpServer, OmitsContentLengthFor204AndDropsUnsafeHeaders) {
  auto server = StartServer(TestConfig(), MakeHttpHandler([](const HttpRequest& request) {
                              HttpResponse r;
                              r.status = request.target == "/empty" ? 204 : 200;
                              r.body = request.target == "/empty" ? "" : "{}";
                              r.headers = {{"X-Bad", "a\r\nInjected: yes"},
                                           {"Content-Length", "999"},
                                           {"Set-Cookie", "s=1; HttpOnly"}};
                              return r;
                            }));
  TestConnection client(server->port());
  const auto empty = client.RoundTrip(MakeRequest("DELETE", "/empty"));
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->status, 204);
  EXPECT_EQ(empty->Header("content-length"), std::nullopt);
  const auto ok = client.RoundTrip(MakeRequest("GET", "/x"));
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->body, "{}");
  EXPECT_EQ(ok->Header("content-length"), "2");
  EXPECT_EQ(ok->Header("injected"), std::nullopt);
  EXPECT_EQ(ok->Header("x-bad"), std::nullopt);
  EXPECT_EQ(ok->Header("set-cookie"), "s=1; HttpOnly");
}

TEST(HttpServer, AsyncHandlerMayAnswerLaterFromAnotherThread) {
  Later later;
  auto server = StartServer(TestConfig(), [&](HttpRequest&& request, HttpRespond respond) {
    later.Run(100ms, [request = std::move(request), respond = std::move(respond)] {
      respond(Echo(request));
    });
  });
  TestConnection client(server->port());
  const auto started = std::chrono::steady_clock::now();
  const auto r = client.RoundTrip(MakeRequest("GET", "/later"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "GET /later 0");
  EXPECT_GE(std::chrono::steady_clock::now() - started, 90ms);
  EXPECT_EQ(client.RoundTrip(MakeRequest("GET", "/again"))->body, "GET /again 0");
}

TEST(HttpServer, OnlyTheFirstRespondCounts) {
  auto server = StartServer(TestConfig(), [](HttpRequest&& request, HttpRespond respond) {
    respond(Echo(request));
    respond(ErrorResponse(500, "internal", "second answer"));
  });
  TestConnection client(server->port());
  EXPECT_EQ(client.RoundTrip(MakeRequest("GET", "/1"))->body, "GET /1 0");
  EXPECT_EQ(client.RoundTrip(MakeRequest("GET", "/2"))->body, "GET /2 0");
}

TEST(HttpServer, AnswersAThrowingHandlerWith500) {
  auto server = StartServer(TestConfig(),
                            [](HttpRequest&&, HttpRespond) { throw std::runtime_error("bug"); });
  TestConnection client(server->port());
  const auto r = client.RoundTrip(MakeRequest("GET", "/x"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 500);
  EXPECT_NE(r->body.find(R"("code":"internal")"), std::string::npos);
}

TEST(HttpServer, AnswersAHandlerThatDropsRespondWith500) {
  auto server = StartServer(TestConfig(), [](HttpRequest&&, HttpRespond) {});
  TestConnection client(server->port());
  const auto r = client.RoundTrip(MakeRequest("GET", "/x"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(client.RoundTrip(MakeRequest("GET", "/y"))->status, 500);
}

TEST(HttpServer, AnswersAHandlerThatNeverRespondsWith503AfterTheHandlerTimeout) {
  Parked parked;
  HttpServerConfig config = TestConfig();
  config.handler_timeout = 150ms;
  auto server = StartServer(config, [&](HttpRequest&& request, HttpRespond respond) {
    if (request.target == "/stuck") {
      parked.Park(std::move(respond));
    } else {
      respond(Echo(request));
    }
  });
  TestConnection client(server->port());
  const auto r = client.RoundTrip(MakeRequest("GET", "/stuck"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 503);
  EXPECT_NE(r->body.find(R"("code":"unavailable")"), std::string::npos);
  // The late answer to the abandoned request must not be taken for the next one.
  ASSERT_TRUE(parked.WaitFor(1));
  parked.Take()(ErrorResponse(200, "late", "late answer"));
  EXPECT_EQ(client.RoundTrip(MakeRequest("GET", "/next"))->body, "GET /next 0");
}

TEST(HttpServer, RespondAfterTheClientLeftOrTheServerIsGoneIsHarmless) {
  Parked parked;
  auto server = StartServer(
      TestConfig(), [&](HttpRequest&&, HttpRespond respond) { parked.Park(std::move(respond)); });
  {
    TestConnection client(server->port());
    ASSERT_TRUE(client.Send(MakeRequest("GET", "/a")));
    ASSERT_TRUE(parked.WaitFor(1));
  }
  parked.Take()(Echo(HttpRequest{}));
  EXPECT_TRUE(Eventually([&] { return server->active_connections() == 0; }));

  TestConnection second(server->port());
  ASSERT_TRUE(second.Send(MakeRequest("GET", "/b")));
  ASSERT_TRUE(parked.WaitFor(1));
  HttpRespond survivor = parked.Take();
  server->Stop(0ms);
  server.reset();
  survivor(Echo(HttpRequest{}));  // the server is destroyed: nothing happens
}

// Like a group-commit writer: parks every request and answers them all together every few
// milliseconds, so far more requests are in flight than there are server threads.
TEST(HttpServer, ServesManyConcurrentConnectionsWithBatchedAsyncAnswers) {
  constexpr int kClients = 64;
  constexpr int kRequestsEach = 20;
  std::mutex mu;
  std::vector<std::pair<HttpRequest, HttpRespond>> queue;
  std::size_t largest_batch = 0;
  std::atomic<bool> stop_writer{false};
  std::thread writer([&] {
    while (!stop_writer.load()) {
      std::this_thread::sleep_for(2ms);
      std::vector<std::pair<HttpRequest, HttpRespond>> batch;
      {
        std::lock_guard lock(mu);
        batch.swap(queue);
      }
      largest_batch = std::max(largest_batch, batch.size());
      for (auto& [request, respond] : batch) respond(Echo(request));
    }
  });
  auto server = StartServer(TestConfig(), [&](HttpRequest&& request, HttpRespond respond) {
    std::lock_guard lock(mu);
    queue.emplace_back(std::move(request), std::move(respond));
  });

  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      TestConnection client(server->port());
      for (int i = 0; i < kRequestsEach; ++i) {
        const std::string target = "/c" + std::to_string(c) + "/r" + std::to_string(i);
        const auto r = client.RoundTrip(MakeRequest("GET", target));
        if (r && r->status == 200 && r->body == "GET " + target + " 0") ++answered;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  stop_writer = true;
  writer.join();
  EXPECT_EQ(answered.load(), kClients * kRequestsEach);
  EXPECT_GT(largest_batch, 2u) << "requests were not in flight concurrently";
}

TEST(HttpServer, StopLetsAnInFlightRequestDeliverItsAnswer) {
  Later later;
  std::promise<void> entered;
  auto server = StartServer(TestConfig(), [&](HttpRequest&& request, HttpRespond respond) {
    entered.set_value();
    later.Run(300ms, [request = std::move(request), respond = std::move(respond)] {
      respond(Echo(request));
    });
  });
  TestConnection busy(server->port());
  TestConnection idle(server->port());
  ASSERT_TRUE(idle.Send(""));
  ASSERT_TRUE(busy.Send(MakeRequest("POST", "/checkin", "{}")));
  entered.get_future().wait();

  const auto started = std::chrono::steady_clock::now();
  server->Stop(5s);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
  const auto r = busy.Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "POST /checkin 2");
  EXPECT_EQ(r->Header("connection"), "close");
  EXPECT_TRUE(busy.WaitForClose(2s));
  EXPECT_TRUE(idle.WaitForClose(2s));
  EXPECT_FALSE(TestConnection(server->port(), 500ms).RoundTrip(MakeRequest("GET", "/")));
}

TEST(HttpServer, StopClosesIdleKeepAliveConnectionsPromptly) {
  auto server = StartEchoServer();
  TestConnection client(server->port());
  ASSERT_TRUE(client.RoundTrip(MakeRequest("GET", "/x")).has_value());
  const auto started = std::chrono::steady_clock::now();
  server->Stop(10s);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_TRUE(client.WaitForClose(1s));
}

TEST(HttpServer, StopGivesUpOnAnUnansweredRequestAfterTheDrainTimeout) {
  Parked parked;
  auto server = StartServer(
      TestConfig(), [&](HttpRequest&&, HttpRespond respond) { parked.Park(std::move(respond)); });
  TestConnection client(server->port());
  ASSERT_TRUE(client.Send(MakeRequest("GET", "/forever")));
  ASSERT_TRUE(parked.WaitFor(1));
  const auto started = std::chrono::steady_clock::now();
  server->Stop(200ms);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_GE(took, 190ms);
  EXPECT_LT(took, 3s);
  EXPECT_TRUE(client.WaitForClose(1s));
  parked.Take()(Echo(HttpRequest{}));  // after Stop: nothing happens
}

TEST(HttpServer, ClosesASilentConnectionAfterTheReadTimeout) {
  HttpServerConfig config = TestConfig();
  config.read_timeout = 200ms;
  auto server = StartEchoServer(config);
  TestConnection silent(server->port());
  TestConnection slow(server->port());
  ASSERT_TRUE(slow.Send("GET /x HTTP/1.1\r\nHost: t\r\n"));  // and never the blank line
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(silent.WaitForClose(3s));
  EXPECT_TRUE(slow.WaitForClose(3s));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 150ms);
}

TEST(HttpServer, ClosesAnIdleKeepAliveConnectionAfterTheIdleTimeout) {
  HttpServerConfig config = TestConfig();
  config.idle_timeout = 200ms;
  auto server = StartEchoServer(config);
  TestConnection client(server->port());
  ASSERT_TRUE(client.RoundTrip(MakeRequest("GET", "/x")).has_value());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.WaitForClose(3s));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 150ms);
  EXPECT_TRUE(Eventually([&] { return server->active_connections() == 0; }));
}

TEST(HttpServer, ShedsTheLongestIdleConnectionForANewOneAtTheLimit) {
  HttpServerConfig config = TestConfig();
  config.max_connections = 2;
  auto server = StartEchoServer(config);
  TestConnection a(server->port());
  ASSERT_TRUE(a.RoundTrip(MakeRequest("GET", "/a")).has_value());
  std::this_thread::sleep_for(20ms);
  TestConnection b(server->port());
  ASSERT_TRUE(b.RoundTrip(MakeRequest("GET", "/b")).has_value());
  // Both wait for their next request: the newcomer takes the place of `a`, idle the longest.
  TestConnection c(server->port());
  const auto served = c.RoundTrip(MakeRequest("GET", "/c"));
  ASSERT_TRUE(served.has_value());
  EXPECT_EQ(served->status, 200);
  EXPECT_TRUE(a.WaitForClose(3s));
  EXPECT_EQ(b.RoundTrip(MakeRequest("GET", "/b2"))->status, 200);
}

TEST(HttpServer, RefusesConnectionsBeyondTheLimitWith503WhenNoneIsIdle) {
  HttpServerConfig config = TestConfig();
  config.max_connections = 2;
  Parked parked;
  auto server =
      StartServer(config, [&](HttpRequest&&, HttpRespond respond) { parked.Park(respond); });
  TestConnection a(server->port());
  TestConnection b(server->port());
  ASSERT_TRUE(a.Send(MakeRequest("GET", "/a")));
  ASSERT_TRUE(b.Send(MakeRequest("GET", "/b")));
  ASSERT_TRUE(parked.WaitFor(2));  // both busy with a request: nothing to shed
  TestConnection c(server->port());
  const auto refused = c.Read();
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 503);
  EXPECT_NE(refused->body.find(R"("code":"unavailable")"), std::string::npos);
  EXPECT_EQ(refused->Header("x-content-type-options"), "nosniff");

  parked.Take()(HttpResponse{});
  parked.Take()(HttpResponse{});
  ASSERT_EQ(a.Read()->status, 200);
  a.Close();
  ASSERT_TRUE(Eventually([&] { return server->active_connections() == 1; }));
  TestConnection d(server->port());
  ASSERT_TRUE(d.Send(MakeRequest("GET", "/d")));
  ASSERT_TRUE(parked.WaitFor(1));
  parked.Take()(HttpResponse{});
  EXPECT_EQ(d.Read()->status, 200);
}

// One client opening connection after connection (the tester's 11,000 slow sockets) meets its
// own limit, and another client still gets in.
TEST(HttpServer, LimitsConnectionsPerAddressAndShedsThatAddresssIdleOnesFirst) {
  HttpServerConfig config = TestConfig();
  config.max_connections_per_address = 3;
  config.read_timeout = 5s;
  auto server = StartEchoServer(config);
  std::vector<std::unique_ptr<TestConnection>> slow;
  for (int i = 0; i < 3; ++i) {
    slow.push_back(std::make_unique<TestConnection>(server->port()));
    ASSERT_TRUE(slow.back()->Send("GET /slow HTTP/1.1\r\nHost: t\r\n"));  // never finished
  }
  ASSERT_TRUE(Eventually([&] { return server->active_connections() == 3; }));
  // Three connections mid-request: a fourth from the same address is refused.
  TestConnection fourth(server->port());
  const auto refused = fourth.Read();
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 503);
  // An idle one is shed instead: finish one request, and the next newcomer takes its place.
  ASSERT_TRUE(slow[0]->Send("\r\n"));
  ASSERT_EQ(slow[0]->Read()->status, 200);
  std::this_thread::sleep_for(50ms);  // until it waits for its next request
  TestConnection fifth(server->port());
  EXPECT_EQ(fifth.RoundTrip(MakeRequest("GET", "/fifth"))->status, 200);
  EXPECT_TRUE(slow[0]->WaitForClose(3s));

  // Behind a trusted proxy the proxy's connections are not limited per address.
  HttpServerConfig proxied = TestConfig();
  proxied.max_connections_per_address = 1;
  proxied.trusted_proxies = {"127.0.0.1"};
  auto behind = StartEchoServer(proxied);
  TestConnection p1(behind->port());
  TestConnection p2(behind->port());
  EXPECT_EQ(p1.RoundTrip(MakeRequest("GET", "/1"))->status, 200);
  EXPECT_EQ(p2.RoundTrip(MakeRequest("GET", "/2"))->status, 200);
}

TEST(HttpServer, TakesTheClientAddressFromXForwardedForOnlyFromATrustedProxy) {
  const auto peer_of = [](HttpServerConfig config, std::string_view forwarded) {
    auto server = StartServer(std::move(config), MakeHttpHandler([](const HttpRequest& r) {
                                HttpResponse response;
                                response.body = r.remote_address;
                                return response;
                              }));
    TestConnection client(server->port());
    return client
        .RoundTrip(
            MakeRequest("GET", "/", {}, "X-Forwarded-For: " + std::string(forwarded) + "\r\n"))
        ->body;
  };
  EXPECT_EQ(peer_of(TestConfig(), "203.0.113.9"), "127.0.0.1");  // anyone may write the header
  HttpServerConfig trusted = TestConfig();
  trusted.trusted_proxies = {"127.0.0.1", "10.0.0.2"};
  EXPECT_EQ(peer_of(trusted, "203.0.113.9"), "203.0.113.9");
  // The right-most hop that is not a trusted proxy: what the client wrote further left is not
  // believed.
  EXPECT_EQ(peer_of(trusted, "1.1.1.1, 203.0.113.9, 10.0.0.2"), "203.0.113.9");
  EXPECT_EQ(peer_of(trusted, "1.1.1.1, not-an-address"), "127.0.0.1");
}

// An upload the program would refuse is refused from its headers: the client announced 10 MB
// and sends nothing more, and still gets its answer at once (the body timeout is 120 s).
TEST(HttpServer, AdmissionRefusesABodyBeforeReadingIt) {
  HttpServerConfig config = TestConfig();
  std::atomic<int> admissions{0};
  std::atomic<int> handled{0};
  std::string seen_body = "unset";
  config.admit_body = [&](const HttpRequest& head) -> std::optional<HttpResponse> {
    ++admissions;
    seen_body = head.body;
    if (head.Header("cookie") == "ok") return std::nullopt;
    return ErrorResponse(401, "unauthenticated", "sign in first");
  };
  auto server = StartServer(config, MakeHttpHandler([&](const HttpRequest& r) {
                              ++handled;
                              return Echo(r);
                            }));
  TestConnection anonymous(server->port());
  const auto start = std::chrono::steady_clock::now();
  const auto refused = anonymous.RoundTrip(
      "POST /api/v1/admin/uploads/stations HTTP/1.1\r\nHost: t\r\nContent-Length: "
      "10000000\r\n\r\n");
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 401);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_TRUE(anonymous.WaitForClose(3s));
  EXPECT_EQ(seen_body, "");
  EXPECT_EQ(handled.load(), 0);

  // Expect: 100-continue gets the refusal instead of the 100.
  TestConnection asking(server->port());
  const auto no_continue = asking.RoundTrip(
      "POST /api/v1/admin/uploads/stations HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
      "Expect: 100-continue\r\n\r\n");
  ASSERT_TRUE(no_continue.has_value());
  EXPECT_EQ(no_continue->status, 401);

  TestConnection admitted(server->port());
  const auto served = admitted.RoundTrip(MakeRequest("POST", "/up", "12345", "Cookie: ok\r\n"));
  ASSERT_TRUE(served.has_value());
  EXPECT_EQ(served->body, "POST /up 5");
  // Requests without a body are not asked about.
  const int before = admissions.load();
  EXPECT_EQ(admitted.RoundTrip(MakeRequest("GET", "/get"))->status, 200);
  EXPECT_EQ(admissions.load(), before);
}

TEST(HttpServer, WritesASharedBodyWithoutCopyingItIntoTheResponse) {
  const auto shared = std::make_shared<const std::string>(300'000, 'g');
  auto server = StartServer(TestConfig(), MakeHttpHandler([&](const HttpRequest&) {
                              HttpResponse r;
                              r.content_type = "application/geo+json";
                              r.shared_body = shared;
                              return r;
                            }));
  TestConnection client(server->port());
  const auto got = client.RoundTrip(MakeRequest("GET", "/big"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->body, *shared);
  const auto head = client.RoundTrip(MakeRequest("HEAD", "/big"), /*head=*/true);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->Header("content-length"), "300000");
  EXPECT_TRUE(head->body.empty());
}

TEST(HttpServer, RefusesAnHttp11RequestWithoutOrWithTwoHostHeaders) {
  auto server = StartEchoServer();
  for (const std::string& bad : {std::string("GET /x HTTP/1.1\r\n\r\n"),
                                 std::string("GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                                 std::string("GET /x HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n")}) {
    TestConnection client(server->port());
    const auto r = client.RoundTrip(bad);
    ASSERT_TRUE(r.has_value()) << bad;
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_NE(r->body.find("Host"), std::string::npos) << r->body;
    EXPECT_TRUE(client.WaitForClose(3s)) << bad;
  }
  TestConnection old(server->port());
  EXPECT_EQ(old.RoundTrip("GET /x HTTP/1.0\r\n\r\n")->status, 200);  // HTTP/1.0 needs none
}

TEST(HttpServer, EveryAnswerCarriesNosniffReferrerPolicyAndTheConfiguredHsts) {
  HttpServerConfig config = TestConfig();
  config.strict_transport_security = "max-age=31536000";
  auto server = StartServer(config, MakeHttpHandler([](const HttpRequest& r) {
                              HttpResponse response = Echo(r);
                              if (r.target == "/own") {
                                response.headers.emplace_back("Referrer-Policy", "same-origin");
                                response.headers.emplace_back("Strict-Transport-Security", "x");
                              }
                              return response;
                            }));
  const auto check = [&](const std::string& request, int status, std::string_view policy) {
    TestConnection client(server->port());
    const auto r = client.RoundTrip(request);
    ASSERT_TRUE(r.has_value()) << request;
    EXPECT_EQ(r->status, status) << request;
    EXPECT_EQ(r->Header("x-content-type-options"), "nosniff") << request;
    EXPECT_EQ(r->Header("referrer-policy"), std::string(policy)) << request;
    EXPECT_EQ(r->Header("strict-transport-security"), "max-age=31536000") << request;
    int policies = 0;
    for (const auto& [name, value] : r->headers) policies += name == "referrer-policy";
    EXPECT_EQ(policies, 1) << request;
  };
  check(MakeRequest("GET", "/x"), 200, "no-referrer");
  check(MakeRequest("GET", "/own"), 200, "same-origin");
  check("NOT HTTP\r\n\r\n", 400, "no-referrer");
  check(MakeRequest("POST", "/x", std::string(70'000, 'b')), 413, "no-referrer");
  check(MakeRequest("GET", "/x", {}, "X-Big: " + std::string(9000, 'a') + "\r\n"), 431,
        "no-referrer");
}

}  // namespace
}  // namespace yz
