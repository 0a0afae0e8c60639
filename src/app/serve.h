// `yizhan serve`: the composition root of the server.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "storage/open_store.h"

namespace yz {

struct ServeOptions {
  StoreConfig store;
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free port
  std::string public_url;                 // base URL printed into QR codes; default http://{listen}
  bool demo = false;                      // fill an empty store with the demonstration city
  bool rate_limit = true;                 // per-device and per-address limits (off for load tests)
  std::string time_zone = "Asia/Shanghai";  // station-local time
  int threads = 0;                          // server threads; 0 = one per core
  bool access_log = true;                   // JSON access log on standard output
  std::string map_tiles = "osm";            // worker pages' tile source: osm, tianditu, amap, none
  std::string tianditu_key;                 // 天地图 token, for map_tiles = tianditu
  // An SMS provider's key file (src/gateways/sms/sms_gateway_config.h); empty: messages stay in
  // the console's outbox and nothing leaves the server.
  std::string sms_key_file;
  // Connections one client address may hold open (0: no limit): one process could otherwise
  // take every connection. Generous, because many phones share a carrier's address.
  std::size_t max_connections_per_address = 256;
  // Reverse proxies whose X-Forwarded-For is believed (http/server.h trusted_proxies).
  std::vector<std::string> trusted_proxies;
  // A Strict-Transport-Security value for a server reached through HTTPS ("max-age=31536000").
  std::string hsts;
};

// Runs until SIGTERM or SIGINT, then drains in-flight requests. Returns the exit status.
int RunServe(const ServeOptions& options);

}  // namespace yz
