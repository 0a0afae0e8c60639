#include "api/rate_limiter.h"

#include <algorithm>
#include <functional>

namespace yz {

RateLimiter::Bucket& RateLimiter::Refilled(Shard& shard, std::string_view key, int64_t now) {
  const double per_ms = limit_.per_minute / 60'000.0;
  if (++shard.calls % kSweepEvery == 0) {
    std::erase_if(shard.buckets, [&](const auto& entry) {
      return entry.second.tokens + static_cast<double>(now - entry.second.updated_ms) * per_ms >=
             limit_.burst;
    });
  }
  auto [it, inserted] = shard.buckets.try_emplace(std::string(key), Bucket{limit_.burst, now});
  Bucket& b = it->second;
  if (!inserted) {
    b.tokens = std::min(limit_.burst, b.tokens + static_cast<double>(now - b.updated_ms) * per_ms);
    b.updated_ms = now;
  }
  return b;
}

bool RateLimiter::Allow(std::string_view key) {
  const int64_t now = clock_.Now().time_since_epoch().count();
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mutex);
  Bucket& b = Refilled(shard, key, now);
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

bool RateLimiter::Peek(std::string_view key) {
  const int64_t now = clock_.Now().time_since_epoch().count();
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mutex);
  return Refilled(shard, key, now).tokens >= 1.0;
}

}  // namespace yz
