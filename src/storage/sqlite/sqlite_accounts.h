// The embedded store's accounts, sessions, audit log and console operations (reports' status,
// the day's check-ins), on the store's shared connection and lock.
#pragma once

#include <functional>
#include <mutex>

#include "domain/accounts/account.h"
#include "domain/audit/audit.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

class SqliteAccounts final : public AccountRepository,
                             public SessionRepository,
                             public AuditRepository {
 public:
  SqliteAccounts(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  Result<int64_t> AddAccount(const Account& account) override;
  Result<std::optional<Account>> FindAccount(int64_t id) override;
  Result<std::optional<Account>> FindAccountByUsername(std::string_view username) override;
  Result<std::vector<Account>> ListAccounts() override;
  Result<void> UpdateAccount(const Account& account) override;
  Result<Account> RecordLoginFailure(int64_t id, int lock_after, UtcTime lock_until) override;
  Result<void> RecordLoginSuccess(int64_t id, UtcTime at) override;
  Result<std::optional<std::string>> Setting(std::string_view name) override;
  Result<void> SetSetting(std::string_view name, std::string_view value) override;

  Result<void> AddSession(const Session& session) override;
  Result<std::optional<Session>> FindSession(std::string_view token_hash) override;
  Result<void> TouchSession(std::string_view token_hash, UtcTime last_seen_at) override;
  Result<void> DeleteSession(std::string_view token_hash) override;
  Result<void> DeleteSessionsOf(int64_t account_id) override;
  Result<std::vector<Session>> ListSessionsOf(int64_t account_id) override;
  Result<std::vector<std::pair<int64_t, int64_t>>> CountSessionsByAccount() override;
  Result<int64_t> DeleteExpiredSessions(UtcTime idle_before, UtcTime created_before) override;

  Result<int64_t> Append(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> List(const AuditQuery& query) override;

 private:
  // REQUIRES: mutex_ held.
  Result<std::optional<Account>> FindWhere(std::string_view where,
                                           const std::function<void(Statement&)>& bind);

  Database& db_;
  std::mutex& mutex_;
};

}  // namespace yz::sqlite
