#include "domain/stations/station.h"

#include <algorithm>

namespace yz {

std::optional<AmenityState> Station::AmenityStateOf(Amenity a) const {
  for (const auto& e : amenities) {
    if (e.amenity == a) return e.state;
  }
  return std::nullopt;
}

bool Station::HasWorkingAmenity(Amenity a) const {
  return AmenityStateOf(a) == AmenityState::kWorking;
}

bool Station::HasService(Service s) const {
  return std::find(services.begin(), services.end(), s) != services.end();
}

std::string DialablePhone(std::string_view phone) {
  std::string dial;
  for (char c : phone) {
    if ((c >= '0' && c <= '9') || c == '+') dial += c;
  }
  return dial;
}

bool SameStation(const Station& a, const Station& b) {
  return a.code == b.code && a.name == b.name && a.address == b.address &&
         a.location == b.location && a.region == b.region && a.host_type == b.host_type &&
         a.host_id == b.host_id && a.level == b.level && a.status == b.status &&
         a.opening_hours.text() == b.opening_hours.text() && a.amenities == b.amenities &&
         a.services == b.services && a.manager == b.manager && a.phone == b.phone &&
         a.service_phone == b.service_phone && a.opened_on == b.opened_on &&
         a.investment == b.investment && a.photos == b.photos;
}

void Canonicalize(Station& s) {
  std::stable_sort(s.amenities.begin(), s.amenities.end(),
                   [](const auto& x, const auto& y) { return x.amenity < y.amenity; });
  std::sort(s.services.begin(), s.services.end());
}

}  // namespace yz
