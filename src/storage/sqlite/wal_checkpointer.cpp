#include "storage/sqlite/wal_checkpointer.h"

#include <fmt/format.h>

namespace yz::sqlite {

WalCheckpointer::WalCheckpointer(Database db, std::chrono::milliseconds interval)
    : db_(std::move(db)), interval_(interval), thread_([this] { Run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

uint64_t WalCheckpointer::runs() const {
  std::lock_guard lock(mutex_);
  return runs_;
}

void WalCheckpointer::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    const bool stop = wake_.wait_for(lock, interval_, [this] { return stopping_; });
    lock.unlock();
    // A failure (the database busy, say) only postpones the copy to the next round.
    if (auto r = db_.Exec("PRAGMA wal_checkpoint(PASSIVE)"); !r) {
      fmt::print(stderr, "yizhan: WAL checkpoint: {}\n", r.error().message);
    }
    lock.lock();
    ++runs_;
    if (stop) return;
  }
}

}  // namespace yz::sqlite
