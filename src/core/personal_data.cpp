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

}  // namespace yz
