// Plain request and response values exchanged between the Beast server (server.cpp, the only
// file that sees Beast) and the rest of the program. No Beast or Asio here.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yz {

struct HttpRequest {
  std::string method;  // "GET", "POST", …
  std::string target;  // path and query as received, e.g. "/api/v1/stations/nearby?lat=1"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;  // the peer's IP address, for rate limits and the audit log

  // The first header of that (lower-case) name, or "".
  std::string_view Header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers) {
      if (k == lower_name) return v;
    }
    return {};
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // A large body shared with a cache rather than copied into `body` (the national GeoJSON is
  // 99 MB: a copy per request would hold gigabytes under load). When set, `body` must be empty
  // and this is what is sent.
  std::shared_ptr<const std::string> shared_body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, …)
};

}  // namespace yz
