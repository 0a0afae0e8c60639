// The pixels that uploads may have decoded at once, all together. Decoding and re-encoding an
// image holds about 3 bytes per pixel twice over (the pixels, then their turned copy): a
// 40-megapixel PNG took 115 MB. Every upload's decode takes its pixels from one shared budget
// first, and one that does not fit is refused at once (503 unavailable, try again) rather than
// queued, so that a few concurrent large uploads cannot take the server's memory.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>

namespace yz {

class DecodeBudget {
 public:
  // Pixels granted at once, by all holders together.
  explicit DecodeBudget(int64_t pixels) : capacity_(pixels) {}
  DecodeBudget(const DecodeBudget&) = delete;
  DecodeBudget& operator=(const DecodeBudget&) = delete;

  // Pixels held until destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept : budget_(other.budget_), pixels_(other.pixels_) {
      other.budget_ = nullptr;
    }
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (budget_ != nullptr) budget_->Give(pixels_);
    }

   private:
    friend class DecodeBudget;
    Lease(DecodeBudget* budget, int64_t pixels) : budget_(budget), pixels_(pixels) {}
    DecodeBudget* budget_;
    int64_t pixels_;
  };

  // `pixels` (at least 1) while they fit in what is left; nullopt when they do not. Thread-safe.
  std::optional<Lease> Take(int64_t pixels);

  int64_t in_use() const;

  // The budget of the server's uploads: 80 million pixels, two 40-megapixel photos at once
  // (about 230 MB at the peak).
  static DecodeBudget& Shared();

 private:
  void Give(int64_t pixels);

  const int64_t capacity_;
  mutable std::mutex mu_;
  int64_t used_ = 0;
};

}  // namespace yz
