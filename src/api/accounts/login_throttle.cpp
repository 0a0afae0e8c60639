#include "api/accounts/login_throttle.h"

#include <fmt/format.h>

#include "domain/checkins/checkin.h"

namespace yz {

bool LoginThrottle::Admit(std::string_view address) {
  if (!enabled_ || limiter_.Peek(address)) return true;
  const int64_t minute = ToEpochMillis(clock_.Now()) / 60'000;
  int64_t previous = -1;  // -1: this minute is already in the log
  {
    std::lock_guard lock(mu_);
    if (refused_.size() >= kMaxTracked) {  // forget addresses quiet for a while
      std::erase_if(refused_, [&](const auto& item) { return item.second.minute < minute - 5; });
    }
    Refusals& r = refused_[std::string(address)];
    if (r.minute != minute) {
      previous = r.count;
      r = {minute, 0};
    }
    ++r.count;
  }
  if (previous >= 0) {
    auditor_.RecordAs(
        "", "", address, "auth.login.throttled", "", AuditOutcome::kDenied,
        previous > 0
            ? fmt::format(
                  "该地址登录尝试过多，本分钟起拒绝（此前受限的一分钟内拒绝 {} 次） / too many "
                  "sign-in attempts from this address ({} refused in its previous "
                  "throttled minute)",
                  previous, previous)
            : "该地址登录尝试过多，本分钟起拒绝 / too many sign-in attempts from this address");
  }
  return false;
}

void LoginThrottle::Failed(std::string_view address) {
  if (enabled_) (void)limiter_.Allow(address);
}

}  // namespace yz
