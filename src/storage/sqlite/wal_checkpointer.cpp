#include "storage/sqlite/wal_checkpointer.h"

#include <fmt/format.h>

namespace yz::sqlite {

WalCheckpointer::WalCheckpointer(Database db, std::chrono::milliseconds interval)
    : db_(std::move(db)), task_(interval, [this] { Checkpoint(); }, /*run_on_stop=*/true) {}

void WalCheckpointer::Checkpoint() {
  // A failure (the database busy, say) only postpones the copy to the next round.
  if (auto r = db_.Exec("PRAGMA wal_checkpoint(PASSIVE)"); !r) {
    fmt::print(stderr, "yizhan: WAL checkpoint: {}\n", r.error().message);
  }
  ++runs_;
}

}  // namespace yz::sqlite
