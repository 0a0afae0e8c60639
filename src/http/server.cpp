// The only translation unit with Beast and Asio (about 35 s to compile here): keep it that way.
//
// One C++20 coroutine per connection runs on its own strand: wait for a request (idle timeout),
// read the header (read timeout, header limit), pick the body limit from the path, read the body,
// hand the request to the asynchronous handler, wait until the handler's `respond` posts the answer
// back onto the strand (handler timeout), write it (write timeout), repeat while keep-alive.

#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <condition_variable>
#include <future>
#include <limits>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

#include "http/json_error.h"

namespace yz {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Strand = asio::strand<asio::io_context::executor_type>;
using Socket = tcp::socket::rebind_executor<Strand>::other;
using Stream = beast::basic_stream<tcp, Strand>;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// After a refusal the client may still be sending the body we will not read. Closing with unread
// bytes makes the kernel send RST, which can destroy our error response in the client's buffers,
// so we shut down our side and read and discard for a while first ("lingering close").
constexpr std::size_t kLingerBytes = 1024 * 1024;
constexpr std::chrono::milliseconds kLingerTime{1'000};
// A connection beyond max_connections gets this long to take its 503.
constexpr std::chrono::milliseconds kRejectTime{1'000};
// Bytes asked of the socket when waiting for the first bytes of a request.
constexpr std::size_t kFirstReadBytes = 4096;

struct Gate;
class Session;

// Everything the connections share. Member order matters: sessions unregister themselves while
// `context` is destroyed, so the registry is declared (and therefore destroyed) before it.
struct Core {
  Core(HttpServerConfig c, HttpHandler h) : config(std::move(c)), handler(std::move(h)) {}

  void Register(const std::shared_ptr<Session>& session);
  void Unregister(const Session* session);
  std::vector<std::weak_ptr<Session>> Snapshot();
  // Connections open from `address` now.
  std::size_t ConnectionsFrom(const std::string& address);
  bool IsTrustedProxy(std::string_view address) const {
    return std::find(config.trusted_proxies.begin(), config.trusted_proxies.end(), address) !=
           config.trusted_proxies.end();
  }
  // The client's address: the peer's, or behind a trusted proxy the right-most X-Forwarded-For
  // entry that is not a trusted proxy.
  std::string ClientAddress(const std::string& peer, std::string_view forwarded_for) const;
  // The connection idle for longest (waiting for a request's first bytes), of `address` when it
  // is not empty, else of anyone; null when none is idle.
  std::shared_ptr<Session> LongestIdle(const std::string& address);

  const HttpServerConfig config;
  const HttpHandler handler;
  const std::shared_ptr<Gate> gate = std::make_shared<Gate>();
  std::atomic<bool> draining{false};

  std::mutex sessions_mu;
  std::condition_variable sessions_cv;  // notified when a session ends
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;
  std::unordered_map<std::string, std::size_t> per_address;  // open connections by address
  std::atomic<std::size_t> session_count{0};

  asio::io_context context;
  Strand acceptor_strand{asio::make_strand(context)};
  tcp::acceptor acceptor{acceptor_strand};
  std::vector<std::thread> threads;
};

// Lets `respond` outlive the server safely: a respond call posts only while the gate is open,
// and the server closes it (exclusively) before its io_context goes away.
struct Gate {
  std::shared_mutex mu;
  bool open = true;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsHttpParseError(const beast::error_code& ec) {
  static const auto& category = http::make_error_code(http::error::bad_target).category();
  return ec.category() == category && ec != http::error::end_of_stream &&
         ec != http::error::partial_message;
}

bool HasControlChars(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// The request line and headers as the handler sees them (the body is moved in separately).
template <class Fields>
HttpRequest ToRequest(const http::request_header<Fields>& message, const std::string& remote) {
  HttpRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  request.headers.reserve(std::distance(message.begin(), message.end()));
  for (const auto& field : message) {
    request.headers.emplace_back(Lower(field.name_string()), std::string(field.value()));
  }
  request.remote_address = remote;
  return request;
}

std::int64_t SteadyNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Core& core, Socket socket, std::string remote_address)
      : core_(core),
        strand_(socket.get_executor()),
        stream_(std::move(socket)),
        response_timer_(strand_),
        remote_address_(std::move(remote_address)) {
    draining_ = core_.draining.load();
  }
  ~Session() { core_.Unregister(this); }

  const Strand& strand() const { return strand_; }
  const std::string& remote_address() const { return remote_address_; }
  // When the connection began waiting for a request's first bytes (steady nanoseconds), or 0
  // while a request is being read, handled or answered. Read from any thread.
  std::int64_t idle_since() const { return idle_since_.load(std::memory_order_relaxed); }
  asio::awaitable<void> Run();

  // The rest run on the strand.
  void OnResponse(std::uint64_t seq, HttpResponse&& response) {
    if (seq != request_seq_ || response_ || closed_) return;
    response_ = std::move(response);
    response_timer_.cancel();
  }
  void BeginDrain() {
    draining_ = true;
    if (waiting_for_request_) stream_.cancel();
  }
  void ForceClose() {
    closed_ = true;
    stream_.close();  // fails pending reads and writes at once
    response_timer_.cancel();
  }
  // Closes the connection if it is still waiting for a request (shedding an idle connection to
  // make room for a new one); a connection busy with a request is left alone.
  void ShedIfIdle() {
    if (waiting_for_request_) ForceClose();
  }

 private:
  // Answers `response` (never throws for a malformed application response: bad headers are
  // dropped). Returns false when the connection failed.
  asio::awaitable<bool> Write(HttpResponse response, unsigned version, bool keep_alive, bool head);
  // Sends a server-made error and closes the connection (lingering).
  asio::awaitable<void> Refuse(HttpResponse refusal);
  asio::awaitable<void> Close(bool linger);
  std::pair<std::size_t, std::chrono::milliseconds> BodyLimitFor(std::string_view target) const;
  HttpRespond MakeResponder();

  Core& core_;
  Strand strand_;
  Stream stream_;
  beast::flat_buffer buffer_;
  asio::steady_timer response_timer_;
  const std::string remote_address_;
  std::atomic<std::int64_t> idle_since_{0};
  std::optional<HttpResponse> response_;
  std::uint64_t request_seq_ = 0;
  bool waiting_for_request_ = false;  // between requests: a drain may close the connection now
  bool draining_ = false;
  bool closed_ = false;
};

// What `respond` holds. The first Deliver wins; dying undelivered delivers a 500.
struct ResponderState {
  ResponderState(std::shared_ptr<Gate> g, std::weak_ptr<Session> s, std::uint64_t n)
      : gate(std::move(g)), session(std::move(s)), seq(n) {}
  ResponderState(const ResponderState&) = delete;
  ResponderState& operator=(const ResponderState&) = delete;
  ~ResponderState() {
    if (!done.load()) Deliver(ErrorResponse(500, "internal", "the request was not answered"));
  }

  void Deliver(HttpResponse&& response) {
    if (done.exchange(true)) return;
    std::shared_lock lock(gate->mu);
    if (!gate->open) return;
    const std::shared_ptr<Session> s = session.lock();
    if (!s) return;
    if (s->strand().running_in_this_thread()) {  // a synchronous handler: no need to post
      s->OnResponse(seq, std::move(response));
      return;
    }
    asio::post(s->strand(), [weak = session, seq = seq, r = std::move(response)]() mutable {
      if (const auto live = weak.lock()) live->OnResponse(seq, std::move(r));
    });
  }

  const std::shared_ptr<Gate> gate;
  const std::weak_ptr<Session> session;
  const std::uint64_t seq;
  std::atomic<bool> done{false};
};

HttpRespond Session::MakeResponder() {
  auto state = std::make_shared<ResponderState>(core_.gate, weak_from_this(), request_seq_);
  return
      [state = std::move(state)](HttpResponse&& response) { state->Deliver(std::move(response)); };
}

std::pair<std::size_t, std::chrono::milliseconds> Session::BodyLimitFor(
    std::string_view target) const {
  std::pair<std::size_t, std::chrono::milliseconds> limit{core_.config.body_limit,
                                                          core_.config.read_timeout};
  std::size_t longest = 0;
  for (const LargeBodyPrefix& large : core_.config.large_body_prefixes) {
    if (target.starts_with(large.path_prefix) && large.path_prefix.size() >= longest) {
      longest = large.path_prefix.size();
      limit = {large.body_limit, large.body_read_timeout};
    }
  }
  return limit;
}

// Written for GCC 12's coroutines: an earlier version with `co_await` inside an if-statement's
// init (structured bindings) and temporaries with destructors inside `co_await` expressions
// crashed in a coroutine frame's destructor. So results are tied into declared locals and
// arguments are built before the `co_await`.
asio::awaitable<void> Session::Run() {
  const HttpServerConfig& config = core_.config;
  bool first_request = true;
  beast::error_code ec;
  std::size_t bytes = 0;
  while (!closed_) {
    // Wait for the first bytes of the next request, unless a pipelined one is already buffered.
    if (buffer_.size() == 0) {
      if (draining_) break;
      waiting_for_request_ = true;
      idle_since_.store(SteadyNanos(), std::memory_order_relaxed);
      stream_.expires_after(first_request ? config.read_timeout : config.idle_timeout);
      const auto space = buffer_.prepare(kFirstReadBytes);
      std::tie(ec, bytes) = co_await stream_.async_read_some(space, kNoThrow);
      waiting_for_request_ = false;
      idle_since_.store(0, std::memory_order_relaxed);
      if (ec) break;  // the peer left, the idle or read timeout, or a drain
      buffer_.commit(bytes);
    }
    first_request = false;

    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(config.header_limit, std::numeric_limits<std::uint32_t>::max())));
    parser.body_limit(boost::none);  // the real limit depends on the path, known after the header
    stream_.expires_after(config.read_timeout);
    std::tie(ec, bytes) = co_await http::async_read_header(stream_, buffer_, parser, kNoThrow);
    std::size_t body_limit = config.body_limit;
    std::optional<HttpResponse> refusal;
    if (!ec) {
      const auto [limit, body_timeout] = BodyLimitFor(parser.get().target());
      body_limit = limit;
      const auto& head = parser.get();
      const auto hosts = std::count_if(head.begin(), head.end(), [](const auto& field) {
        return field.name() == http::field::host;
      });
      if (hosts > 1 || (hosts == 0 && head.version() >= 11)) {
        refusal = ErrorResponse(400, "invalid_argument",
                                hosts == 0 ? "an HTTP/1.1 request needs a Host header"
                                           : "a request may carry only one Host header");
      } else if (parser.content_length() && *parser.content_length() > body_limit) {
        ec = http::error::body_limit;
      } else if (!parser.is_done() && config.admit_body) {
        // Before a byte of the body: an anonymous upload is refused without being buffered.
        HttpRequest preview = ToRequest(head, remote_address_);
        preview.remote_address =
            core_.ClientAddress(remote_address_, preview.Header("x-forwarded-for"));
        try {
          refusal = config.admit_body(preview);
        } catch (...) {
          refusal = ErrorResponse(500, "internal", "the request could not be admitted");
        }
      }
      if (refusal) {
        co_await Refuse(std::move(*refusal));
        break;
      }
      if (!ec && !parser.is_done()) {
        if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
          static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          stream_.expires_after(config.write_timeout);
          const auto continue_buffer = asio::buffer(kContinue);
          std::tie(ec, bytes) = co_await asio::async_write(stream_, continue_buffer, kNoThrow);
        }
        if (!ec) {
          parser.body_limit(body_limit);
          stream_.expires_after(body_timeout);
          std::tie(ec, bytes) = co_await http::async_read(stream_, buffer_, parser, kNoThrow);
        }
      }
    }
    if (ec) {
      if (ec == http::error::header_limit) {
        refusal = ErrorResponse(
            431, "invalid_argument",
            "the request headers exceed " + std::to_string(config.header_limit) + " bytes");
      } else if (ec == http::error::body_limit) {
        refusal =
            ErrorResponse(413, "payload_too_large",
                          "the request body exceeds " + std::to_string(body_limit) + " bytes");
      } else if (IsHttpParseError(ec)) {
        refusal = ErrorResponse(400, "invalid_argument", "malformed HTTP request: " + ec.message());
      }
      if (refusal) co_await Refuse(std::move(*refusal));
      break;  // refused, or the peer left, or a timeout
    }

    http::request<http::string_body> message = parser.release();
    bool keep_alive = message.keep_alive();
    const bool head = message.method() == http::verb::head;
    const unsigned version = message.version();
    HttpRequest request = ToRequest(message, remote_address_);
    request.remote_address =
        core_.ClientAddress(remote_address_, request.Header("x-forwarded-for"));
    request.body = std::move(message.body());

    ++request_seq_;
    response_.reset();
    try {
      core_.handler(std::move(request), MakeResponder());
    } catch (...) {
      OnResponse(request_seq_, ErrorResponse(500, "internal", "the handler failed"));
    }
    if (!response_ && !closed_) {
      response_timer_.expires_after(config.handler_timeout);
      std::tie(ec) = co_await response_timer_.async_wait(kNoThrow);  // OnResponse cancels it
    }
    if (closed_) break;
    if (!response_) {
      response_ = ErrorResponse(503, "unavailable", "the request took too long to answer");
      ++request_seq_;  // a late answer to the abandoned request is ignored
    }

    if (draining_ || core_.draining.load()) keep_alive = false;
    HttpResponse response = std::move(*response_);
    response_.reset();
    const bool written = co_await Write(std::move(response), version, keep_alive, head);
    if (!written) break;
    if (!keep_alive) {
      const bool unread = buffer_.size() > 0;
      co_await Close(/*linger=*/unread);
      co_return;
    }
  }
  if (!closed_) co_await Close(/*linger=*/false);
}

asio::awaitable<bool> Session::Write(HttpResponse response, unsigned version, bool keep_alive,
                                     bool head) {
  http::response_header<> header;
  const int status = response.status >= 100 && response.status <= 999 ? response.status : 500;
  header.result(static_cast<unsigned>(status));
  header.version(version);
  if (!response.content_type.empty() && !HasControlChars(response.content_type)) {
    header.set(http::field::content_type, response.content_type);
  }
  bool has_nosniff = false, has_referrer_policy = false;
  for (const auto& [name, value] : response.headers) {
    if (name.empty() || HasControlChars(name) || HasControlChars(value)) continue;
    const std::string lower = Lower(name);
    if (lower == "content-length" || lower == "transfer-encoding" || lower == "connection" ||
        lower == "strict-transport-security") {
      continue;  // framing (and the transport's policy) is the server's business
    }
    has_nosniff |= lower == "x-content-type-options";
    has_referrer_policy |= lower == "referrer-policy";
    header.insert(name, value);
  }
  // On every answer, also the router's 404 and the server's own 400, 413 and 431.
  if (!has_nosniff) header.insert("X-Content-Type-Options", "nosniff");
  if (!has_referrer_policy) header.insert("Referrer-Policy", "no-referrer");
  if (!core_.config.strict_transport_security.empty()) {
    header.set(http::field::strict_transport_security, core_.config.strict_transport_security);
  }
  // 1xx, 204 and 304 answers have no body and no Content-Length.
  const bool bodiless = status < 200 || status == 204 || status == 304;
  const std::shared_ptr<const std::string> shared = std::move(response.shared_body);
  const std::size_t length = shared ? shared->size() : response.body.size();
  if (!bodiless) header.set(http::field::content_length, std::to_string(length));

  stream_.expires_after(core_.config.write_timeout);
  beast::error_code ec;
  if (head || bodiless) {
    http::response<http::empty_body> message(std::move(header));
    message.keep_alive(keep_alive);
    std::tie(ec, std::ignore) = co_await http::async_write(stream_, message, kNoThrow);
  } else if (shared) {
    // Written from the cache's string, which `shared` keeps alive until the write is done.
    http::response<http::buffer_body> message(std::move(header));
    message.body().data = const_cast<char*>(shared->data());
    message.body().size = shared->size();
    message.body().more = false;
    message.keep_alive(keep_alive);
    std::tie(ec, std::ignore) = co_await http::async_write(stream_, message, kNoThrow);
  } else {
    http::response<http::string_body> message(std::move(header), std::move(response.body));
    message.keep_alive(keep_alive);
    std::tie(ec, std::ignore) = co_await http::async_write(stream_, message, kNoThrow);
  }
  co_return !ec;
}

asio::awaitable<void> Session::Refuse(HttpResponse refusal) {
  const bool written = co_await Write(std::move(refusal), 11, /*keep_alive=*/false, /*head=*/false);
  if (written) co_await Close(/*linger=*/true);
}

asio::awaitable<void> Session::Close(bool linger) {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (linger && !ec) {
    std::array<char, 4096> sink;
    std::size_t discarded = 0;
    stream_.expires_after(std::min(kLingerTime, core_.config.read_timeout));
    while (discarded < kLingerBytes && !closed_) {
      beast::error_code read_ec;
      std::size_t n = 0;
      const auto space = asio::buffer(sink);
      std::tie(read_ec, n) = co_await stream_.async_read_some(space, kNoThrow);
      if (read_ec) break;
      discarded += n;
    }
  }
  stream_.socket().close(ec);
}

asio::awaitable<void> RunSession(std::shared_ptr<Session> session) { co_await session->Run(); }

asio::awaitable<void> Reject(Socket socket) {
  static const std::string kBusy = [] {
    const std::string body = ErrorJson("unavailable", "the server has too many connections");
    return "HTTP/1.1 503 Service Unavailable\r\n"
           "Content-Type: application/json; charset=utf-8\r\n"
           "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
           "Retry-After: 1\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  }();
  Stream stream(std::move(socket));
  stream.expires_after(kRejectTime);
  const auto busy = asio::buffer(kBusy);
  co_await asio::async_write(stream, busy, kNoThrow);
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

asio::awaitable<void> Accept(Core& core) {
  for (;;) {
    const Strand session_strand = asio::make_strand(core.context);
    auto [ec, socket] = co_await core.acceptor.async_accept(session_strand, kNoThrow);
    if (!core.acceptor.is_open()) co_return;
    if (ec) {
      // Out of file descriptors and the like: pause rather than spin.
      asio::steady_timer pause(core.acceptor_strand, std::chrono::milliseconds(50));
      co_await pause.async_wait(kNoThrow);
      continue;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::string address;
    if (const auto peer = socket.remote_endpoint(ignored); !ignored) {
      address = peer.address().to_string();
    }
    // Room for the new connection: over a limit, the longest-idle connection of that address
    // (or, over the total, of anyone) is shed; with none idle the newcomer gets 503.
    const std::size_t per_address_limit = core.config.max_connections_per_address;
    std::shared_ptr<Session> shed;
    bool refuse = false;
    if (per_address_limit > 0 && !core.IsTrustedProxy(address) &&
        core.ConnectionsFrom(address) >= per_address_limit) {
      shed = core.LongestIdle(address);
      refuse = shed == nullptr;
    }
    if (!refuse && !shed && core.session_count.load() >= core.config.max_connections) {
      shed = core.LongestIdle("");
      refuse = shed == nullptr;
    }
    if (refuse) {
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Reject(std::move(socket)), asio::detached);
      continue;
    }
    if (shed) {
      asio::post(shed->strand(), [weak = std::weak_ptr<Session>(shed)] {
        if (const auto s = weak.lock()) s->ShedIfIdle();
      });
      shed.reset();
    }
    auto session = std::make_shared<Session>(core, std::move(socket), std::move(address));
    core.Register(session);
    asio::co_spawn(session->strand(), RunSession(session), asio::detached);
  }
}

void Core::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(sessions_mu);
  sessions.emplace(session.get(), session);
  ++per_address[session->remote_address()];
  session_count.store(sessions.size());
}

void Core::Unregister(const Session* session) {
  {
    std::lock_guard lock(sessions_mu);
    if (sessions.erase(session) > 0) {
      const auto count = per_address.find(session->remote_address());
      if (count != per_address.end() && --count->second == 0) per_address.erase(count);
    }
    session_count.store(sessions.size());
  }
  sessions_cv.notify_all();
}

std::string Core::ClientAddress(const std::string& peer, std::string_view forwarded_for) const {
  if (forwarded_for.empty() || !IsTrustedProxy(peer)) return peer;
  std::string client = peer;
  while (!forwarded_for.empty()) {
    const auto comma = forwarded_for.rfind(',');
    std::string_view hop =
        comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    while (!hop.empty() && (hop.front() == ' ' || hop.front() == '\t')) hop.remove_prefix(1);
    while (!hop.empty() && (hop.back() == ' ' || hop.back() == '\t')) hop.remove_suffix(1);
    beast::error_code ec;
    const auto address = asio::ip::make_address(std::string(hop), ec);
    if (ec) break;  // not an address: trust nothing further left
    client = address.to_string();
    if (!IsTrustedProxy(client)) break;
  }
  return client;
}

std::size_t Core::ConnectionsFrom(const std::string& address) {
  std::lock_guard lock(sessions_mu);
  const auto count = per_address.find(address);
  return count == per_address.end() ? 0 : count->second;
}

std::shared_ptr<Session> Core::LongestIdle(const std::string& address) {
  std::lock_guard lock(sessions_mu);
  std::shared_ptr<Session> oldest;
  std::int64_t oldest_since = std::numeric_limits<std::int64_t>::max();
  for (const auto& [key, weak] : sessions) {
    const std::int64_t since = key->idle_since();
    if (since == 0 || since >= oldest_since) continue;
    if (!address.empty() && key->remote_address() != address) continue;
    if (auto live = weak.lock()) {
      oldest = std::move(live);
      oldest_since = since;
    }
  }
  return oldest;
}

std::vector<std::weak_ptr<Session>> Core::Snapshot() {
  std::lock_guard lock(sessions_mu);
  std::vector<std::weak_ptr<Session>> all;
  all.reserve(sessions.size());
  for (const auto& [key, weak] : sessions) all.push_back(weak);
  return all;
}

Result<void> Validate(const HttpServerConfig& c) {
  using std::chrono::milliseconds;
  if (c.threads < 0) return Error::InvalidArgument("http: threads must be >= 0");
  if (c.read_timeout <= milliseconds(0) || c.idle_timeout <= milliseconds(0) ||
      c.write_timeout <= milliseconds(0) || c.handler_timeout <= milliseconds(0)) {
    return Error::InvalidArgument("http: timeouts must be positive");
  }
  if (c.header_limit == 0) return Error::InvalidArgument("http: header_limit must be positive");
  if (c.max_connections == 0) {
    return Error::InvalidArgument("http: max_connections must be positive");
  }
  if (c.listen_backlog <= 0) return Error::InvalidArgument("http: listen_backlog must be positive");
  for (const LargeBodyPrefix& large : c.large_body_prefixes) {
    if (large.path_prefix.empty() || large.path_prefix[0] != '/' ||
        large.body_read_timeout <= milliseconds(0)) {
      return Error::InvalidArgument("http: bad large_body_prefixes entry '" + large.path_prefix +
                                    "'");
    }
  }
  return Ok();
}

}  // namespace

struct HttpServer::Impl {
  Impl(HttpServerConfig config, HttpHandler handler)
      : core(std::move(config), std::move(handler)) {}
  Core core;
  std::atomic<std::uint16_t> port{0};
  bool started = false;
  bool stopped = false;
};

HttpServer::HttpServer(HttpServerConfig config, HttpHandler handler)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(handler))) {}

HttpServer::~HttpServer() {
  Stop(std::chrono::milliseconds(0));
  std::unique_lock lock(impl_->core.gate->mu);
  impl_->core.gate->open = false;
}

Result<void> HttpServer::Start() {
  Impl& impl = *impl_;
  Core& core = impl.core;
  if (impl.started) return Error::InvalidArgument("http: the server was already started");
  if (auto valid = Validate(core.config); !valid) return valid;
  if (!core.handler) return Error::InvalidArgument("http: no handler");

  beast::error_code ec;
  const auto address = asio::ip::make_address(core.config.host, ec);
  if (ec) return Error::InvalidArgument("http: bad listen address '" + core.config.host + "'");
  const tcp::endpoint endpoint(address, core.config.port);
  const std::string where = core.config.host + ":" + std::to_string(core.config.port);
  core.acceptor.open(endpoint.protocol(), ec);
  if (!ec) core.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) core.acceptor.bind(endpoint, ec);
  if (!ec) core.acceptor.listen(core.config.listen_backlog, ec);
  if (ec) {
    beast::error_code ignored;
    core.acceptor.close(ignored);
    return Error::Unavailable("http: cannot listen on " + where + ": " + ec.message());
  }
  impl.port = core.acceptor.local_endpoint(ec).port();
  impl.started = true;

  asio::co_spawn(core.acceptor_strand, Accept(core), asio::detached);
  const int threads = core.config.threads > 0
                          ? core.config.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  for (int i = 0; i < threads; ++i) {
    core.threads.emplace_back([&core] { core.context.run(); });
  }
  return Ok();
}

std::uint16_t HttpServer::port() const { return impl_->port.load(); }

std::size_t HttpServer::active_connections() const { return impl_->core.session_count.load(); }

void HttpServer::Stop(std::chrono::milliseconds drain_timeout) {
  Impl& impl = *impl_;
  Core& core = impl.core;
  if (!impl.started || impl.stopped) return;
  impl.stopped = true;
  core.draining.store(true);

  // Stop accepting. Once this has run on the acceptor's strand no new session can appear.
  std::promise<void> acceptor_closed;
  asio::post(core.acceptor_strand, [&core, &acceptor_closed] {
    beast::error_code ignored;
    core.acceptor.close(ignored);
    acceptor_closed.set_value();
  });
  acceptor_closed.get_future().wait();

  for (const auto& weak : core.Snapshot()) {
    if (const auto session = weak.lock()) {
      asio::post(session->strand(), [weak] {
        if (const auto s = weak.lock()) s->BeginDrain();
      });
    }
  }
  {
    std::unique_lock lock(core.sessions_mu);
    core.sessions_cv.wait_for(lock, drain_timeout, [&core] { return core.sessions.empty(); });
  }
  for (const auto& weak : core.Snapshot()) {
    if (const auto session = weak.lock()) {
      asio::post(session->strand(), [weak] {
        if (const auto s = weak.lock()) s->ForceClose();
      });
    }
  }
  // With the acceptor closed and every session ending, run() returns when the work runs out.
  for (std::thread& thread : core.threads) thread.join();
  core.threads.clear();
  std::unique_lock lock(core.gate->mu);
  core.gate->open = false;
}

}  // namespace yz
