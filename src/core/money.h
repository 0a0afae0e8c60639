// Money in yuan (CNY), held exactly as an integer number of fen (0.01 CNY).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yz {

struct Money {
  int64_t fen = 0;
  friend constexpr bool operator==(Money, Money) = default;
  friend constexpr auto operator<=>(Money, Money) = default;
};

// A non-negative decimal number of yuan: digits, optionally '.' and up to two more digits
// (further digits are accepted only when they are zeros: "12.500"). Anything else → nullopt.
std::optional<Money> ParseYuan(std::string_view text);
// The shortest decimal that ParseYuan reads back: "2507000", "12.5", "0.05".
std::string FormatYuan(Money m);

}  // namespace yz
