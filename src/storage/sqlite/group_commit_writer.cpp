#include "storage/sqlite/group_commit_writer.h"

namespace yz::sqlite {

Result<Statement*> StatementCache::Get(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    auto prepared = db_.Prepare(sql);
    if (!prepared) return prepared.error();
    it = statements_.emplace(std::string(sql), std::move(*prepared)).first;
  }
  Statement* statement = &it->second;
  statement->Reset();
  used_.push_back(statement);
  return statement;
}

void StatementCache::ResetUsed() {
  for (Statement* statement : used_) statement->Reset();
  used_.clear();
}

GroupCommitWriter::GroupCommitWriter(Database db, GroupCommitOptions options)
    : db_(std::move(db)), options_(options), thread_([this] { Run(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void GroupCommitWriter::Submit(Apply apply, Complete complete) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(apply), std::move(complete)});
  }
  wake_.notify_one();
}

std::size_t GroupCommitWriter::QueueDepth() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void GroupCommitWriter::Run() {
  std::deque<Item> batch;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is written
      const std::size_t take = options_.group_commit ? std::min(options_.max_batch, queue_.size()) : 1;
      for (std::size_t i = 0; i < take; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    WriteBatch(batch);
    batch.clear();
  }
}

Result<void> GroupCommitWriter::Exec(std::string_view sql) {
  auto statement = statements_.Get(sql);
  if (!statement) return statement.error();
  Result<void> done = (*statement)->Run();
  statements_.ResetUsed();
  return done;
}

void GroupCommitWriter::WriteBatch(std::deque<Item>& batch) {
  std::vector<Result<void>> results;
  results.reserve(batch.size());
  Result<void> committed = Exec("BEGIN IMMEDIATE");
  if (committed) {
    for (Item& item : batch) {
      if (auto r = Exec("SAVEPOINT item"); !r) {
        results.push_back(r);
        continue;
      }
      Result<void> applied = item.apply(statements_);
      statements_.ResetUsed();
      if (!applied) (void)Exec("ROLLBACK TO item");
      (void)Exec("RELEASE item");
      results.push_back(std::move(applied));
    }
    committed = Exec("COMMIT");
    if (!committed) (void)db_.Exec("ROLLBACK");
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    batch[i].complete(committed ? std::move(results[i]) : committed);
  }
}

}  // namespace yz::sqlite
