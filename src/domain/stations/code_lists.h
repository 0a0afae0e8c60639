// The `|`-separated code lists of the station file, also used as the stored form:
//   amenities "seating|microwave:broken|toilet:missing" (state omitted when working),
//   services  "legal_aid|insurance".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/stations/station.h"

namespace yz {

// "" → empty list. Unknown codes or states, empty items and duplicates → invalid_argument
// naming the offending item. The result is in canonical (enum) order.
Result<std::vector<StationAmenity>> ParseAmenityList(std::string_view text);
Result<std::vector<Service>> ParseServiceList(std::string_view text);

std::string FormatAmenityList(const std::vector<StationAmenity>& amenities);
std::string FormatServiceList(const std::vector<Service>& services);

}  // namespace yz
