#include "storage/postgres/postgres_accounts.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/checkins/checkin.h"
#include "storage/scope_codes.h"

namespace yz::pg {
namespace {

#define YZ_ACCOUNT_COLUMNS                                                          \
  "id, username, role, regions, stations, password_hash, disabled, failed_logins, " \
  "locked_until_ms, created_at_ms, must_change_password, last_login_ms"

Account ReadAccount(const pqxx::row& r) {
  Account a;
  a.id = r[0].as<int64_t>();
  a.username = r[1].as<std::string>();
  a.role = ParseRole(r[2].as<std::string>()).value_or(Role::kVolunteer);
  a.scope.regions = SplitCodes(r[3].as<std::string>());
  a.scope.stations = SplitCodes(r[4].as<std::string>());
  a.password_hash = r[5].as<std::string>();
  a.disabled = r[6].as<bool>();
  a.failed_logins = r[7].as<int>();
  if (!r[8].is_null()) a.locked_until = FromEpochMillis(r[8].as<int64_t>());
  a.created_at = FromEpochMillis(r[9].as<int64_t>());
  a.must_change_password = r[10].as<bool>();
  if (!r[11].is_null()) a.last_login_at = FromEpochMillis(r[11].as<int64_t>());
  return a;
}

#define YZ_SESSION_COLUMNS "token_hash, account_id, created_at_ms, last_seen_ms, address"

Session ReadSession(const pqxx::row& r) {
  Session s;
  s.token_hash = r[0].as<std::string>();
  s.account_id = r[1].as<int64_t>();
  s.created_at = FromEpochMillis(r[2].as<int64_t>());
  s.last_seen_at = FromEpochMillis(r[3].as<int64_t>());
  s.address = r[4].as<std::string>();
  return s;
}

std::optional<int64_t> OptionalMillis(const std::optional<UtcTime>& t) {
  return t ? std::optional<int64_t>(ToEpochMillis(*t)) : std::nullopt;
}

}  // namespace

PostgresAccounts::PostgresAccounts(ConnectionPool& pool) : pool_(pool) {}

Result<int64_t> PostgresAccounts::AddAccount(const Account& a) {
  return pool_.Run<int64_t>("add account", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "INSERT INTO accounts (username, role, regions, stations, password_hash, disabled, "
        "failed_logins, locked_until_ms, created_at_ms, must_change_password, last_login_ms)"
        " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)"
        " ON CONFLICT (username) DO NOTHING RETURNING id",
        a.username, std::string(RoleCode(a.role)), JoinCodes(a.scope.regions),
        JoinCodes(a.scope.stations), a.password_hash, a.disabled, a.failed_logins,
        OptionalMillis(a.locked_until), ToEpochMillis(a.created_at), a.must_change_password,
        OptionalMillis(a.last_login_at));
    if (r.empty()) return Error::Conflict(fmt::format("username '{}' is taken", a.username));
    const int64_t id = r[0][0].as<int64_t>();
    txn.commit();
    return id;
  });
}

Result<std::optional<Account>> PostgresAccounts::FindAccount(int64_t id) {
  return pool_.Run<std::optional<Account>>(
      "find account", [&](pqxx::connection& c) -> Result<std::optional<Account>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r =
            txn.exec_params("SELECT " YZ_ACCOUNT_COLUMNS " FROM accounts WHERE id = $1", id);
        if (r.empty()) return std::optional<Account>{};
        return std::optional<Account>{ReadAccount(r[0])};
      });
}

Result<std::optional<Account>> PostgresAccounts::FindAccountByUsername(std::string_view username) {
  return pool_.Run<std::optional<Account>>(
      "find account", [&](pqxx::connection& c) -> Result<std::optional<Account>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r =
            txn.exec_params("SELECT " YZ_ACCOUNT_COLUMNS " FROM accounts WHERE username = $1",
                            std::string(username));
        if (r.empty()) return std::optional<Account>{};
        return std::optional<Account>{ReadAccount(r[0])};
      });
}

Result<std::vector<Account>> PostgresAccounts::ListAccounts() {
  return pool_.Run<std::vector<Account>>(
      "list accounts", [&](pqxx::connection& c) -> Result<std::vector<Account>> {
        pqxx::read_transaction txn(c);
        std::vector<Account> out;
        for (const auto& row :
             txn.exec("SELECT " YZ_ACCOUNT_COLUMNS " FROM accounts ORDER BY id")) {
          out.push_back(ReadAccount(row));
        }
        return out;
      });
}

Result<void> PostgresAccounts::UpdateAccount(const Account& a) {
  return pool_.Run<void>("update account", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "UPDATE accounts SET role = $1, regions = $2, stations = $3, password_hash = $4,"
        " disabled = $5, must_change_password = $6 WHERE id = $7",
        std::string(RoleCode(a.role)), JoinCodes(a.scope.regions), JoinCodes(a.scope.stations),
        a.password_hash, a.disabled, a.must_change_password, a.id);
    if (r.affected_rows() == 0) return Error::NotFound(fmt::format("no account {}", a.id));
    txn.commit();
    return Ok();
  });
}

Result<Account> PostgresAccounts::RecordLoginFailure(int64_t id, int lock_after,
                                                     UtcTime lock_until) {
  return pool_.Run<Account>("record login failure", [&](pqxx::connection& c) -> Result<Account> {
    pqxx::work txn(c);
    // One statement: the row lock makes concurrent failures (from any server) count one by one.
    const pqxx::result r = txn.exec_params(
        "UPDATE accounts SET"
        " locked_until_ms = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until_ms END,"
        " failed_logins = CASE WHEN failed_logins + 1 >= $1 THEN 0 ELSE failed_logins + 1 END"
        " WHERE id = $3 RETURNING " YZ_ACCOUNT_COLUMNS,
        lock_after, ToEpochMillis(lock_until), id);
    if (r.empty()) return Error::NotFound(fmt::format("no account {}", id));
    Account a = ReadAccount(r[0]);
    txn.commit();
    return a;
  });
}

Result<void> PostgresAccounts::RecordLoginSuccess(int64_t id, UtcTime at) {
  return pool_.Run<void>("record login success", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params(
        "UPDATE accounts SET failed_logins = 0, locked_until_ms = NULL, last_login_ms = $1"
        " WHERE id = $2",
        ToEpochMillis(at), id);
    txn.commit();
    return Ok();
  });
}

Result<std::optional<std::string>> PostgresAccounts::Setting(std::string_view name) {
  return pool_.Run<std::optional<std::string>>(
      "read setting", [&](pqxx::connection& c) -> Result<std::optional<std::string>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params("SELECT value FROM account_settings WHERE name = $1",
                                               std::string(name));
        if (r.empty()) return std::optional<std::string>{};
        return std::optional<std::string>{r[0][0].as<std::string>()};
      });
}

Result<void> PostgresAccounts::SetSetting(std::string_view name, std::string_view value) {
  return pool_.Run<void>("write setting", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params(
        "INSERT INTO account_settings (name, value) VALUES ($1, $2)"
        " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
        std::string(name), std::string(value));
    txn.commit();
    return Ok();
  });
}

Result<void> PostgresAccounts::AddSession(const Session& s) {
  return pool_.Run<void>("add session", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "INSERT INTO sessions (token_hash, account_id, created_at_ms, last_seen_ms, address)"
        " VALUES ($1,$2,$3,$4,$5) ON CONFLICT (token_hash) DO NOTHING",
        s.token_hash, s.account_id, ToEpochMillis(s.created_at), ToEpochMillis(s.last_seen_at),
        s.address);
    if (r.affected_rows() == 0) return Error::Conflict("session exists");
    txn.commit();
    return Ok();
  });
}

Result<std::optional<Session>> PostgresAccounts::FindSession(std::string_view token_hash) {
  return pool_.Run<std::optional<Session>>(
      "find session", [&](pqxx::connection& c) -> Result<std::optional<Session>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r =
            txn.exec_params("SELECT " YZ_SESSION_COLUMNS " FROM sessions WHERE token_hash = $1",
                            std::string(token_hash));
        if (r.empty()) return std::optional<Session>{};
        return std::optional<Session>{ReadSession(r[0])};
      });
}

Result<std::vector<Session>> PostgresAccounts::ListSessionsOf(int64_t account_id) {
  return pool_.Run<std::vector<Session>>(
      "list sessions", [&](pqxx::connection& c) -> Result<std::vector<Session>> {
        pqxx::read_transaction txn(c);
        std::vector<Session> out;
        for (const auto& row :
             txn.exec_params("SELECT " YZ_SESSION_COLUMNS " FROM sessions WHERE account_id = $1"
                             " ORDER BY created_at_ms, token_hash",
                             account_id)) {
          out.push_back(ReadSession(row));
        }
        return out;
      });
}

Result<std::vector<std::pair<int64_t, int64_t>>> PostgresAccounts::CountSessionsByAccount() {
  using Counts = std::vector<std::pair<int64_t, int64_t>>;
  return pool_.Run<Counts>("count sessions", [&](pqxx::connection& c) -> Result<Counts> {
    pqxx::read_transaction txn(c);
    Counts out;
    for (const auto& row : txn.exec(
             "SELECT account_id, count(*) FROM sessions GROUP BY account_id ORDER BY account_id")) {
      out.emplace_back(row[0].as<int64_t>(), row[1].as<int64_t>());
    }
    return out;
  });
}

Result<void> PostgresAccounts::TouchSession(std::string_view token_hash, UtcTime last_seen_at) {
  return pool_.Run<void>("touch session", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params("UPDATE sessions SET last_seen_ms = $1 WHERE token_hash = $2",
                    ToEpochMillis(last_seen_at), std::string(token_hash));
    txn.commit();
    return Ok();
  });
}

Result<void> PostgresAccounts::DeleteSession(std::string_view token_hash) {
  return pool_.Run<void>("delete session", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params("DELETE FROM sessions WHERE token_hash = $1", std::string(token_hash));
    txn.commit();
    return Ok();
  });
}

Result<void> PostgresAccounts::DeleteSessionsOf(int64_t account_id) {
  return pool_.Run<void>("delete sessions", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params("DELETE FROM sessions WHERE account_id = $1", account_id);
    txn.commit();
    return Ok();
  });
}

Result<int64_t> PostgresAccounts::DeleteExpiredSessions(UtcTime idle_before,
                                                        UtcTime created_before) {
  return pool_.Run<int64_t>("expire sessions", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    const pqxx::result r =
        txn.exec_params("DELETE FROM sessions WHERE last_seen_ms < $1 OR created_at_ms < $2",
                        ToEpochMillis(idle_before), ToEpochMillis(created_before));
    txn.commit();
    return static_cast<int64_t>(r.affected_rows());
  });
}

Result<int64_t> PostgresAccounts::Append(const AuditEntry& e) {
  return pool_.Run<int64_t>("append audit entry", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "INSERT INTO audit_log (at_ms, actor, role, action, object, address, outcome, detail)"
        " VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
        ToEpochMillis(e.at), e.actor, e.role, e.action, e.object, e.address,
        std::string(AuditOutcomeCode(e.outcome)), e.detail);
    const int64_t id = r[0][0].as<int64_t>();
    txn.commit();
    return id;
  });
}

Result<std::vector<AuditEntry>> PostgresAccounts::List(const AuditQuery& q) {
  return pool_.Run<std::vector<AuditEntry>>(
      "list audit log", [&](pqxx::connection& c) -> Result<std::vector<AuditEntry>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params(
            "SELECT id, at_ms, actor, role, action, object, address, outcome, detail FROM audit_log"
            " WHERE ($1 = 0 OR id < $1) AND ($2 = '' OR actor = $2) AND ($3 = '' OR left(action, "
            "length($3)) = $3)"
            " ORDER BY id DESC LIMIT $4",
            q.before_id, q.actor, q.action_prefix, std::clamp(q.limit, 1, 1000));
        std::vector<AuditEntry> out;
        for (const auto& row : r) {
          AuditEntry e;
          e.id = row[0].as<int64_t>();
          e.at = FromEpochMillis(row[1].as<int64_t>());
          e.actor = row[2].as<std::string>();
          e.role = row[3].as<std::string>();
          e.action = row[4].as<std::string>();
          e.object = row[5].as<std::string>();
          e.address = row[6].as<std::string>();
          e.outcome = ParseAuditOutcome(row[7].as<std::string>()).value_or(AuditOutcome::kFailed);
          e.detail = row[8].as<std::string>();
          out.push_back(std::move(e));
        }
        return out;
      });
}

#undef YZ_ACCOUNT_COLUMNS
#undef YZ_SESSION_COLUMNS

}  // namespace yz::pg
