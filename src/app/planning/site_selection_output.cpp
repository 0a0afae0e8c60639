#include "app/planning/site_selection_output.h"

#include <fmt/format.h>

namespace yz {

void WriteChosenSites(JsonWriter& j, const PlanInputs& in, const std::vector<SiteChoice>& chosen, double start_weight) {
  j.Key("selected").BeginArray();
  for (const SiteChoice& c : chosen) j.String(in.candidates[c.site].id);
  j.EndArray();
  j.Key("sites").BeginArray();
  double cumulative = start_weight;
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const CandidateSite& site = in.candidates[chosen[k].site];
    cumulative += chosen[k].added_weight;
    j.BeginObject().Field("order", static_cast<int>(k + 1)).Field("id", site.id);
    j.Field("lng", site.input_location.lng.degrees()).Field("lat", site.input_location.lat.degrees());
    j.Key("host_type");
    site.host_type ? j.String(HostTypeCode(*site.host_type)) : j.Null();
    j.Key("cost");
    site.cost ? j.Number(*site.cost) : j.Null();
    j.Field("added_weight", chosen[k].added_weight).Field("cumulative_weight", cumulative);
    j.EndObject();
  }
  j.EndArray();
}

std::string ChosenSitesText(const PlanInputs& in, const std::vector<SiteChoice>& chosen, double start_weight,
                            std::size_t limit) {
  std::string s;
  double cumulative = start_weight;
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const CandidateSite& site = in.candidates[chosen[k].site];
    cumulative += chosen[k].added_weight;
    if (k >= limit) continue;
    const std::string host = site.host_type ? fmt::format("（{}）", HostTypeLabel(*site.host_type)) : "";
    const std::string cost = site.cost ? fmt::format("，费用 {} 元", Grouped(*site.cost)) : "";
    s += fmt::format("  {:>3}. {}{}  新增覆盖 {} 人，累计 {}{}\n", k + 1, site.id, host, Grouped(chosen[k].added_weight),
                     Grouped(cumulative), cost);
  }
  if (chosen.size() > limit) s += fmt::format("  …… 其余 {} 个见输出文件（-o）\n", chosen.size() - limit);
  return s;
}

}  // namespace yz
