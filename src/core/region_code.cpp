#include "core/region_code.h"

#include <algorithm>

namespace yz {

bool IsValidRegionCode(std::string_view code) {
  const auto n = code.size();
  if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool RegionCovers(std::string_view scope, std::string_view code) {
  return code.substr(0, scope.size()) == scope;
}

std::vector<std::string> RegionAncestors(std::string_view code) {
  std::vector<std::string> out;
  for (std::size_t len : {2u, 4u, 6u, 9u}) {
    if (len < code.size()) out.emplace_back(code.substr(0, len));
  }
  return out;
}

}  // namespace yz
