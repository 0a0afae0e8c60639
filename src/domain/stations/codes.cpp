#include "domain/stations/codes.h"

#include <algorithm>

namespace yz {
namespace {

struct Entry {
  std::string_view code;
  std::string_view label;
};

constexpr std::array<Entry, kAmenityCount> kAmenities{{
    {"seating", "桌椅"}, {"cooling_heating", "冷暖设备"}, {"drinking_water", "饮水机"},
    {"microwave", "微波炉"}, {"toilet", "卫生间"}, {"locker", "储物柜"},
    {"repair_kit", "维修工具箱"}, {"first_aid", "急救药箱"}, {"charging", "充电设施"},
    {"books", "图书报刊"}, {"wifi", "无线网络"}, {"fridge", "冰箱"}, {"tv", "电视"},
    {"umbrella", "雨具"}, {"aed", "除颤仪"}, {"hot_water", "热水"},
    {"ebike_charging", "电动车充电"}, {"tire_inflation", "充气"}, {"washbasin", "洗手池"},
}};

constexpr std::array<Entry, kServiceCount> kServices{{
    {"union_enrollment", "入会服务"}, {"legal_aid", "法律咨询"}, {"mediation", "劳动纠纷调解"},
    {"insurance", "保险赠送"}, {"micro_wish", "微心愿"}, {"reading_room", "职工书屋"},
    {"activities", "文体活动"},
}};

constexpr std::array<Entry, kHostTypeCount> kHostTypes{{
    {"bank", "银行网点"}, {"gas_station", "加油站"}, {"post_express", "邮政快递"},
    {"community_center", "党群服务中心"}, {"sanitation", "环卫单位"}, {"union", "工会自建"},
    {"commercial", "商超商户"}, {"transit", "车站"}, {"government", "机关镇街"},
    {"enterprise", "企业"}, {"other", "其他"},
}};

constexpr std::array<Entry, kLevelCount> kLevels{{
    {"standard", "标准站点"}, {"city_demo", "市级示范点"}, {"provincial_demo", "省级示范点"},
    {"national_demo", "全国示范点"},
}};

constexpr std::array<Entry, kStationStatusCount> kStatuses{{
    {"planned", "规划中"}, {"building", "建设中"}, {"open", "开放"}, {"suspended", "暂停"},
    {"closed", "关闭"},
}};

constexpr std::array<Entry, kWorkerCategoryCount> kWorkerCategories{{
    {"sanitation", "环卫"}, {"landscaping", "园林"}, {"courier", "快递"}, {"delivery", "外卖"},
    {"driver", "司机"}, {"traffic_police", "交通执勤"}, {"construction", "建筑"},
    {"domestic", "家政"}, {"other", "其他"},
}};

constexpr std::array<Entry, 3> kAmenityStates{{
    {"working", "正常"}, {"broken", "损坏"}, {"missing", "缺失"},
}};

constexpr std::array<Amenity, 10> kDefaultStandard{
    Amenity::kSeating, Amenity::kCoolingHeating, Amenity::kDrinkingWater, Amenity::kMicrowave,
    Amenity::kToilet, Amenity::kLocker, Amenity::kRepairKit, Amenity::kFirstAid,
    Amenity::kCharging, Amenity::kBooks,
};

template <class E, std::size_t N>
std::optional<E> Find(const std::array<Entry, N>& table, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i].code == code) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view AmenityCode(Amenity a) { return kAmenities[static_cast<int>(a)].code; }
std::string_view AmenityLabel(Amenity a) { return kAmenities[static_cast<int>(a)].label; }
std::optional<Amenity> ParseAmenity(std::string_view c) { return Find<Amenity>(kAmenities, c); }
std::span<const Amenity> DefaultStandardAmenities() { return kDefaultStandard; }

std::string_view ServiceCode(Service s) { return kServices[static_cast<int>(s)].code; }
std::string_view ServiceLabel(Service s) { return kServices[static_cast<int>(s)].label; }
std::optional<Service> ParseService(std::string_view c) { return Find<Service>(kServices, c); }

std::string_view HostTypeCode(HostType h) { return kHostTypes[static_cast<int>(h)].code; }
std::string_view HostTypeLabel(HostType h) { return kHostTypes[static_cast<int>(h)].label; }
std::optional<HostType> ParseHostType(std::string_view c) { return Find<HostType>(kHostTypes, c); }

std::string_view LevelCode(Level l) { return kLevels[static_cast<int>(l)].code; }
std::string_view LevelLabel(Level l) { return kLevels[static_cast<int>(l)].label; }
std::optional<Level> ParseLevel(std::string_view c) { return Find<Level>(kLevels, c); }

std::string_view StationStatusCode(StationStatus s) { return kStatuses[static_cast<int>(s)].code; }
std::string_view StationStatusLabel(StationStatus s) { return kStatuses[static_cast<int>(s)].label; }
std::optional<StationStatus> ParseStationStatus(std::string_view c) {
  return Find<StationStatus>(kStatuses, c);
}

std::string_view WorkerCategoryCode(WorkerCategory c) {
  return kWorkerCategories[static_cast<int>(c)].code;
}
std::string_view WorkerCategoryLabel(WorkerCategory c) {
  return kWorkerCategories[static_cast<int>(c)].label;
}
std::optional<WorkerCategory> ParseWorkerCategory(std::string_view c) {
  return Find<WorkerCategory>(kWorkerCategories, c);
}

std::string_view AmenityStateCode(AmenityState s) { return kAmenityStates[static_cast<int>(s)].code; }
std::optional<AmenityState> ParseAmenityState(std::string_view c) {
  return Find<AmenityState>(kAmenityStates, c);
}

bool IsValidStationCode(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

}  // namespace yz
