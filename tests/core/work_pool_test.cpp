// The heavy-work pool (core/work_pool.h): jobs run off the caller's thread, and a full queue says
// no at once instead of growing.
#include "core/work_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>

namespace yz {
namespace {

using namespace std::chrono_literals;

TEST(WorkPool, RunsJobsOnItsThreadsAndRefusesBeyondItsQueue) {
  WorkPool pool(1, 2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    released.wait();
  }));
  started.get_future().wait();  // the one thread is busy
  std::atomic<int> ran{0};
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
  EXPECT_EQ(pool.queued(), 2u);
  EXPECT_FALSE(pool.TrySubmit([&] { ++ran; })) << "the queue holds two";
  release.set_value();
  for (int i = 0; i < 400 && ran.load() < 2; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_EQ(ran.load(), 2);
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
}

TEST(WorkPool, AThrowingJobDoesNotStopThePool) {
  WorkPool pool(1, 4);
  ASSERT_TRUE(pool.TrySubmit([] { throw std::runtime_error("boom"); }));
  std::promise<void> ran;
  ASSERT_TRUE(pool.TrySubmit([&] { ran.set_value(); }));
  EXPECT_EQ(ran.get_future().wait_for(5s), std::future_status::ready);
}

}  // namespace
}  // namespace yz
