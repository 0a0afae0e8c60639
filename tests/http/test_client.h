// A tiny blocking HTTP/1.1 client over POSIX sockets for the server tests (no Beast here, to keep
// the tests cheap to compile). It reads responses framed by Content-Length only, which is what
// the server always sends.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yz::testing {

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;

  // The first header of that lower-case name, or nullopt.
  std::optional<std::string> Header(std::string_view lower_name) const;
};

class TestConnection {
 public:
  // Connects to 127.0.0.1:port; every receive gives up after `timeout`.
  explicit TestConnection(std::uint16_t port,
                          std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~TestConnection();
  TestConnection(const TestConnection&) = delete;
  TestConnection& operator=(const TestConnection&) = delete;

  bool connected() const { return fd_ >= 0; }

  // Sends all bytes; false when the connection failed.
  bool Send(std::string_view bytes);

  // Reads one response (headers, then a Content-Length body unless `head` or a 1xx/204/304).
  // nullopt on close, error or timeout.
  std::optional<ClientResponse> Read(bool head = false);

  // Send + Read.
  std::optional<ClientResponse> RoundTrip(std::string_view request, bool head = false);

  // True when the server closes the connection (end of stream or reset) within `within`;
  // bytes arriving meanwhile are discarded.
  bool WaitForClose(std::chrono::milliseconds within);

  // Closes the socket now.
  void Close();

 private:
  bool Fill();  // reads more bytes into buffer_; false on close, error or timeout

  int fd_ = -1;
  std::string buffer_;
};

// "GET <target> HTTP/1.1" with Host and, when non-empty, the body and its Content-Length.
std::string MakeRequest(std::string_view method, std::string_view target,
                        std::string_view body = {}, std::string_view extra_headers = {});

}  // namespace yz::testing
