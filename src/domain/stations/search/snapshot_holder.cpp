#include "domain/stations/search/snapshot_holder.h"

#include <utility>

namespace yz {

SnapshotHolder::SnapshotHolder(std::shared_ptr<const StationSnapshot> initial)
    : current_(initial ? std::move(initial) : StationSnapshot::Empty()) {}

std::shared_ptr<const StationSnapshot> SnapshotHolder::Current() const {
  return current_.load(std::memory_order_acquire);
}

std::shared_ptr<const StationSnapshot> SnapshotHolder::Replace(
    std::shared_ptr<const StationSnapshot> next) {
  if (!next) next = StationSnapshot::Empty();
  return current_.exchange(std::move(next), std::memory_order_acq_rel);
}

}  // namespace yz
