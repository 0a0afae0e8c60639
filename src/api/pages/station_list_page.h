// The station list page (`GET /stations`): every station of the registry in a table, in
// Chinese, rendered on the server so it works without JavaScript.
#pragma once

#include <string>
#include <vector>

#include "domain/stations/registry_types.h"
#include "domain/stations/station.h"

namespace yz {

// At most `max_rows` rows are listed (ordered by code); the total is always stated.
// Phones are masked. All stored text is HTML-escaped.
std::string RenderStationListPage(const std::vector<Station>& stations,
                                  const std::vector<Region>& regions, std::size_t max_rows);

}  // namespace yz
