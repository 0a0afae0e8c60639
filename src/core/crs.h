// Conversions between WGS-84 and the two Chinese map coordinate systems.
// GCJ-02 (Amap, Tencent) applies only inside the box the common libraries use
// (72.004–137.8347 E, 0.8293–55.8271 N) and is the identity outside it. BD-09 (Baidu) is GCJ-02
// plus Baidu's published offset. Inverses are iterative and accurate to 0.5 m.
#pragma once

#include <optional>
#include <string_view>

#include "core/geo.h"

namespace yz {

enum class Crs { kWgs84, kGcj02, kBd09 };

// "wgs84" | "gcj02" | "bd09" → Crs; anything else → nullopt.
std::optional<Crs> ParseCrs(std::string_view text);
std::string_view CrsName(Crs crs);

// True inside the GCJ-02 box above.
bool InGcj02Box(GeoPoint wgs84);

GeoPoint Wgs84ToGcj02(GeoPoint wgs84);
GeoPoint Gcj02ToWgs84(GeoPoint gcj02);  // iterative inverse, error < 0.5 m
GeoPoint Gcj02ToBd09(GeoPoint gcj02);
GeoPoint Bd09ToGcj02(GeoPoint bd09);

// A point given in `from` as WGS-84, and a WGS-84 point expressed in `to`.
GeoPoint ToWgs84(GeoPoint p, Crs from);
GeoPoint FromWgs84(GeoPoint wgs84, Crs to);

}  // namespace yz
