// Token-bucket rate limits keyed by a string (a device id hash, a client address). Thread-safe;
// memory is bounded by forgetting buckets that have refilled completely.
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"

namespace yz {

struct RateLimit {
  double per_minute = 30;  // sustained rate
  double burst = 10;       // bucket size: requests allowed at once
};

class RateLimiter {
 public:
  RateLimiter(RateLimit limit, const Clock& clock) : limit_(limit), clock_(clock) {}

  // Takes one token for `key`: true when allowed.
  bool Allow(std::string_view key);
  // True when `key` has a token, without taking it.
  bool Peek(std::string_view key);

 private:
  struct Bucket {
    double tokens = 0;
    int64_t updated_ms = 0;
  };
  static constexpr std::size_t kShards = 16;
  static constexpr std::size_t kSweepEvery = 4096;  // calls per shard between sweeps
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets;
    std::size_t calls = 0;
  };

  // `key`'s bucket in `shard`, refilled to `now` (created full). REQUIRES: shard.mutex held.
  Bucket& Refilled(Shard& shard, std::string_view key, int64_t now);

  RateLimit limit_;
  const Clock& clock_;
  std::array<Shard, kShards> shards_;
};

// The limits of the public write endpoints (check-ins, ratings, reports). `enabled` = false
// (serve --no-rate-limit) lets everything through.
struct PublicRateLimits {
  bool enabled = true;
  RateLimit per_device{.per_minute = 10, .burst = 5};
  // Generous: many workers share one carrier NAT address.
  RateLimit per_address{.per_minute = 600, .burst = 120};
  // Revealing a station's phone for a call (GET /station/{code}/call): a worker taps a few times,
  // a harvester of every station's number gets nowhere.
  RateLimit calls_per_address{.per_minute = 2, .burst = 6};
};

}  // namespace yz
