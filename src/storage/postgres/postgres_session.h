// sql::Runner (storage/sql/sql_session.h) over the PostgreSQL store's connection pool: one
// transaction per Transact on a leased connection (a read-only one when `write` is false).
#pragma once

#include "storage/postgres/connection_pool.h"
#include "storage/sql/sql_session.h"

namespace yz::pg {

class PostgresRunner final : public sql::Runner {
 public:
  explicit PostgresRunner(ConnectionPool& pool) : pool_(pool) {}
  Result<void> Transact(std::string_view what, bool write,
                        const std::function<Result<void>(sql::Session&)>& work) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace yz::pg
