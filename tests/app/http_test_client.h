// Helpers for tests that talk HTTP to a real `yizhan serve` process: starting and stopping the
// server as a child process, and a small blocking HTTP/1.1 client over POSIX sockets (no Beast,
// which costs far too much compile time per test file).
//
// Typical use:
//   auto server = ServerProcess::Start({"serve", "--demo", "--data", dir, "--listen",
//   "127.0.0.1:0"}); HttpResult r = Http(server.port(), "GET", "/healthz"); EXPECT_EQ(r.status,
//   200);
// Not thread-safe per object; Http() itself may be called from many threads at once.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "app/test_support.h"

namespace yz::testing {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  // The response status, or 0 when no complete response arrived (connection refused or reset,
  // timeout, malformed answer); `error` then says why.
  int status = 0;
  HttpHeaders headers;  // as received, names in their original case
  std::string body;     // de-chunked
  std::string error;

  // The first header named `name` (case-insensitive), or "" when absent.
  std::string Header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (std::equal(n.begin(), n.end(), name.begin(), name.end(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) ==
                   std::tolower(static_cast<unsigned char>(b));
          })) {
        return v;
      }
    }
    return {};
  }
};

namespace detail {

inline bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Decodes a chunked body; false when it is malformed or incomplete.
inline bool Dechunk(std::string_view in, std::string& out) {
  out.clear();
  while (true) {
    const auto eol = in.find("\r\n");
    if (eol == std::string_view::npos) return false;
    const std::string size_text(in.substr(0, eol));
    char* end = nullptr;
    const unsigned long size = std::strtoul(size_text.c_str(), &end, 16);
    if (end == size_text.c_str()) return false;
    in.remove_prefix(eol + 2);
    if (size == 0) return true;
    if (in.size() < size + 2) return false;
    out.append(in.substr(0, size));
    in.remove_prefix(size + 2);
  }
}

}  // namespace detail

// One request on a fresh connection (`Connection: close`) to 127.0.0.1:`port`; waits at most
// `timeout` for connecting, sending and the whole answer. `Host`, `Connection` and (when there is
// a body or the method is POST/PUT/PATCH) `Content-Length` are added; `headers` come after them.
inline HttpResult Http(int port, std::string_view method, std::string_view target,
                       std::string_view body = {}, const HttpHeaders& headers = {},
                       std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
  HttpResult result;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    result.error = std::string("socket: ") + std::strerror(errno);
    return result;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    result.error = std::string("connect: ") + std::strerror(errno);
    return result;
  }

  std::string request;
  request.reserve(256 + body.size());
  request.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  request.append("Host: 127.0.0.1:").append(std::to_string(port)).append("\r\n");
  request.append("Connection: close\r\n");
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    request.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  }
  for (const auto& [name, value] : headers)
    request.append(name).append(": ").append(value).append("\r\n");
  request.append("\r\n").append(body);
  // A server may answer (413, say) and close before reading everything: keep the answer anyway.
  const bool sent = detail::SendAll(fd, request);

  std::string raw;
  char buffer[16384];
  while (true) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n < 0 && raw.empty()) result.error = std::string("recv: ") + std::strerror(errno);
      break;
    }
    raw.append(buffer, static_cast<std::size_t>(n));
  }

  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    if (result.error.empty())
      result.error = sent ? "no complete response head" : "send failed, no response";
    return result;
  }
  std::istringstream head(raw.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  if (!line.starts_with("HTTP/1.") || line.size() < 12) {
    result.error = "bad status line: " + line;
    return result;
  }
  const int status = std::atoi(line.c_str() + 9);
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    value = first == std::string::npos ? std::string() : value.substr(first);
    result.headers.emplace_back(line.substr(0, colon), std::move(value));
  }
  std::string_view rest = std::string_view(raw).substr(head_end + 4);
  std::string transfer = result.Header("Transfer-Encoding");
  std::transform(transfer.begin(), transfer.end(), transfer.begin(), ::tolower);
  if (transfer.find("chunked") != std::string::npos) {
    if (!detail::Dechunk(rest, result.body)) {
      result.error = "incomplete chunked body";
      return result;
    }
  } else if (const std::string length = result.Header("Content-Length"); !length.empty()) {
    const auto n = static_cast<std::size_t>(std::strtoull(length.c_str(), nullptr, 10));
    if (rest.size() < n) {
      result.error = "body shorter than Content-Length";
      return result;
    }
    result.body = std::string(rest.substr(0, n));
  } else {
    result.body = std::string(rest);
  }
  result.status = status;
  return result;
}

// A `yizhan` child process. Its standard output and error go to a log file (read with Log()), so
// a chatty server never blocks on a full pipe. The destructor terminates the process if it still
// runs. Move-only.
class ServerProcess {
 public:
  // Runs `yizhan ARGS` (the binary of YizhanBinary()) and waits until its standard error names
  // the bound port ("… listening on http://HOST:PORT/ …"). ARGS should contain `--listen
  // 127.0.0.1:0` so that the kernel picks a free port. Throws std::runtime_error, with the log,
  // when the process exits or says nothing within `timeout`. The server is killed if the thread
  // that started it ends (PR_SET_PDEATHSIG), so start it from the test's main thread.
  static ServerProcess Start(std::vector<std::string> args,
                             std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    ServerProcess server;
    char log_template[] = "/tmp/yizhan-server-log-XXXXXX";
    const int log_fd = ::mkostemp(log_template, O_CLOEXEC);
    if (log_fd < 0) throw std::runtime_error(std::string("mkstemp: ") + std::strerror(errno));
    server.log_path_ = log_template;

    std::vector<std::string> argv_text;
    argv_text.push_back(YizhanBinary());
    for (auto& a : args) argv_text.push_back(std::move(a));
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);

    const pid_t pid = ::fork();
    if (pid < 0) {
      ::close(log_fd);
      throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
      // Only async-signal-safe calls until exec: the test may have threads.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // no server outlives a crashed test
      const int null_fd = ::open("/dev/null", O_RDONLY);
      if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
      ::dup2(log_fd, STDOUT_FILENO);
      ::dup2(log_fd, STDERR_FILENO);
      ::execv(argv[0], argv.data());
      constexpr char kExecFailed[] = "execv of the yizhan binary failed (YIZHAN_BINARY?)\n";
      [[maybe_unused]] const auto written =
          ::write(STDERR_FILENO, kExecFailed, sizeof kExecFailed - 1);
      ::_exit(127);
    }
    ::close(log_fd);
    server.pid_ = pid;

    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      const std::string log = server.Log();
      if (const int port = ParsePort(log); port > 0) {
        server.port_ = port;
        return server;
      }
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        server.pid_ = -1;
        throw std::runtime_error("yizhan exited before listening:\n" + server.Log());
      }
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("yizhan did not report its port in time:\n" + server.Log());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  ServerProcess(ServerProcess&& other) noexcept { *this = std::move(other); }
  ServerProcess& operator=(ServerProcess&& other) noexcept {
    if (this != &other) {
      Terminate();
      RemoveLog();
      pid_ = std::exchange(other.pid_, -1);
      port_ = std::exchange(other.port_, 0);
      log_path_ = std::exchange(other.log_path_, std::string());
    }
    return *this;
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess() {
    Terminate();
    RemoveLog();
  }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // Everything the process wrote to standard output and error so far.
  std::string Log() const { return log_path_.empty() ? std::string() : ReadText(log_path_); }

  // SIGKILL, then reaps the process. No-op when it is not running.
  void Kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    Reap();
  }

  // SIGTERM (the server drains and exits), then waits up to `grace` before SIGKILL. Returns the
  // exit status (128 + signal when killed by one), or -1 when it was not running.
  int Terminate(std::chrono::milliseconds grace = std::chrono::seconds(20)) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return ExitCode(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid_, SIGKILL);
    return Reap();
  }

 private:
  ServerProcess() = default;

  static int ExitCode(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
  }

  int Reap() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return ExitCode(status);
  }

  void RemoveLog() {
    if (!log_path_.empty()) std::remove(log_path_.c_str());
    log_path_.clear();
  }

  // The port of the first "listening on http://HOST:PORT/" in `log`, or 0.
  static int ParsePort(std::string_view log) {
    constexpr std::string_view kMarker = "listening on http://";
    const auto at = log.find(kMarker);
    if (at == std::string_view::npos) return 0;
    const auto slash = log.find('/', at + kMarker.size());
    if (slash == std::string_view::npos) return 0;
    const std::string_view authority = log.substr(at + kMarker.size(), slash - at - kMarker.size());
    const auto colon = authority.rfind(':');
    if (colon == std::string_view::npos) return 0;
    return std::atoi(std::string(authority.substr(colon + 1)).c_str());
  }

  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

}  // namespace yz::testing
