// Output of mclp and lscp: the chosen sites as JSON objects, and the summary lines they share.
#pragma once

#include <string>
#include <vector>

#include "app/planning/json_writer.h"
#include "app/planning/plan_common.h"

namespace yz {

// "selected": [ids…] and "sites": [{order,id,lng,lat (input crs),host_type,cost,added_weight,
// cumulative_weight}…].
void WriteChosenSites(JsonWriter& j, const PlanInputs& in, const std::vector<SiteChoice>& chosen, double start_weight);

// One line per chosen site for the Chinese summary: "  1. C000123（银行）+540 人，累计 …".
std::string ChosenSitesText(const PlanInputs& in, const std::vector<SiteChoice>& chosen, double start_weight,
                            std::size_t limit = 50);

}  // namespace yz
