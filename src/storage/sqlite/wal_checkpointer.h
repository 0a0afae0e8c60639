// Moves the write-ahead log into the database file from a thread of its own.
//
// SQLite's automatic checkpoint runs inside the commit that crosses the threshold, on the
// connection that committed: with one group-commit writer, every thousandth page or so a batch of
// check-ins waited for the whole WAL to be copied and synced (p99 162 ms at 64 clients). The
// writer's connection therefore keeps its automatic checkpoint only as a backstop, and this
// thread runs PASSIVE checkpoints every `interval` on its own connection: they copy what no
// reader still needs without taking the write lock, so commits go on meanwhile. A PASSIVE
// checkpoint never loses anything: the WAL stays the durable record until its frames are in the
// database file and synced.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/periodic_task.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

class WalCheckpointer {
 public:
  // Runs a last checkpoint when destroyed.
  WalCheckpointer(Database db, std::chrono::milliseconds interval);

  // Checkpoints run so far (for tests).
  uint64_t runs() const { return runs_.load(); }

 private:
  void Checkpoint();

  Database db_;
  std::atomic<uint64_t> runs_{0};
  PeriodicTask task_;  // last: stopped (and joined) before the connection closes
};

}  // namespace yz::sqlite
