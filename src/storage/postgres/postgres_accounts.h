// The PostgreSQL store's accounts, sessions and audit log, on the store's shared pool.
#pragma once

#include <string>

#include "domain/accounts/account.h"
#include "domain/audit/audit.h"
#include "storage/postgres/connection_pool.h"

namespace yz::pg {

class PostgresAccounts final : public AccountRepository,
                               public SessionRepository,
                               public AuditRepository {
 public:
  // REQUIRES: `pool` outlives this object.
  explicit PostgresAccounts(ConnectionPool& pool);

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
  ConnectionPool& pool_;
};

}  // namespace yz::pg
