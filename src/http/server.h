// HttpServer: the HTTP/1.1 listener and its connections (keep-alive, timeouts, size limits,
// graceful drain). Beast and Asio live only in server.cpp; this header is plain C++.
//
//   Router router;  … router.Add(…) …
//   HttpServer server(HttpServerConfig{.port = 8080}, router.AsHandler());
//   if (auto started = server.Start(); !started) { /* started.error().message */ }
//   BlockTerminationSignals();  (before Start, see signals.h) … WaitForTerminationSignal();
//   server.Stop(std::chrono::seconds(10));
//
// What the server answers by itself, always with the pinned error JSON
// {"error":{"code":…,"message":…}} and then closing the connection:
//   400 invalid_argument   malformed HTTP (bad request line, header syntax, chunk encoding, …)
//   431 invalid_argument   the request line and headers exceed `header_limit`
//   400 invalid_argument   an HTTP/1.1 request without a Host header, or any with two (RFC 9112
//                          section 3.2)
//   413 payload_too_large  the body exceeds the limit of its path (also announced by
//                          Content-Length, before the body is read; `Expect: 100-continue` is
//                          honoured: 100 only when the announced length is within the limit)
//   (any)                  what `admit_body` answers for a request whose body it refuses, before
//                          a byte of the body is read
//   500 internal           the handler threw, or dropped `respond` without calling it
//   503 unavailable        `max_connections` reached (new connections), or the handler did not
//                          respond within `handler_timeout`
// HEAD: the handler sees method "HEAD" (the Router answers it with the GET route) and the server
// sends the response's headers, Content-Length included, without the body.
// Every response carries Content-Length (except 204 and 304, which have no body), Content-Type
// from HttpResponse::content_type (unless empty) and HttpResponse::headers, and — whoever made
// it, the handler, the router or the server — `X-Content-Type-Options: nosniff`,
// `Referrer-Policy: no-referrer` (unless the response set its own) and the configured
// `Strict-Transport-Security`.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/handler.h"

namespace yz {

// A path prefix whose requests may carry a larger body than `body_limit` (uploads).
struct LargeBodyPrefix {
  std::string path_prefix;  // matched against the raw request target, e.g. "/api/v1/admin/uploads/"
  std::size_t body_limit = 0;                            // bytes
  std::chrono::milliseconds body_read_timeout{120'000};  // replaces `read_timeout` for the body
};

// Decides, from the request line and headers alone, whether the body of a request may be read:
// nullopt reads it and goes on; a response refuses the request with that answer, without
// reading the body, and closes the connection. Called on a server thread for every request that
// announces a body (Content-Length above 0, or chunked); it must be quick and must not throw.
// `head.body` is empty. The program's admission checks the console session and CSRF token of
// guarded routes (api/console/console_guard.h), so that an anonymous client cannot make the
// server buffer 10 MiB uploads it will refuse anyway.
using HttpBodyAdmission = std::function<std::optional<HttpResponse>(const HttpRequest& head)>;

struct HttpServerConfig {
  // Address to listen on: an IPv4 or IPv6 literal ("0.0.0.0", "::").
  std::string host = "127.0.0.1";
  // TCP port; 0 picks a free one (HttpServer::port() tells which).
  std::uint16_t port = 8080;
  // Threads running the connections; 0 means one per hardware core.
  int threads = 0;
  // The request line and headers, and then the body, must each arrive within this time.
  std::chrono::milliseconds read_timeout{15'000};
  // A keep-alive connection waiting for its next request is closed after this time.
  std::chrono::milliseconds idle_timeout{60'000};
  // Writing a response must finish within this time, else the connection is closed.
  std::chrono::milliseconds write_timeout{15'000};
  // Longest the handler may take to respond; then the client gets 503 unavailable.
  std::chrono::milliseconds handler_timeout{30'000};
  // Bytes allowed for the request line plus headers; more → 431.
  std::size_t header_limit = 8 * 1024;
  // Bytes allowed for a request body (the pinned 64 KiB); more → 413.
  std::size_t body_limit = 65'536;
  // Larger limits for some path prefixes; the longest matching prefix wins.
  std::vector<LargeBodyPrefix> large_body_prefixes = {
      {"/api/v1/admin/uploads/", 10 * 1024 * 1024, std::chrono::milliseconds(120'000)},
      // A worker's photo of a report, shrunk by the page (TicketPhotoService::kMaxReporterBytes).
      {"/api/v1/uploads/reports/", 1024 * 1024, std::chrono::milliseconds(30'000)}};
  // Open connections allowed at once; a connection beyond it gets 503 and is closed.
  std::size_t max_connections = 10'000;
  // Pending connections queued by the kernel before accept (listen backlog).
  int listen_backlog = 1024;
  // Open connections allowed from one client address. A new connection beyond it first closes
  // that address's longest-idle connection (one waiting for a request), if it has one, else gets
  // 503 and is closed; so does a connection beyond `max_connections`. 0: no limit per address.
  std::size_t max_connections_per_address = 0;
  // Addresses of reverse proxies in front of the server (exact IP literals). Their connections
  // are not limited per address (the proxy limits its clients), and their requests carry the
  // client's address: the right-most X-Forwarded-For entry that is not itself a trusted proxy
  // becomes HttpRequest::remote_address. From any other peer, X-Forwarded-For is ignored.
  std::vector<std::string> trusted_proxies;
  // See HttpBodyAdmission; empty: every body within its limit is read.
  HttpBodyAdmission admit_body;
  // The value of a `Strict-Transport-Security` header on every response (only for a server
  // reached through HTTPS, e.g. "max-age=31536000"); empty: none.
  std::string strict_transport_security;
};

// Thread safety: Start, Stop and the destructor must not run concurrently with each other, nor
// from inside a handler (Stop joins the server threads). port() and active_connections() may be
// called from any thread. The handler is called on server threads, many at once.
class HttpServer {
 public:
  // `handler` answers every well-formed request; it must stay callable until Stop returns.
  HttpServer(HttpServerConfig config, HttpHandler handler);
  // Stops with a zero drain timeout if still running.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Validates the config, binds, listens and starts the threads. Expected failures (bad config,
  // bad address, port in use, permission) are returned as errors (kInvalidArgument for the config,
  // kUnavailable for the socket) and leave the server stopped; a server can start once.
  // Throws only what the system throws when it cannot create threads.
  Result<void> Start();

  // The bound port once started (the real one when config.port was 0), else 0.
  std::uint16_t port() const;

  // Number of open client connections.
  std::size_t active_connections() const;

  // Graceful stop: stops accepting, closes idle keep-alive connections, lets requests already
  // being read or handled finish and write their answers (sent with `Connection: close`), for at
  // most `drain_timeout`; then closes whatever remains and joins the threads. A `respond` called
  // afterwards does nothing. Idempotent.
  void Stop(std::chrono::milliseconds drain_timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yz
