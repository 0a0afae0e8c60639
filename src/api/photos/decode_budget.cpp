#include "api/photos/decode_budget.h"

#include <algorithm>

namespace yz {

std::optional<DecodeBudget::Lease> DecodeBudget::Take(int64_t pixels) {
  pixels = std::max<int64_t>(pixels, 1);
  std::lock_guard lock(mu_);
  if (pixels > capacity_ - used_) return std::nullopt;
  used_ += pixels;
  return Lease(this, pixels);
}

int64_t DecodeBudget::in_use() const {
  std::lock_guard lock(mu_);
  return used_;
}

void DecodeBudget::Give(int64_t pixels) {
  std::lock_guard lock(mu_);
  used_ -= pixels;
}

DecodeBudget& DecodeBudget::Shared() {
  static DecodeBudget budget(80'000'000);
  return budget;
}

}  // namespace yz
