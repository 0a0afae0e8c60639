// A station as the console sends it (section 6): the station file's columns as JSON members,
// `amenities` and `services` as arrays ("microwave", "microwave:broken"), numbers or strings for
// lng, lat and investment_cny, null for "unknown", an optional `crs` for lng/lat and `host_id`.
// The members are validated by the station file's own parser (one rule for the file, the command
// line and the console).
#pragma once

#include <boost/json/object.hpp>

#include "core/result.h"
#include "domain/stations/station.h"

namespace yz {

// `base` nullptr: a new station (`code`, `name`, `lng`, `lat` required). Otherwise the members
// present change `base` and the others keep their values; a `code` member must equal base's.
// Unknown members, wrong types and invalid values → invalid_argument naming the member.
Result<Station> StationFromJson(const boost::json::object& body, const Station* base);

}  // namespace yz
