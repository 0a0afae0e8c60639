#include "core/personal_data.h"

#include <cctype>

namespace yz {

std::string MaskPhone(std::string_view phone) {
  std::size_t digits = 0;
  for (char c : phone) digits += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
  std::size_t keep_head = 3, keep_tail = 4;
  if (digits < 8) { keep_head = 0; keep_tail = digits > 2 ? 2 : 0; }
  std::string out;
  out.reserve(phone.size());
  std::size_t index = 0;
  for (char c : phone) {
    if (!std::isdigit(static_cast<unsigned char>(c))) { out.push_back(c); continue; }
    const bool shown = index < keep_head || index >= digits - keep_tail;
    out.push_back(shown ? c : '*');
    ++index;
  }
  return out;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsMobile(std::string_view d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

// Length of the run of digits at `at`.
std::size_t DigitRun(std::string_view text, std::size_t at) {
  std::size_t n = 0;
  while (at + n < text.size() && IsDigit(text[at + n])) ++n;
  return n;
}

// A mobile number written in groups "188 1234 2223" or "188-1234-2223" at `at`: its length in
// bytes, or 0.
std::size_t GroupedMobile(std::string_view text, std::size_t at) {
  std::size_t pos = at;
  std::string digits;
  for (const std::size_t group : {3u, 4u, 4u}) {
    if (pos != at) {
      if (pos >= text.size() || (text[pos] != ' ' && text[pos] != '-')) return 0;
      ++pos;
    }
    if (DigitRun(text, pos) != group) return 0;
    digits += text.substr(pos, group);
    pos += group;
  }
  return IsMobile(digits) ? pos - at : 0;
}

// `span` with the digits at digit positions [from, to) replaced by '*'.
std::string MaskDigits(std::string_view span, std::size_t from, std::size_t to) {
  std::string out(span);
  std::size_t index = 0;
  for (char& c : out) {
    if (!IsDigit(c) && c != 'X' && c != 'x') continue;
    if (index >= from && index < to) c = '*';
    ++index;
  }
  return out;
}

}  // namespace

std::string MaskPersonalNumbers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i]) || (i > 0 && (IsLetter(text[i - 1]) || IsDigit(text[i - 1])))) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t run = DigitRun(text, i);
    const std::string_view digits = text.substr(i, run);
    bool id_with_x = run == 17 && i + run < text.size() && (text[i + run] == 'X' || text[i + run] == 'x');
    const std::size_t end = i + run + (id_with_x ? 1 : 0);
    const bool glued = end < text.size() && IsLetter(text[end]);
    if (!glued && IsMobile(digits)) {
      out += MaskDigits(digits, 3, 7);
    } else if (!glued && run == 13 && digits.starts_with("86") && IsMobile(digits.substr(2))) {
      out += MaskDigits(digits, 5, 9);
    } else if (!glued && (run == 18 || id_with_x)) {
      out += MaskDigits(text.substr(i, end - i), 3, 14);
    } else if (!glued && run == 15) {
      out += MaskDigits(digits, 3, 11);
    } else if (run == 2 && digits == "86" && end < text.size() && (text[end] == ' ' || text[end] == '-') &&
               GroupedMobile(text, end + 1) != 0) {
      const std::size_t length = GroupedMobile(text, end + 1);
      out += std::string(text.substr(i, end + 1 - i)) + MaskDigits(text.substr(end + 1, length), 3, 7);
      i = end + 1 + length;
      continue;
    } else if (const std::size_t length = run == 3 ? GroupedMobile(text, i) : 0; length != 0) {
      out += MaskDigits(text.substr(i, length), 3, 7);
      i += length;
      continue;
    } else {
      out += text.substr(i, end - i);
    }
    i = end;
  }
  return out;
}

}  // namespace yz
