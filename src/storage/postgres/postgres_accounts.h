// The PostgreSQL store's accounts, sessions, audit log and console operations, on a pool of its
// own (a few connections: sign-ins and console edits are rare next to check-ins).
#pragma once

#include <string>

#include "domain/accounts/account.h"
#include "domain/audit/audit.h"
#include "domain/reports/operations_repository.h"
#include "storage/postgres/connection_pool.h"

namespace yz::pg {

class PostgresAccounts final : public AccountRepository,
                               public SessionRepository,
                               public AuditRepository,
                               public OperationsRepository {
 public:
  explicit PostgresAccounts(const std::string& url);

  Result<int64_t> AddAccount(const Account& account) override;
  Result<std::optional<Account>> FindAccount(int64_t id) override;
  Result<std::optional<Account>> FindAccountByUsername(std::string_view username) override;
  Result<std::vector<Account>> ListAccounts() override;
  Result<void> UpdateAccount(const Account& account) override;
  Result<Account> RecordLoginFailure(int64_t id, int lock_after, UtcTime lock_until) override;
  Result<void> ClearLoginFailures(int64_t id) override;
  Result<std::optional<std::string>> Setting(std::string_view name) override;
  Result<void> SetSetting(std::string_view name, std::string_view value) override;

  Result<void> AddSession(const Session& session) override;
  Result<std::optional<Session>> FindSession(std::string_view token_hash) override;
  Result<void> TouchSession(std::string_view token_hash, UtcTime last_seen_at) override;
  Result<void> DeleteSession(std::string_view token_hash) override;
  Result<void> DeleteSessionsOf(int64_t account_id) override;
  Result<int64_t> DeleteExpiredSessions(UtcTime idle_before, UtcTime created_before) override;

  Result<int64_t> Append(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> List(const AuditQuery& query) override;

  Result<std::vector<Report>> ListAllReports(std::optional<ReportStatus> status) override;
  Result<std::optional<Report>> FindReport(std::string_view id) override;
  Result<void> SetReportStatus(std::string_view id, ReportStatus status) override;
  Result<std::unordered_map<std::string, int64_t>> CheckinCountsSince(UtcTime since) override;

 private:
  ConnectionPool pool_;
};

}  // namespace yz::pg
