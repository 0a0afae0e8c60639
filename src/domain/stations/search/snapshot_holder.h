// The current search snapshot, swapped atomically when the stations change.
//
// Contract: a reader calls Current() once per request and uses that snapshot (and the Station
// pointers of its hits) for the whole request; it never sees a half-built state, and a later
// Replace() does not affect it. A writer builds the next snapshot aside (StationSnapshot::Build,
// which may take a while) and then calls Replace(). Current() and Replace() may be called from
// any number of threads at once. Neither blocks for longer than a reference-count update
// (std::atomic<std::shared_ptr> is lock-based in libstdc++, with a lock held only for that
// update); no reader ever waits for a build.
//
// A replaced snapshot is destroyed when its last holder lets go: Replace() hands it back, so a
// writer that drops it destroys it on its own thread unless a reader still holds it, in which
// case that reader's thread frees it at the end of its request.
#pragma once

#include <atomic>
#include <memory>

#include "domain/stations/search/station_snapshot.h"

namespace yz {

class SnapshotHolder {
 public:
  // Starts with `initial`, or with StationSnapshot::Empty() when it is null.
  explicit SnapshotHolder(std::shared_ptr<const StationSnapshot> initial = nullptr);

  SnapshotHolder(const SnapshotHolder&) = delete;
  SnapshotHolder& operator=(const SnapshotHolder&) = delete;

  // The current snapshot; never null.
  std::shared_ptr<const StationSnapshot> Current() const;

  // Makes `next` current and returns the snapshot it replaces. A null `next` means
  // StationSnapshot::Empty().
  std::shared_ptr<const StationSnapshot> Replace(std::shared_ptr<const StationSnapshot> next);

 private:
  std::atomic<std::shared_ptr<const StationSnapshot>> current_;
};

}  // namespace yz
