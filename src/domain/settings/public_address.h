// The base URL that workers and volunteers reach the server at ("https://yz.example.cn"), as QR
// codes, plaques and links print it. Kept in the store (kPublicUrlSetting) and edited in the
// console while serving, unless `serve --public-url` fixes it for the run. A QR code printed with a
// loopback, private or unset address opens on nobody's phone, so printing asks WhyNotPrintable
// first (issue 21).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace yz {

class PublicAddress {
 public:
  // `url` may be "" (unset). `fixed`: given by serve --public-url, so the console cannot change it.
  explicit PublicAddress(std::string url = "", bool fixed = false);

  std::string Get() const;  // no trailing '/'
  void Set(std::string url);
  bool fixed() const { return fixed_; }

 private:
  mutable std::mutex mu_;
  std::string url_;  // guarded by mu_
  const bool fixed_;
};

// The normal form of a base URL someone typed: http or https, a host, an optional port and path,
// no trailing '/'; no credentials, query, fragment, spaces or control characters. A bad one gives
// kInvalidArgument with a Chinese-first message.
Result<std::string> NormalisePublicUrl(std::string_view text);

// nullopt when a QR code of `url` would open on a worker's phone anywhere; otherwise why not, in
// Chinese first: unset, this machine only (localhost, 127.0.0.0/8, ::1, 0.0.0.0), or an intranet
// address (10/8, 172.16/12, 192.168/16, 169.254/16, 100.64/10, fc00::/7, fe80::/10, a host name
// without a dot or under .local, .lan, .internal, .home, .corp).
std::optional<std::string> WhyNotPrintable(std::string_view url);

}  // namespace yz
