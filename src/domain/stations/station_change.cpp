#include "domain/stations/station_change.h"

#include <fmt/format.h>

#include <cmath>

#include "core/date.h"
#include "core/geo.h"
#include "core/money.h"

namespace yz {
namespace {

std::string_view StateLabel(AmenityState s) {
  switch (s) {
    case AmenityState::kWorking:
      return "正常";
    case AmenityState::kBroken:
      return "损坏";
    case AmenityState::kMissing:
      return "缺失";
  }
  return "";
}

std::string OrNone(std::string_view text) { return text.empty() ? "（空）" : std::string(text); }

std::string ServiceList(const Station& s) {
  std::string out;
  for (Service v : s.services) out += (out.empty() ? "" : "、") + std::string(ServiceLabel(v));
  return OrNone(out);
}

}  // namespace

std::string DescribeStationChange(const Station& before, const Station& after) {
  std::string out;
  const auto add = [&out](std::string_view part) {
    if (!out.empty()) out += "；";
    out += part;
  };
  const auto text = [&](std::string_view label, std::string_view a, std::string_view b) {
    if (a != b) add(fmt::format("{}：{} → {}", label, OrNone(a), OrNone(b)));
  };
  text("名称", before.name, after.name);
  text("地址", before.address, after.address);
  if (before.location.lat.degrees() != after.location.lat.degrees() ||
      before.location.lng.degrees() != after.location.lng.degrees()) {
    add(fmt::format("位置：移动约 {:.0f} 米", DistanceMeters(before.location, after.location)));
  }
  text("所属区域", before.region, after.region);
  if (before.host_type != after.host_type) {
    text("共建单位类型", before.host_type ? HostTypeLabel(*before.host_type) : "",
         after.host_type ? HostTypeLabel(*after.host_type) : "");
  }
  if (before.host_id != after.host_id) {
    text("共建单位", before.host_id ? fmt::format("{} 号", *before.host_id) : "",
         after.host_id ? fmt::format("{} 号", *after.host_id) : "");
  }
  text("级别", LevelLabel(before.level), LevelLabel(after.level));
  text("状态", StationStatusLabel(before.status), StationStatusLabel(after.status));
  text("开放时间", before.opening_hours.text(), after.opening_hours.text());
  for (int a = 0; a < kAmenityCount; ++a) {
    const auto amenity = static_cast<Amenity>(a);
    const auto was = before.AmenityStateOf(amenity);
    const auto is = after.AmenityStateOf(amenity);
    if (was == is) continue;
    add(fmt::format("{}：{} → {}", AmenityLabel(amenity), was ? StateLabel(*was) : "没有",
                    is ? StateLabel(*is) : "没有"));
  }
  text("服务", ServiceList(before), ServiceList(after));
  if (before.manager != after.manager) add("站点责任人：已修改");
  if (before.phone != after.phone) add("责任人手机：已修改");
  text("公开服务电话", before.service_phone, after.service_phone);
  text("建成日期", before.opened_on ? FormatDate(*before.opened_on) : "",
       after.opened_on ? FormatDate(*after.opened_on) : "");
  text("投资额（元）", before.investment ? FormatYuan(*before.investment) : "",
       after.investment ? FormatYuan(*after.investment) : "");
  return out;
}

}  // namespace yz
