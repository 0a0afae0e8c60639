#include "domain/checkins/rating_book.h"

#include <mutex>

namespace yz {

void RatingBook::Reset(std::unordered_map<std::string, RatingTotal> totals) {
  std::unique_lock lock(mutex_);
  totals_.clear();
  for (auto& [code, total] : totals) totals_.emplace(code, total);
  version_.fetch_add(1, std::memory_order_release);
}

void RatingBook::Add(std::string_view station_code, int stars) {
  std::unique_lock lock(mutex_);
  auto it = totals_.find(station_code);
  if (it == totals_.end()) it = totals_.emplace(std::string(station_code), RatingTotal{}).first;
  ++it->second.count;
  it->second.stars_sum += stars;
  version_.fetch_add(1, std::memory_order_release);
}

namespace {

template <class Map>
StationRating Lookup(const Map& totals, std::string_view station_code) {
  const auto it = totals.find(station_code);
  if (it == totals.end() || it->second.count == 0) return {};
  return {static_cast<double>(it->second.stars_sum) / static_cast<double>(it->second.count),
          it->second.count};
}

}  // namespace

StationRating RatingBook::Get(std::string_view station_code) const {
  std::shared_lock lock(mutex_);
  return Lookup(totals_, station_code);
}

void RatingBook::GetMany(std::span<const std::string_view> codes,
                         std::span<StationRating> out) const {
  std::shared_lock lock(mutex_);
  for (std::size_t i = 0; i < codes.size(); ++i) out[i] = Lookup(totals_, codes[i]);
}

}  // namespace yz
