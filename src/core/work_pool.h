// A few threads that run heavy jobs (a national GeoJSON, a big export) from a bounded queue, so
// that such work never runs on the server's I/O threads and cannot pile up: when the queue is
// full, TrySubmit says no at once and the caller answers 503 unavailable with Retry-After.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace yz {

class WorkPool {
 public:
  // REQUIRES: threads >= 1.
  WorkPool(int threads, std::size_t queue_capacity);
  // Lets the running jobs finish, drops the queued ones (destroying them: a job holding an HTTP
  // `respond` then answers 500), and joins.
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Queues `job`: false, without running it, when `queue_capacity` jobs are already waiting.
  // Thread-safe.
  bool TrySubmit(std::function<void()> job);

  // Jobs waiting (not the running ones).
  std::size_t queued() const;

 private:
  void Loop();

  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace yz
