#include "domain/stations/search/search_query.h"

#include <cmath>
#include <string>

namespace yz {

Result<void> SearchQuery::Validate() const {
  if (!origin.IsValid()) {
    return Error::InvalidArgument("origin must be a valid WGS-84 point");
  }
  if (limit < kMinSearchLimit || limit > kMaxSearchLimit) {
    return Error::InvalidArgument("limit must be between " + std::to_string(kMinSearchLimit) +
                                  " and " + std::to_string(kMaxSearchLimit));
  }
  if (radius_m && !(std::isfinite(*radius_m) && *radius_m > 0.0)) {
    return Error::InvalidArgument("radius_m must be a finite number of metres above 0");
  }
  if (min_stars < 0 || min_stars > 5) {
    return Error::InvalidArgument("min_stars must be between 0 and 5");
  }
  if (at.weekday < 0 || at.weekday > 6 || at.minute_of_day < 0 || at.minute_of_day >= 24 * 60) {
    return Error::InvalidArgument("evaluation time out of range");
  }
  return Ok();
}

}  // namespace yz
