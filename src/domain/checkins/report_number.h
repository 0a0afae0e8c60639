// Report numbers: the id of a report and of its ticket, short enough to read out on the phone and
// to type on a keypad. Ten digits: nine random (the first never 0) and a Luhn check digit, so a
// mistyped or misheard digit is caught before any lookup. Reports filed before numbers existed
// keep their 16-character ids; lookups accept both.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace yz {

inline constexpr std::size_t kReportNumberDigits = 10;

// A fresh random report number.
std::string NewReportNumber();
// The digits of `nine` followed by their Luhn check digit. REQUIRES: nine ASCII digits.
std::string WithCheckDigit(std::string_view nine);
// `text` as a stored id: spaces and hyphens between digits are dropped ("482 930 1756" →
// "4829301756"); a ten-digit number must pass its check digit; an older id (16 characters of
// A-Z a-z 0-9 _ -) passes as it is. Anything else → nullopt.
std::optional<std::string> NormalizeReportNumber(std::string_view text);
// "4829301756" → "482 930 1756", for pages and messages; older ids unchanged.
std::string FormatReportNumber(std::string_view id);

}  // namespace yz
