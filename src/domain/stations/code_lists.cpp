#include "domain/stations/code_lists.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"

namespace yz {
namespace {

std::vector<std::string_view> SplitBars(std::string_view text) {
  std::vector<std::string_view> items;
  std::size_t start = 0;
  while (true) {
    const auto bar = text.find('|', start);
    items.push_back(Trim(text.substr(start, bar == std::string_view::npos ? text.npos : bar - start)));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return items;
}

}  // namespace

Result<std::vector<StationAmenity>> ParseAmenityList(std::string_view text) {
  std::vector<StationAmenity> out;
  if (Trim(text).empty()) return out;
  for (std::string_view item : SplitBars(text)) {
    if (item.empty()) return Error::InvalidArgument("empty amenity in list");
    std::string_view code = item;
    AmenityState state = AmenityState::kWorking;
    if (const auto colon = item.find(':'); colon != std::string_view::npos) {
      code = item.substr(0, colon);
      const auto parsed_state = ParseAmenityState(item.substr(colon + 1));
      if (!parsed_state) {
        return Error::InvalidArgument(
            fmt::format("unknown amenity state '{}' (working, broken, missing)", item.substr(colon + 1)));
      }
      state = *parsed_state;
    }
    const auto amenity = ParseAmenity(code);
    if (!amenity) return Error::InvalidArgument(fmt::format("unknown amenity '{}'", code));
    if (std::any_of(out.begin(), out.end(), [&](const auto& e) { return e.amenity == *amenity; })) {
      return Error::InvalidArgument(fmt::format("amenity '{}' listed twice", code));
    }
    out.push_back({*amenity, state});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.amenity < b.amenity; });
  return out;
}

Result<std::vector<Service>> ParseServiceList(std::string_view text) {
  std::vector<Service> out;
  if (Trim(text).empty()) return out;
  for (std::string_view item : SplitBars(text)) {
    if (item.empty()) return Error::InvalidArgument("empty service in list");
    const auto service = ParseService(item);
    if (!service) return Error::InvalidArgument(fmt::format("unknown service '{}'", item));
    if (std::find(out.begin(), out.end(), *service) != out.end()) {
      return Error::InvalidArgument(fmt::format("service '{}' listed twice", item));
    }
    out.push_back(*service);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string FormatAmenityList(const std::vector<StationAmenity>& amenities) {
  std::string out;
  for (const auto& e : amenities) {
    if (!out.empty()) out += '|';
    out += AmenityCode(e.amenity);
    if (e.state != AmenityState::kWorking) {
      out += ':';
      out += AmenityStateCode(e.state);
    }
  }
  return out;
}

std::string FormatServiceList(const std::vector<Service>& services) {
  std::string out;
  for (Service s : services) {
    if (!out.empty()) out += '|';
    out += ServiceCode(s);
  }
  return out;
}

}  // namespace yz
