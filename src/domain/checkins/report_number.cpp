#include "domain/checkins/report_number.h"

#include "core/crypto.h"

namespace yz {
namespace {

bool AllDigits(std::string_view s) {
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

bool IsOlderId(std::string_view s) {
  if (s.size() != 16) return false;
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// The Luhn digit that makes `digits` + it pass the check.
char LuhnDigit(std::string_view digits) {
  int sum = 0;
  bool twice = true;  // the rightmost payload digit is doubled, the check digit is not
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

}  // namespace

std::string WithCheckDigit(std::string_view nine) {
  std::string out(nine);
  out.push_back(LuhnDigit(nine));
  return out;
}

std::string NewReportNumber() {
  std::string nine = RandomDigits(9);
  if (nine[0] == '0') nine[0] = static_cast<char>('1' + (nine[1] - '0') % 9);
  return WithCheckDigit(nine);
}

std::optional<std::string> NormalizeReportNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (IsOlderId(text)) return std::string(text);
  std::string digits;
  for (const char c : text) {
    if (c == ' ' || c == '-') continue;
    digits.push_back(c);
  }
  if (digits.size() != kReportNumberDigits || !AllDigits(digits)) return std::nullopt;
  if (LuhnDigit(std::string_view(digits).substr(0, kReportNumberDigits - 1)) != digits.back()) {
    return std::nullopt;
  }
  return digits;
}

std::string FormatReportNumber(std::string_view id) {
  if (id.size() != kReportNumberDigits || !AllDigits(id)) return std::string(id);
  return std::string(id.substr(0, 3)) + " " + std::string(id.substr(3, 3)) + " " +
         std::string(id.substr(6));
}

}  // namespace yz
