// Every station's rating average and count, in memory, updated the moment a rating is durable.
// Thread-safe: many readers, occasional writers.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/checkins/checkin_repository.h"

namespace yz {

struct StationRating {
  std::optional<double> average;  // nullopt when there is no rating yet
  int64_t count = 0;
};

class RatingBook {
 public:
  // Replaces everything (start-up, from CheckinRepository::RatingTotals).
  void Reset(std::unordered_map<std::string, RatingTotal> totals);
  void Add(std::string_view station_code, int stars);
  StationRating Get(std::string_view station_code) const;
  // out[i] = Get(codes[i]) under one lock (a search answer's ratings). REQUIRES: equal sizes.
  void GetMany(std::span<const std::string_view> codes, std::span<StationRating> out) const;
  // Moves on with every Reset and Add: an answer built from the ratings (the GeoJSON) is current
  // while this has not moved.
  uint64_t version() const { return version_.load(std::memory_order_acquire); }

 private:
  // Looks up by std::string_view without building a std::string (C++20 heterogeneous lookup).
  struct CodeHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view code) const {
      return std::hash<std::string_view>()(code);
    }
  };
  mutable std::shared_mutex mutex_;
  std::atomic<uint64_t> version_{0};
  std::unordered_map<std::string, RatingTotal, CodeHash, std::equal_to<>> totals_;
};

}  // namespace yz
