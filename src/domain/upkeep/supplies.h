// Supplies and medicines (物资与药品): a city catalogue (drinking water, 藿香正气水, 创可贴,
// 风油精, …), and per station a ledger of batches — restocked with a quantity and, for medicines,
// an expiry date; used or discarded from a batch — with a minimum per item. From the ledger come
// the alerts: a batch expired or expiring within 30 days, an item below its minimum.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/local_time.h"
#include "core/result.h"

namespace yz {

struct SupplyItem {
  std::string code;       // a-z 0-9 _, 1–32
  std::string name;       // Chinese
  std::string unit;       // 盒, 瓶, 桶, …
  bool medicine = false;  // a medicine has an expiry date and belongs in the first-aid kit
  int default_minimum = 0;
};

enum class SupplyEntryKind : uint8_t { kRestock, kUse, kDiscard };
std::string_view SupplyEntryKindCode(SupplyEntryKind k);   // "restock", "use", "discard"
std::string_view SupplyEntryKindLabel(SupplyEntryKind k);  // "补充", "领用", "报废"
std::optional<SupplyEntryKind> ParseSupplyEntryKind(std::string_view code);

struct SupplyEntry {
  int64_t id = 0;
  std::string station_code;
  std::string item;
  SupplyEntryKind kind = SupplyEntryKind::kRestock;
  int quantity = 0;   // > 0
  std::string batch;  // the batch a use or discard takes from; a restock names a new or known one
  std::optional<Date> expires_on;  // a restocked medicine's expiry date
  UtcTime at;
  std::string actor;
  std::string note;
};

// What a station holds of one batch, from its ledger.
struct SupplyBatch {
  std::string item;
  std::string batch;
  std::optional<Date> expires_on;
  int quantity = 0;
};

enum class SupplyAlertKind : uint8_t { kExpired, kExpiringSoon, kBelowMinimum };
std::string_view SupplyAlertKindCode(SupplyAlertKind k);  // "expired", "expiring", "below_minimum"
std::string_view SupplyAlertKindLabel(
    SupplyAlertKind k);  // "已过期", "30 天内过期", "低于最少数量"

struct SupplyAlert {
  SupplyAlertKind kind = SupplyAlertKind::kBelowMinimum;
  std::string item;
  std::string batch;  // for expiry alerts
  std::optional<Date> expires_on;
  int quantity = 0;  // held (of the batch, or of the item in all)
  int minimum = 0;
};

// The batches with something left, in item then expiry order.
std::vector<SupplyBatch> BatchesFrom(const std::vector<SupplyEntry>& ledger);
// The alerts of a station on `today` (station-local): expired and expiring within 30 days per
// batch with something left; below minimum per item (minimums by item code; the catalogue's
// default where the station has none).
std::vector<SupplyAlert> AlertsFor(const std::vector<SupplyBatch>& batches,
                                   const std::vector<SupplyItem>& catalogue,
                                   const std::unordered_map<std::string, int>& minimums,
                                   Date today);

class SupplyRepository {
 public:
  virtual ~SupplyRepository() = default;
  virtual Result<std::vector<SupplyItem>> Catalogue() = 0;
  // Adds an item to the end of the catalogue, or changes the one with its code.
  virtual Result<void> SaveItem(const SupplyItem& item) = 0;
  // The whole ledger of a station, oldest first.
  virtual Result<std::vector<SupplyEntry>> Ledger(std::string_view station) = 0;
  // Appends an entry; a use or discard beyond what its batch holds → kConflict (checked in the
  // same transaction). Its id.
  virtual Result<int64_t> AddEntry(const SupplyEntry& entry) = 0;
  virtual Result<std::unordered_map<std::string, int>> Minimums(std::string_view station) = 0;
  virtual Result<void> SetMinimum(std::string_view station, std::string_view item, int minimum) = 0;
  // Every station with at least one ledger entry or minimum (the daily check's work list).
  virtual Result<std::vector<std::string>> StationsWithSupplies() = 0;
};

}  // namespace yz
