// GET /api/v1/config: the settings the worker pages read at start.
//
//   map.tiles       "osm" | "tianditu" | "amap" | "none" (the --map-tiles setting)
//   map.crs         the coordinate system of the tiles: markers are converted to it
//   map.layers      [{url, subdomains, attribution}] for Leaflet's L.tileLayer; [] for "none"
//   standard_amenities         the 十个一 checklist; the contract's default ten (codes.h), as the
//                              public API has no access to a city's own list
//   town_streets    [{code, name, lat, lng, stations}]: each town or street (9-digit region) with
//                   open stations, at the mean WGS-84 position of those stations, for workers
//                   whose phone gives no position
#include <algorithm>
#include <boost/json/array.hpp>
#include <map>

#include "api/api_response.h"
#include "api/public/public_api.h"

namespace yz {
namespace {

boost::json::object Layer(std::string url, std::string_view subdomains,
                          std::string_view attribution) {
  return {{"url", std::move(url)}, {"subdomains", subdomains}, {"attribution", attribution}};
}

boost::json::object MapConfig(const PublicApiConfig& config) {
  boost::json::array layers;
  std::string_view crs = "wgs84";
  if (config.map_tiles == "osm") {
    layers.emplace_back(Layer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "",
                              "&copy; OpenStreetMap contributors"));
  } else if (config.map_tiles == "tianditu") {
    // Tianditu's web-Mercator tiles are in CGCS2000, which matches WGS-84 to centimetres.
    for (const char* layer : {"vec", "cva"}) {
      layers.emplace_back(
          Layer(std::string("https://t{s}.tianditu.gov.cn/") + layer +
                    "_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=" + layer +
                    "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&"
                    "TILECOL={x}&tk=" +
                    config.tianditu_key,
                "01234567", "&copy; 天地图"));
    }
  } else if (config.map_tiles == "amap") {
    crs = "gcj02";
    layers.emplace_back(
        Layer("https://webrd0{s}.is.autonavi.com/"
              "appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
              "1234", "&copy; 高德地图"));
  }
  return {
      {"tiles", config.map_tiles}, {"crs", crs}, {"layers", std::move(layers)}, {"max_zoom", 18}};
}

// The town-street name in an address such as "山东省潍坊市寿光市圣城街道文圣街1069号": the
// text after the last 市/区/县 that ends with the first 街道/镇/乡/园区. "" when there is none.
// The public API has no access to the regions file, so the names come from the addresses.
std::string TownStreetFromAddress(std::string_view address) {
  std::size_t suffix_at = std::string_view::npos, end = 0;
  for (std::string_view suffix : {"街道", "镇", "乡", "园区"}) {
    const auto at = address.find(suffix);
    if (at != std::string_view::npos &&
        (suffix_at == std::string_view::npos || at + suffix.size() < end)) {
      suffix_at = at;
      end = at + suffix.size();
    }
  }
  if (suffix_at == std::string_view::npos) return "";
  // Search before the suffix only, so the 区 of 园区 is not taken for a district.
  const std::string_view head = address.substr(0, suffix_at);
  std::size_t begin = 0;
  for (std::string_view level : {"市", "区", "县"}) {
    const auto at = head.rfind(level);
    if (at != std::string_view::npos) begin = std::max(begin, at + level.size());
  }
  return std::string(address.substr(begin, end - begin));
}

boost::json::array TownStreets(const StationCatalog& catalog) {
  struct Acc {
    double lat = 0, lng = 0;
    int count = 0;
    std::map<std::string, int> names;
  };
  std::map<std::string, Acc> by_code;
  catalog.ForEachOpen([&](const Station& s) {
    if (s.region.size() < 9) return;
    Acc& a = by_code[s.region.substr(0, 9)];
    a.lat += s.location.lat.degrees();
    a.lng += s.location.lng.degrees();
    ++a.count;
    if (auto name = TownStreetFromAddress(s.address); !name.empty()) ++a.names[name];
  });
  boost::json::array out;
  for (const auto& [code, a] : by_code) {
    std::string name = code;
    int best = 0;
    for (const auto& [candidate, votes] : a.names) {
      if (votes > best) name = candidate, best = votes;
    }
    out.emplace_back(boost::json::object{{"code", code},
                                         {"name", name},
                                         {"lat", a.lat / a.count},
                                         {"lng", a.lng / a.count},
                                         {"stations", a.count}});
  }
  return out;
}

}  // namespace

HttpResponse PublicApi::PageConfig(const HttpRequest&, const PathParams&) const {
  boost::json::array standard;
  for (const Amenity a : DefaultStandardAmenities()) standard.emplace_back(AmenityCode(a));
  return JsonReply(200, boost::json::object{{"map", MapConfig(config_)},
                                            {"standard_amenities", std::move(standard)},
                                            {"town_streets", TownStreets(*directory_.Current())}});
}

}  // namespace yz
