// A calendar date (YYYY-MM-DD), proleptic Gregorian.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace yz {

using Date = std::chrono::year_month_day;

// Exactly "YYYY-MM-DD" naming a real day (2023-02-29 is rejected) → the date, else nullopt.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date d);

}  // namespace yz
