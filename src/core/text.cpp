#include "core/text.h"

namespace yz {

std::size_t FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    unsigned int cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view s) { return FindInvalidUtf8(s) == std::string_view::npos; }

std::vector<int> LinesWithInvalidUtf8(std::string_view s) {
  std::vector<int> lines;
  int line = 1;
  std::size_t counted = 0;  // newlines before `counted` are in `line`
  std::size_t from = 0;
  while (from < s.size()) {
    const std::size_t bad = FindInvalidUtf8(s.substr(from));
    if (bad == std::string_view::npos) break;
    const std::size_t at = from + bad;
    for (; counted < at; ++counted) line += s[counted] == '\n';
    lines.push_back(line);
    const std::size_t next_line = s.find('\n', at);
    if (next_line == std::string_view::npos) break;
    from = next_line + 1;
  }
  return lines;
}

std::size_t CountCodePoints(std::string_view s) {
  std::size_t count = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

}  // namespace yz
