#include "domain/stations/search/snapshot_holder.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace yz {
namespace {

std::shared_ptr<const StationSnapshot> SnapshotOf(int count) {
  std::vector<Station> stations;
  for (int i = 0; i < count; ++i) {
    Station s;
    s.code = "H" + std::to_string(i);
    s.name = s.code;
    s.location = GeoPoint{Latitude(36.8 + 0.001 * i), Longitude(118.7)};
    stations.push_back(s);
  }
  return StationSnapshot::Build(std::move(stations));
}

TEST(SnapshotHolderTest, StartsEmptyWhenGivenNothing) {
  SnapshotHolder holder;
  ASSERT_NE(holder.Current(), nullptr);
  EXPECT_EQ(holder.Current()->size(), 0u);
}

TEST(SnapshotHolderTest, ReplaceReturnsThePreviousSnapshot) {
  auto first = SnapshotOf(1);
  auto second = SnapshotOf(2);
  SnapshotHolder holder(first);
  EXPECT_EQ(holder.Current(), first);
  EXPECT_EQ(holder.Replace(second), first);
  EXPECT_EQ(holder.Current(), second);
  EXPECT_EQ(holder.Replace(nullptr), second);
  EXPECT_EQ(holder.Current()->size(), 0u);
}

TEST(SnapshotHolderTest, ReadersKeepTheirSnapshotWhileAWriterSwaps) {
  SnapshotHolder holder(SnapshotOf(1));
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      SearchQuery q;
      q.origin = GeoPoint{Latitude(36.8), Longitude(118.7)};
      q.limit = 100;
      while (!stop.load()) {
        const std::shared_ptr<const StationSnapshot> snapshot = holder.Current();
        Result<std::vector<StationHit>> hits = snapshot->Nearest(q);
        // Every snapshot here has n stations H0..H(n-1): a torn read would show otherwise.
        if (!hits.ok() || hits->size() != snapshot->size() ||
            (!hits->empty() && hits->front().station->code != "H0")) {
          ++bad;
        }
      }
    });
  }
  for (int n = 1; n <= 40; ++n) holder.Replace(SnapshotOf(n));
  stop = true;
  for (std::thread& r : readers) r.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(holder.Current()->size(), 40u);
}

}  // namespace
}  // namespace yz
