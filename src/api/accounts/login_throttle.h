// Failed sign-ins per client address. A token bucket in front of the password check that only
// failures drain: one address guessing passwords cannot make the server hash them without pause
// (argon2id takes tens of milliseconds of a core: 55 attempts a second slowed every request to
// 274 ms) nor write an audit row per attempt, while an office signing its staff in from one
// address is never slowed by its successes. Refusals are audited in aggregate: one entry per
// address and minute, counting the refusals of that address's previous throttled minute. The
// account lockout (AccountService) still counts each attempt that gets through.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "api/rate_limiter.h"
#include "domain/audit/auditor.h"

namespace yz {

class LoginThrottle {
 public:
  // `enabled` = false (serve --no-rate-limit, tests) admits every attempt.
  // REQUIRES: `clock` and `auditor` outlive this object.
  LoginThrottle(bool enabled, RateLimit per_address, const Clock& clock, Auditor& auditor)
      : enabled_(enabled), limiter_(per_address, clock), clock_(clock), auditor_(auditor) {}

  // True when an attempt from `address` may go on to the password check (the address has failures
  // left); a refusal is audited as above. Thread-safe.
  bool Admit(std::string_view address);
  // An attempt from `address` failed (a wrong password, an unknown or locked account).
  void Failed(std::string_view address);

  // 20 failures at once, then one every 3 seconds.
  static constexpr RateLimit kDefault{.per_minute = 20, .burst = 20};

 private:
  struct Refusals {
    int64_t minute = 0;  // minutes since the epoch
    int64_t count = 0;   // refused in that minute
  };
  static constexpr std::size_t kMaxTracked = 10'000;

  const bool enabled_;
  RateLimiter limiter_;
  const Clock& clock_;
  Auditor& auditor_;
  std::mutex mu_;
  std::unordered_map<std::string, Refusals> refused_;
};

}  // namespace yz
