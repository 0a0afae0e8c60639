// Moves the write-ahead log into the database file from a thread of its own.
//
// SQLite's automatic checkpoint runs inside the commit that crosses the threshold, on the
// connection that committed: with one group-commit writer, every thousandth page or so a batch of
// check-ins waited for the whole WAL to be copied and synced (p99 162 ms at 64 clients). The
// writer's connection therefore has automatic checkpoints off and this thread runs PASSIVE
// checkpoints every `interval` on its own connection: they copy what no reader still needs without
// taking the write lock, so commits go on meanwhile. A PASSIVE checkpoint never loses anything:
// the WAL stays the durable record until its frames are in the database file and synced.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

class WalCheckpointer {
 public:
  WalCheckpointer(Database db, std::chrono::milliseconds interval);
  // Runs a last checkpoint, then joins the thread.
  ~WalCheckpointer();

  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints run so far (for tests).
  uint64_t runs() const;

 private:
  void Run();

  Database db_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  uint64_t runs_ = 0;
  std::thread thread_;  // last: started once everything above is ready
};

}  // namespace yz::sqlite
