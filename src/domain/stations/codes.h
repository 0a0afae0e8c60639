// The closed code lists of the pinned contract (section 1): amenities, services, host types,
// levels, statuses and worker categories, with their stable code strings and Chinese labels.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace yz {

enum class Amenity : uint8_t {
  // The default standard set (十个一); a city may redefine which codes are standard.
  kSeating, kCoolingHeating, kDrinkingWater, kMicrowave, kToilet, kLocker, kRepairKit,
  kFirstAid, kCharging, kBooks,
  // Further amenities.
  kWifi, kFridge, kTv, kUmbrella, kAed, kHotWater, kEbikeCharging, kTireInflation, kWashbasin,
};
inline constexpr int kAmenityCount = 19;

enum class Service : uint8_t {
  kUnionEnrollment, kLegalAid, kMediation, kInsurance, kMicroWish, kReadingRoom, kActivities,
};
inline constexpr int kServiceCount = 7;

enum class HostType : uint8_t {
  kBank, kGasStation, kPostExpress, kCommunityCenter, kSanitation, kUnion, kCommercial, kTransit,
  kGovernment, kEnterprise, kOther,
};
inline constexpr int kHostTypeCount = 11;

enum class Level : uint8_t { kStandard, kCityDemo, kProvincialDemo, kNationalDemo };
inline constexpr int kLevelCount = 4;

enum class StationStatus : uint8_t { kPlanned, kBuilding, kOpen, kSuspended, kClosed };
inline constexpr int kStationStatusCount = 5;

enum class WorkerCategory : uint8_t {
  kSanitation, kLandscaping, kCourier, kDelivery, kDriver, kTrafficPolice, kConstruction,
  kDomestic, kOther,
};
inline constexpr int kWorkerCategoryCount = 9;

// The state of one amenity at one station. Only working amenities satisfy a search filter.
enum class AmenityState : uint8_t { kWorking, kBroken, kMissing };

// Code string ("microwave") and Chinese label ("微波炉") of each value; Parse* is the inverse of
// *Code and answers nullopt for anything else (codes are case-sensitive).
std::string_view AmenityCode(Amenity a);
std::string_view AmenityLabel(Amenity a);
std::optional<Amenity> ParseAmenity(std::string_view code);
std::span<const Amenity> DefaultStandardAmenities();  // the 十个一 of the contract

std::string_view ServiceCode(Service s);
std::string_view ServiceLabel(Service s);
std::optional<Service> ParseService(std::string_view code);

std::string_view HostTypeCode(HostType h);
std::string_view HostTypeLabel(HostType h);
std::optional<HostType> ParseHostType(std::string_view code);

std::string_view LevelCode(Level l);
std::string_view LevelLabel(Level l);
std::optional<Level> ParseLevel(std::string_view code);

std::string_view StationStatusCode(StationStatus s);
std::string_view StationStatusLabel(StationStatus s);
std::optional<StationStatus> ParseStationStatus(std::string_view code);

std::string_view WorkerCategoryCode(WorkerCategory c);
std::string_view WorkerCategoryLabel(WorkerCategory c);
std::optional<WorkerCategory> ParseWorkerCategory(std::string_view code);

std::string_view AmenityStateCode(AmenityState s);  // "working" | "broken" | "missing"
std::optional<AmenityState> ParseAmenityState(std::string_view code);

// True for 1 to 32 characters of A-Z a-z 0-9 _ -.
bool IsValidStationCode(std::string_view code);

}  // namespace yz
