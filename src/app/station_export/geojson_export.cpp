#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "api/json_text.h"
#include "api/station_json.h"
#include "app/station_export/station_export.h"

namespace yz {

std::string FormatStationGeoJson(const std::vector<Station>& stations) {
  namespace json = boost::json;
  json::array features;
  features.reserve(stations.size());
  StationJsonOptions options;
  options.include_admin_fields = true;
  for (const Station& s : stations) {
    json::object properties = StationToJson(s, options);
    properties.erase("lat");
    properties.erase("lng");
    json::object feature;
    feature["type"] = "Feature";
    feature["id"] = s.code;
    feature["geometry"] = json::object{
        {"type", "Point"},
        {"coordinates", json::array{s.location.lng.degrees(), s.location.lat.degrees()}}};
    feature["properties"] = std::move(properties);
    features.emplace_back(std::move(feature));
  }
  json::object collection{{"type", "FeatureCollection"}, {"features", std::move(features)}};
  return ToJsonText(collection);
}

}  // namespace yz
