// sql::Runner (storage/sql/sql_session.h) over the embedded store's shared connection: a write
// takes the store's lock and BEGIN IMMEDIATE; a read takes the lock alone (every other user of
// that connection takes it too, so a read sees no half-done write).
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "storage/sql/sql_session.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

class SqliteRunner final : public sql::Runner {
 public:
  // `db` is guarded by `mutex`; both outlive this object.
  SqliteRunner(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}
  Result<void> Transact(std::string_view what, bool write,
                        const std::function<Result<void>(sql::Session&)>& work) override;

 private:
  Database& db_;
  std::mutex& mutex_;
  // Prepared statements by SQL text, reused across transactions (guarded by `mutex_`): a batch
  // insert of 250 rows is 2,000 placeholders of SQL that SQLite would otherwise compile for
  // every batch of a year's shifts.
  std::unordered_map<std::string, Statement> statements_;
};

}  // namespace yz::sqlite
