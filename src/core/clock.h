// The clock, injected so tests run on a fixed time instead of sleeping.
#pragma once

#include <atomic>
#include <chrono>

#include "core/local_time.h"

namespace yz {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UtcTime Now() const = 0;  // thread-safe
};

class SystemClock final : public Clock {
 public:
  UtcTime Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
};

// A clock that stands still until told to move. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(UtcTime start) : now_ms_(start.time_since_epoch().count()) {}
  UtcTime Now() const override { return UtcTime(std::chrono::milliseconds(now_ms_.load())); }
  void Advance(std::chrono::milliseconds d) { now_ms_ += d.count(); }
  void Set(UtcTime t) { now_ms_ = t.time_since_epoch().count(); }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace yz
