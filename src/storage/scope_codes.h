// The stored form of an account's scope: codes joined with '|' (codes never contain '|').
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace yz {

inline std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out.push_back('|');
    out += c;
  }
  return out;
}

inline std::vector<std::string> SplitCodes(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto bar = text.find('|');
    if (bar != 0) out.emplace_back(text.substr(0, bar));
    if (bar == std::string_view::npos) break;
    text.remove_prefix(bar + 1);
  }
  return out;
}

}  // namespace yz
