// The station plaque (牌匾): a printable PDF page per station with the union's title
// 户外劳动者服务站点, the station's name and brand, its check-in QR code, the standard amenities
// as icons, the opening hours and the supervision phone. Drawn with cairo and a CJK font
// (Noto Sans CJK SC through fontconfig). Thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/stations/codes.h"

namespace yz {

enum class PlaqueSize { kA4, kA5 };

struct PlaqueContent {
  std::string code;
  std::string name;
  std::string brand;  // "菜乡驿·温暖家", or "" for none
  std::string address;
  std::string checkin_url;         // what the QR code holds
  std::vector<Amenity> amenities;  // the standard amenities the station has, in checklist order
  std::string opening_hours;       // OSM syntax, "" when unknown
  std::string supervision_phone;
};

// One page per plaque, in order. An empty span, or a URL too long for a QR code →
// invalid_argument.
Result<std::string> RenderPlaquePdf(std::span<const PlaqueContent> plaques, PlaqueSize size);

// "Mo-Fr 08:00-18:00; Sa,Su off" → "周一至周五 08:00-18:00；周六、周日 休息"; "24/7" → "全天 24
// 小时开放".
std::string OpeningHoursForPeople(std::string_view osm);

}  // namespace yz
