#include "app/serve.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "app/demo_city.h"
#include "app/server_app.h"
#include "domain/settings/public_address.h"
#include "domain/settings/setting_repository.h"
#include "gateways/sms/open_sms_gateway.h"
#include "http/router.h"
#include "http/server.h"
#include "http/signals.h"

namespace yz {
namespace {

struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};

std::optional<ListenAddress> ParseListen(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string host(text.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  for (char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + (c - '0');
    if (port > 65535) return std::nullopt;
  }
  if (colon + 1 == text.size()) return std::nullopt;
  return ListenAddress{host, static_cast<uint16_t>(port)};
}

// A port the kernel reports free on `host` (IPv4 literal), or 0. Used for --listen HOST:0 without
// --public-url, so that the URLs printed into QR codes name the real port.
uint16_t PickFreePort(const std::string& host) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  uint16_t port = 0;
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) == 1 &&
      ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
      port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

// True when the embedded store's data key sits inside its data directory (the default), where a
// backup of the directory would copy it with the data it protects.
bool KeyInsideDataDir(const StoreConfig& store) {
  if (!store.postgres_url.empty()) return false;
  if (store.data_key_file.empty()) return true;
  std::error_code ec;
  const auto dir = std::filesystem::weakly_canonical(store.data_dir, ec);
  const auto key = std::filesystem::weakly_canonical(store.data_key_file, ec);
  if (ec) return false;
  const auto relative = key.lexically_relative(dir);
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

namespace {
// The clock of the SMS adapter's request signatures; lives as long as the program.
const SystemClock system_clock;
}  // namespace

int RunServe(const ServeOptions& options) {
  auto listen = ParseListen(options.listen);
  if (!listen) {
    std::cerr << fmt::format("error: --listen must be HOST:PORT, not '{}'\n", options.listen);
    return 2;
  }
  if (listen->port == 0 && options.public_url.empty()) {
    if (const uint16_t port = PickFreePort(listen->host)) listen->port = port;
  }
  // Before any thread exists (the store starts its writer threads): every thread inherits the
  // blocked termination signals, and this thread alone takes them, then drains.
  BlockTerminationSignals();
  auto store = OpenStore(options.store);
  if (!store) {
    std::cerr << "错误 error: " << store.error().message << "\n";
    return 3;
  }
  if (KeyInsideDataDir(options.store)) {
    std::cerr << "警告：数据密钥 data.key 在数据目录中，复制数据目录的备份会连同密钥一起带走；请用 "
                 "--data-key 把密钥放在别处，并用 yizhan backup 备份 / warning: the data key is "
                 "inside the data directory, so a copy of that directory carries the key with "
                 "the data: keep it elsewhere (--data-key) and back up with `yizhan backup`\n";
  }
  if (options.demo) {
    auto loaded = LoadDemoCityIfEmpty(*store);
    if (!loaded) {
      std::cerr << "错误 error: demo city: " << loaded.error().message << "\n";
      return 3;
    }
    if (*loaded) std::cerr << "已载入演示城市：寿光市 · demonstration city loaded (Shouguang)\n";
  }

  const auto zone = TimeZone::FromName(options.time_zone);
  if (!zone) {
    std::cerr << fmt::format("error: unknown --time-zone '{}'\n", options.time_zone);
    return 2;
  }
  ServerAppConfig app_config;
  // The public address: --public-url for this run (and kept in the store, so that commands print
  // the same links), else the one the console saved, else this listening address — which only
  // this machine reaches, so QR codes and plaques are refused until the console sets one.
  auto stored_url = store->settings->GetSetting(kPublicUrlSetting);
  if (!stored_url) {
    std::cerr << "错误 error: " << stored_url.error().message << "\n";
    return 3;
  }
  const std::string listen_url = listen->host.find(':') == std::string::npos
                                     ? fmt::format("http://{}:{}", listen->host, listen->port)
                                     : fmt::format("http://[{}]:{}", listen->host, listen->port);
  if (!options.public_url.empty()) {
    auto normal = NormalisePublicUrl(options.public_url);
    if (!normal) {
      std::cerr << "错误 error: --public-url: " << normal.error().message << "\n";
      return 2;
    }
    app_config.public_api.public_url = *normal;
    app_config.public_url_fixed = true;
    if (auto saved = store->settings->SetSetting(kPublicUrlSetting, *normal); !saved) {
      std::cerr << "错误 error: " << saved.error().message << "\n";
      return 3;
    }
  } else if (stored_url->has_value() && !(*stored_url)->empty()) {
    app_config.public_api.public_url = **stored_url;
  } else {
    app_config.public_api.public_url = listen_url;
  }
  if (auto saved = store->settings->SetSetting(kListenUrlSetting, listen_url); !saved) {
    std::cerr << "错误 error: " << saved.error().message << "\n";
    return 3;
  }
  if (auto why = WhyNotPrintable(app_config.public_api.public_url)) {
    std::cerr << "警告 warning: " << *why << "\n";
  }
  app_config.public_api.zone = *zone;
  app_config.public_api.limits.enabled = options.rate_limit;
  app_config.public_api.map_tiles = options.map_tiles;
  app_config.public_api.tianditu_key = options.tianditu_key;
  app_config.access_log = options.access_log;
  app_config.photo_dir = std::filesystem::path(options.store.data_dir) / "photos";
  if (!options.sms_key_file.empty()) {
    auto gateway = OpenSmsGateway(options.sms_key_file, system_clock);
    if (!gateway) {
      std::cerr << "错误 error: --sms-key: " << gateway.error().message << "\n";
      return 2;
    }
    app_config.sms_gateway = std::move(*gateway);
    std::cerr << fmt::format("短信经 {} 发送 · SMS sent through {}\n",
                             app_config.sms_gateway->Name(), app_config.sms_gateway->Name());
  }
  const std::string store_kind(store->kind);
  auto app = ServerApp::Create(std::move(*store), app_config);
  if (!app) {
    std::cerr << "错误 error: " << app.error().message << "\n";
    return 3;
  }

  HttpServerConfig config;
  config.host = listen->host;
  config.port = listen->port;
  config.threads = options.threads;
  config.max_connections_per_address = options.max_connections_per_address;
  config.trusted_proxies = options.trusted_proxies;
  config.strict_transport_security = options.hsts;
  config.admit_body = [&app = **app](const HttpRequest& head) { return app.AdmitBody(head); };
  HttpServer server(config, (*app)->router().AsHandler());
  if (auto started = server.Start(); !started) {
    std::cerr << "错误 error: " << started.error().message << "\n";
    return 3;
  }
  std::cerr << fmt::format("驿站服务已启动 · yizhan listening on http://{}:{}/ ({} store)\n",
                           listen->host, server.port(), store_kind);
  WaitForTerminationSignal();
  std::cerr << "正在停止 · draining…\n";
  server.Stop(std::chrono::seconds(10));
  std::fflush(stdout);
  return 0;
}

}  // namespace yz
