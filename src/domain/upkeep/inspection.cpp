#include "domain/upkeep/inspection.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace yz {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kFixedItems{{
    {"hours_kept", "按公示时间开放"},
    {"clean", "环境整洁"},
    {"rules_posted", "管理制度和服务公约上墙"},
    {"plaque_qr", "站牌和签到二维码完好可扫"},
}};

constexpr std::string_view kAmenityPrefix = "amenity:";

}  // namespace

std::string_view CheckResultCode(CheckResult r) {
  return r == CheckResult::kPass ? "pass" : r == CheckResult::kFail ? "fail" : "na";
}
std::optional<CheckResult> ParseCheckResult(std::string_view code) {
  if (code == "pass") return CheckResult::kPass;
  if (code == "fail") return CheckResult::kFail;
  if (code == "na") return CheckResult::kNotApplicable;
  return std::nullopt;
}

std::vector<ChecklistItem> ChecklistFor(const Station& station,
                                        const std::vector<Amenity>& standard) {
  std::vector<ChecklistItem> out;
  const auto add_amenity = [&](Amenity a) {
    out.push_back({std::string(kAmenityPrefix) + std::string(AmenityCode(a)),
                   std::string(AmenityLabel(a)) + "：有且能用"});
  };
  for (const Amenity a : standard) add_amenity(a);
  for (const StationAmenity& a : station.amenities) {
    if (std::find(standard.begin(), standard.end(), a.amenity) == standard.end()) {
      add_amenity(a.amenity);
    }
  }
  for (const auto& [item, label] : kFixedItems)
    out.push_back({std::string(item), std::string(label)});
  return out;
}

std::optional<Amenity> AmenityOfItem(std::string_view item) {
  if (!item.starts_with(kAmenityPrefix)) return std::nullopt;
  return ParseAmenity(item.substr(kAmenityPrefix.size()));
}

int InspectionScore(const std::vector<InspectionItem>& items) {
  int passed = 0, failed = 0;
  for (const InspectionItem& i : items) {
    passed += i.result == CheckResult::kPass;
    failed += i.result == CheckResult::kFail;
  }
  if (passed + failed == 0) return 100;
  return static_cast<int>(std::lround(100.0 * passed / (passed + failed)));
}

}  // namespace yz
