// The station list page (`GET /stations`): every station of the registry in a table, in
// Chinese, rendered on the server so it works without JavaScript.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/stations/registry_types.h"
#include "domain/stations/station.h"

namespace yz {

// Lists `shown` (the first stations by code) and states the registry's totals, with a note when
// `shown` is not all of it. Phones are masked. All stored text is HTML-escaped.
std::string RenderStationListPage(std::span<const Station* const> shown, std::size_t total, std::size_t open,
                                  const std::vector<Region>& regions);

// The page's style sheet, inline in the page: its Content-Security-Policy must allow this text's
// hash.
std::string_view StationListPageStyle();

}  // namespace yz
