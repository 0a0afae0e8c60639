// Opening hours in the OpenStreetMap `opening_hours` syntax, for the subset the contract names:
//   24/7; weekday ranges and lists (Mo-Fr, Sa,Su, Mo,We-Fr); several time spans per rule
//   (08:00-12:00,14:00-18:00); spans past midnight (22:00-06:00 runs into the next day); `off`;
//   several rules separated by `;`, a later rule replacing earlier ones for the days it names.
// Where the contract is silent, the npm `opening_hours` package (the reference implementation)
// decides; the tests compare against cases produced by it.
// An empty text means "unknown": IsOpen answers nullopt.
#pragma once

#include <array>
#include <bitset>
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
  std::optional<bool> IsOpen(const LocalTime& t) const;

  // The open minutes of one weekday (0 = Monday), including the spill-over of the previous
  // day's spans past midnight. For describing the week in words and for tests.
  const std::bitset<1440>& OpenMinutes(int weekday) const { return week_[weekday]; }

 private:
  std::string text_;
  // Compiled: for each weekday, which minutes are open.
  std::array<std::bitset<1440>, 7> week_{};
};

}  // namespace yz
