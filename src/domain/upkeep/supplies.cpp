#include "domain/upkeep/supplies.h"

#include <algorithm>
#include <array>
#include <map>

namespace yz {
namespace {

struct Entry {
  std::string_view code;
  std::string_view label;
};
constexpr std::array<Entry, 3> kKinds{{{"restock", "补充"}, {"use", "领用"}, {"discard", "报废"}}};
constexpr std::array<Entry, 3> kAlerts{
    {{"expired", "已过期"}, {"expiring", "30 天内过期"}, {"below_minimum", "低于最少数量"}}};

}  // namespace

std::string_view SupplyEntryKindCode(SupplyEntryKind k) { return kKinds[static_cast<int>(k)].code; }
std::string_view SupplyEntryKindLabel(SupplyEntryKind k) {
  return kKinds[static_cast<int>(k)].label;
}
std::optional<SupplyEntryKind> ParseSupplyEntryKind(std::string_view code) {
  for (std::size_t i = 0; i < kKinds.size(); ++i) {
    if (kKinds[i].code == code) return static_cast<SupplyEntryKind>(i);
  }
  return std::nullopt;
}
std::string_view SupplyAlertKindCode(SupplyAlertKind k) {
  return kAlerts[static_cast<int>(k)].code;
}
std::string_view SupplyAlertKindLabel(SupplyAlertKind k) {
  return kAlerts[static_cast<int>(k)].label;
}

std::vector<SupplyBatch> BatchesFrom(const std::vector<SupplyEntry>& ledger) {
  std::map<std::pair<std::string, std::string>, SupplyBatch> batches;
  for (const SupplyEntry& e : ledger) {
    SupplyBatch& b = batches[{e.item, e.batch}];
    b.item = e.item;
    b.batch = e.batch;
    if (e.kind == SupplyEntryKind::kRestock) {
      b.quantity += e.quantity;
      if (e.expires_on) b.expires_on = e.expires_on;
    } else {
      b.quantity -= e.quantity;
    }
  }
  std::vector<SupplyBatch> out;
  for (auto& [key, b] : batches) {
    if (b.quantity > 0) out.push_back(std::move(b));
  }
  std::sort(out.begin(), out.end(), [](const SupplyBatch& a, const SupplyBatch& b) {
    if (a.item != b.item) return a.item < b.item;
    if (a.expires_on != b.expires_on) return a.expires_on < b.expires_on;
    return a.batch < b.batch;
  });
  return out;
}

std::vector<SupplyAlert> AlertsFor(const std::vector<SupplyBatch>& batches,
                                   const std::vector<SupplyItem>& catalogue,
                                   const std::unordered_map<std::string, int>& minimums,
                                   Date today) {
  std::vector<SupplyAlert> out;
  const auto soon = std::chrono::sys_days(today) + std::chrono::days(30);
  std::map<std::string, int> held;
  for (const SupplyBatch& b : batches) {
    held[b.item] += b.quantity;
    if (!b.expires_on) continue;
    if (*b.expires_on < today) {
      out.push_back({SupplyAlertKind::kExpired, b.item, b.batch, b.expires_on, b.quantity, 0});
    } else if (std::chrono::sys_days(*b.expires_on) <= soon) {
      out.push_back({SupplyAlertKind::kExpiringSoon, b.item, b.batch, b.expires_on, b.quantity, 0});
    }
  }
  for (const SupplyItem& item : catalogue) {
    const auto set = minimums.find(item.code);
    const int minimum = set != minimums.end() ? set->second : item.default_minimum;
    if (minimum <= 0) continue;
    // Expired stock does not count towards the minimum.
    int usable = 0;
    for (const SupplyBatch& b : batches) {
      if (b.item == item.code && !(b.expires_on && *b.expires_on < today)) usable += b.quantity;
    }
    if (usable < minimum)
      out.push_back({SupplyAlertKind::kBelowMinimum, item.code, "", std::nullopt, usable, minimum});
  }
  return out;
}

}  // namespace yz
