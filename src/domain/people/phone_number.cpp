#include "domain/people/phone_number.h"

namespace yz {

std::optional<std::string> NormalizeMainlandMobile(std::string_view text) {
  if (text.size() > 32) return std::nullopt;
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '-') {
      return std::nullopt;
    }
  }
  if (digits.size() == 15 && digits.starts_with("0086") && !plus) {
    digits.erase(0, 4);
  } else if (digits.size() == 13 && digits.starts_with("86")) {
    digits.erase(0, 2);
  } else if (plus) {
    return std::nullopt;  // "+" with another country code
  }
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') return std::nullopt;
  return digits;
}

}  // namespace yz
