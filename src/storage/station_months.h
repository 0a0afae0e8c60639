// Internal to the stores: the month key of the figures kept with each check-in and rating
// (migration 013, ADR 0017).
#pragma once

#include <string>

#include "core/local_time.h"

namespace yz {

// The caller's station-local month, or China's (+08:00) when it gave none.
inline std::string MonthOf(UtcTime at, const std::string& local_month) {
  return local_month.empty() ? LocalMonth(at, TimeZone::Shanghai()) : local_month;
}

}  // namespace yz
