// The JSON form of a station, shared by the public API, the GeoJSON export and the console.
#pragma once

#include <boost/json/object.hpp>
#include <optional>

#include "core/crs.h"
#include "domain/stations/station.h"

namespace yz {

struct StationJsonOptions {
  Crs crs = Crs::kWgs84;       // system of `lat`/`lng`
  bool include_status = true;  // `status`
  bool show_phone = false;     // false: the manager's phone masked (188****2223)
  // region, manager, phone (the manager's), opened_on, investment_cny, host_id. Without them the
  // answer carries nothing of the manager: not even a masked number (issue 21).
  bool include_admin_fields = false;
};

// {"code","name","address","lat","lng","host_type","level","amenities" (working codes),
//  "amenity_states" ({code: working|broken|missing}),"services","opening_hours"
//  (text, null when unknown),"service_phone" (the public line, null when none),"status"?, …}.
// Callers add distance_m, open_now, rating.
boost::json::object StationToJson(const Station& s, const StationJsonOptions& options);

}  // namespace yz
