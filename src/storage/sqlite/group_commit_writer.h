// The embedded store's single writer for the durable hot path (check-ins, ratings, reports).
//
// Request threads hand it work; the writer thread takes everything queued (up to max_batch) and
// runs it in ONE transaction, each item inside its own savepoint (an item that fails is rolled
// back alone), commits — with synchronous=FULL this is one fsync for the whole batch — and only
// then completes every item. So an item is completed successfully only once it is on disk, and
// the sync cost is shared by everything that arrived while the previous batch was syncing.
// With group commit off, each item gets its own transaction and sync (the benchmark baseline).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/result.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

// The writer connection's prepared statements, kept for the writer's lifetime: preparing a
// statement costs more than running a one-row insert, and the writer runs the same few statements
// over and over. Writer thread only.
class StatementCache {
 public:
  explicit StatementCache(Database& db) : db_(db) {}

  // The statement for `sql`, prepared on first use, reset and with no bindings. The pointer stays
  // valid until the cache is destroyed; the statement is reset again after the item that used it.
  Result<Statement*> Get(std::string_view sql);
  // Resets every statement handed out since the last call (ends their reads).
  void ResetUsed();

 private:
  Database& db_;
  std::map<std::string, Statement, std::less<>> statements_;
  std::vector<Statement*> used_;
};

struct GroupCommitOptions {
  bool group_commit = true;     // false: one transaction (and sync) per item
  std::size_t max_batch = 1024; // items per transaction at most
};

class GroupCommitWriter {
 public:
  // Runs on the writer thread inside the open transaction; its error rolls back its own work.
  // It takes its statements from `statements` (the writer's connection).
  using Apply = std::function<Result<void>(StatementCache& statements)>;
  // Called on the writer thread after the commit (or failure), exactly once per item.
  using Complete = std::function<void(Result<void>)>;

  GroupCommitWriter(Database db, GroupCommitOptions options);
  // Finishes every queued item, then joins the writer thread.
  ~GroupCommitWriter();

  void Submit(Apply apply, Complete complete);
  std::size_t QueueDepth() const;

 private:
  struct Item {
    Apply apply;
    Complete complete;
  };
  void Run();
  void WriteBatch(std::deque<Item>& batch);
  Result<void> Exec(std::string_view sql);  // a cached statement without results

  Database db_;
  StatementCache statements_{db_};  // after db_: finalized before the connection closes
  GroupCommitOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace yz::sqlite
