// Chinese administrative division codes (统计用区划代码): 6 digits for a county-level city or
// district, 9 for a town or street (镇/街道), 12 for a community or village. A region's
// ancestors are its prefixes of 2, 4, 6 and 9 digits; whoever is responsible for a region is
// responsible for everything whose code starts with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace yz {

// True for 2, 4, 6, 9 or 12 ASCII digits (2 and 4 are the province and prefecture prefixes).
bool IsValidRegionCode(std::string_view code);
// True when `code` equals `scope` or lies under it (starts with it). An empty scope covers all.
bool RegionCovers(std::string_view scope, std::string_view code);
// The proper ancestors of `code`, shortest first ("370783101" → "37", "3707", "370783").
std::vector<std::string> RegionAncestors(std::string_view code);

}  // namespace yz
