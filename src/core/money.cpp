#include "core/money.h"

#include <limits>

namespace yz {

std::optional<Money> ParseYuan(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t whole = 0;
  std::size_t i = 0;
  bool any_digit = false;
  for (; i < text.size() && text[i] != '.'; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    if (whole > (std::numeric_limits<int64_t>::max() / 100 - 9) / 10) return std::nullopt;
    whole = whole * 10 + (c - '0');
    any_digit = true;
  }
  int64_t fraction = 0;
  if (i < text.size()) {  // at '.'
    ++i;
    if (i == text.size()) return std::nullopt;
    for (int k = 0; i < text.size(); ++i, ++k) {
      const char c = text[i];
      if (c < '0' || c > '9') return std::nullopt;
      if (k < 2) fraction = fraction * 10 + (c - '0');
      else if (c != '0') return std::nullopt;
      if (k == 0 && i + 1 == text.size()) fraction *= 10;
    }
  }
  if (!any_digit) return std::nullopt;
  return Money{whole * 100 + fraction};
}

std::string FormatYuan(Money m) {
  std::string out = std::to_string(m.fen / 100);
  const int64_t f = m.fen % 100;
  if (f != 0) {
    out += '.';
    out += static_cast<char>('0' + f / 10);
    if (f % 10 != 0) out += static_cast<char>('0' + f % 10);
  }
  return out;
}

}  // namespace yz
