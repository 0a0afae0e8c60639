// A function run every `interval` on a thread of its own until the task is destroyed (the
// destructor wakes the thread, lets a run in progress finish, and joins). Runs never overlap.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace yz {

class PeriodicTask {
 public:
  // `run_on_stop`: run once more when stopping (a last flush), besides the periodic runs.
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> run, bool run_on_stop = false)
      : interval_(interval), run_(std::move(run)), run_on_stop_(run_on_stop), thread_([this] { Loop(); }) {}
  ~PeriodicTask() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void Loop() {
    std::unique_lock lock(mutex_);
    while (true) {
      const bool stop = wake_.wait_for(lock, interval_, [this] { return stopping_; });
      if (stop && !run_on_stop_) return;
      lock.unlock();
      run_();
      lock.lock();
      if (stop) return;
    }
  }

  std::chrono::milliseconds interval_;
  std::function<void()> run_;
  bool run_on_stop_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the rest is ready
};

}  // namespace yz
