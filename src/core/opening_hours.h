// Opening hours in the OpenStreetMap `opening_hours` syntax, for the subset the contract names:
//   24/7; weekday ranges and lists (Mo-Fr, Sa,Su, Mo,We-Fr, wrapping Fr-Mo); several time spans
//   per rule (08:00-12:00,14:00-18:00); spans past midnight (22:00-06:00 runs into the next day,
//   an end up to 48:00 is allowed, 24:00 ends at midnight); `off` / `closed` (and `open`);
//   several rules separated by `;`, a later rule replacing earlier ones for the days it names.
// A rule with times only applies to every day; a rule with weekdays only is open all day.
// Where the contract is silent, the npm `opening_hours` package (the reference implementation)
// decides; the tests compare every minute of a week against cases produced by it
// (tools/opening-hours-reference). As there, an `off` rule closes only what it names and
// replaces nothing: `Mo-Su 08:00-20:00; We 10:00-12:00 off` is open on Wednesday at 09:00; and a
// day's replacement covers the spill-over into that day but not its own spill-over into the
// next: with `Mo-Su 22:00-06:00; We off`, Wednesday 03:00 is closed and Thursday 03:00 is open.
// Weekday names are accepted in any case; spaces and tabs may stand between tokens.
// Anything else the reference would accept (holidays, months, sun times, comments, `unknown`,
// `||`, and its guesses at malformed values such as `Mon-Fri` or `8-12`) is rejected.
// An empty text means "unknown": IsOpen answers nullopt.
#pragma once

#include <array>
#include <bitset>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/local_time.h"
#include "core/result.h"

namespace yz {

class OpeningHours {
 public:
  // Unknown hours (empty text).
  OpeningHours() = default;

  // Parses `text` (surrounding white space ignored). A malformed string gives an
  // invalid_argument Error whose message says what is wrong and where (character offset).
  static Result<OpeningHours> Parse(std::string_view text);

  // The text as given (trimmed); "" when unknown. Parse(text()) gives an equal value.
  const std::string& text() const { return text_; }
  bool unknown() const { return text_.empty(); }

  // Open at this local moment? nullopt when the hours are unknown. Thread-safe, no allocation.
  // REQUIRES: 0 <= t.weekday <= 6 and 0 <= t.minute_of_day <= 1439 (as TimeZone::ToLocal gives).
  std::optional<bool> IsOpen(const LocalTime& t) const;

  // The open minutes of one weekday (0 = Monday), including the spill-over of the previous
  // day's spans past midnight. For describing the week in words and for tests.
  // All closed when the hours are unknown.
  const std::bitset<1440>& OpenMinutes(int weekday) const;

  // Equal texts compile to equal weeks, so comparing texts is comparing values.
  friend bool operator==(const OpeningHours& a, const OpeningHours& b) { return a.text_ == b.text_; }

  // Compiled: for each weekday, which minutes are open.
  using Week = std::array<std::bitset<1440>, 7>;

 private:
  std::string text_;
  // Shared between every value with the same text (the registry has a few dozen distinct
  // texts for 200,000 stations): 1,260 bytes once instead of per station. Null when unknown.
  std::shared_ptr<const Week> week_;
};

}  // namespace yz
