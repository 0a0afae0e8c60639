// Settings of the installation kept in the store, so that every server and every command sharing
// the store agrees on them: the public address printed into QR codes and calendar links, … Keys
// are the constants below; values are text. Thread-safe; errors are the store's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace yz {

// The base URL that workers and volunteers reach the server at ("https://yz.example.cn"): set by
// `serve --public-url`, read by commands that print links (`volunteer calendar`).
inline constexpr std::string_view kPublicUrlSetting = "public_url";
// The address the last `serve` listened on ("http://127.0.0.1:8080"): what commands print links
// with while no public address is set (a test or a single machine).
inline constexpr std::string_view kListenUrlSetting = "listen_url";

class SettingRepository {
 public:
  virtual ~SettingRepository() = default;
  virtual Result<std::optional<std::string>> GetSetting(std::string_view key) = 0;
  virtual Result<void> SetSetting(std::string_view key, std::string_view value) = 0;
};

}  // namespace yz
