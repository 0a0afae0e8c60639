#include "storage/postgres/migrations.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "storage/postgres/connection_pool.h"

namespace yz::pg {
namespace {

// Holds the lock until the transaction ends, and makes sure the bookkeeping table exists (under
// the lock, so two servers do not race on its CREATE either).
void LockAndEnsureTable(pqxx::work& txn) {
  txn.exec(fmt::format("SELECT pg_advisory_xact_lock({})", kMigrationLockKey));
  txn.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY,"
      " name TEXT NOT NULL,"
      " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
}

bool IsApplied(pqxx::work& txn, int version) {
  return !txn.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", version).empty();
}

}  // namespace

Result<std::vector<int>> ApplyMigrations(pqxx::connection& connection,
                                         std::span<const Migration> migrations) {
  std::string step = "reading schema_migrations";
  try {
    // A first look, so the common start (nothing to do) costs one transaction.
    std::vector<int> pending;
    {
      pqxx::work txn(connection);
      LockAndEnsureTable(txn);
      for (const auto& m : migrations) {
        if (!IsApplied(txn, m.version)) pending.push_back(m.version);
      }
      txn.commit();
    }
    std::vector<int> applied;
    for (const auto& m : migrations) {
      if (std::find(pending.begin(), pending.end(), m.version) == pending.end()) continue;
      step = std::string(m.name);
      pqxx::work txn(connection);
      LockAndEnsureTable(txn);
      if (IsApplied(txn, m.version)) continue;  // another server applied it meanwhile
      txn.exec(std::string(m.sql));
      txn.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version,
                      std::string(m.name));
      txn.commit();
      applied.push_back(m.version);
    }
    return applied;
  } catch (const std::exception& e) {
    return ToError(fmt::format("migration {}", step), e);
  }
}

}  // namespace yz::pg
