#include "api/station_json.h"

#include <boost/json/array.hpp>

#include "core/money.h"
#include "core/personal_data.h"

namespace yz {

boost::json::object StationToJson(const Station& s, const StationJsonOptions& options) {
  namespace json = boost::json;
  json::object o;
  const GeoPoint p = FromWgs84(s.location, options.crs);
  o["code"] = s.code;
  o["name"] = s.name;
  o["address"] = s.address;
  o["lat"] = p.lat.degrees();
  o["lng"] = p.lng.degrees();
  o["host_type"] = s.host_type ? json::value(HostTypeCode(*s.host_type)) : json::value(nullptr);
  o["level"] = LevelCode(s.level);
  o["stars"] = s.stars;  // the approved star grade (星级), 0 when never graded
  json::array amenities;
  json::object states;
  for (const auto& a : s.amenities) {
    if (a.state == AmenityState::kWorking) amenities.emplace_back(AmenityCode(a.amenity));
    states[AmenityCode(a.amenity)] = AmenityStateCode(a.state);
  }
  o["amenities"] = std::move(amenities);
  o["amenity_states"] = std::move(states);
  json::array services;
  for (Service sv : s.services) services.emplace_back(ServiceCode(sv));
  o["services"] = std::move(services);
  o["opening_hours"] =
      s.opening_hours.unknown() ? json::value(nullptr) : json::value(s.opening_hours.text());
  o["service_phone"] =
      s.service_phone.empty() ? json::value(nullptr) : json::value(s.service_phone);
  if (options.include_status) o["status"] = StationStatusCode(s.status);
  if (options.include_admin_fields) {
    o["region"] = s.region;
    o["manager"] = s.manager;
    o["phone"] = s.phone.empty() ? json::value(nullptr)
                                 : json::value(options.show_phone ? s.phone : MaskPhone(s.phone));
    o["opened_on"] = s.opened_on ? json::value(FormatDate(*s.opened_on)) : json::value(nullptr);
    o["investment_cny"] =
        s.investment ? json::value(FormatYuan(*s.investment)) : json::value(nullptr);
    o["host_id"] = s.host_id ? json::value(*s.host_id) : json::value(nullptr);
  }
  return o;
}

}  // namespace yz
