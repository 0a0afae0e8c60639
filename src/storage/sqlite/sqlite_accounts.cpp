#include "storage/sqlite/sqlite_accounts.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "domain/checkins/checkin.h"
#include "storage/scope_codes.h"

namespace yz::sqlite {
namespace {

constexpr std::string_view kAccountColumns =
    "id, username, role, regions, stations, password_hash, disabled, failed_logins, "
    "locked_until_ms, created_at_ms, must_change_password, last_login_ms";

Account ReadAccount(const Statement& s) {
  Account a;
  a.id = s.Int(0);
  a.username = s.Text(1);
  a.role = ParseRole(s.Text(2)).value_or(Role::kVolunteer);
  a.scope.regions = SplitCodes(s.Text(3));
  a.scope.stations = SplitCodes(s.Text(4));
  a.password_hash = s.Text(5);
  a.disabled = s.Int(6) != 0;
  a.failed_logins = static_cast<int>(s.Int(7));
  if (!s.IsNull(8)) a.locked_until = FromEpochMillis(s.Int(8));
  a.created_at = FromEpochMillis(s.Int(9));
  a.must_change_password = s.Int(10) != 0;
  if (!s.IsNull(11)) a.last_login_at = FromEpochMillis(s.Int(11));
  return a;
}

constexpr std::string_view kSessionColumns =
    "token_hash, account_id, created_at_ms, last_seen_ms, address";

Session ReadSession(const Statement& s) {
  Session out;
  out.token_hash = s.Text(0);
  out.account_id = s.Int(1);
  out.created_at = FromEpochMillis(s.Int(2));
  out.last_seen_at = FromEpochMillis(s.Int(3));
  out.address = s.Text(4);
  return out;
}

}  // namespace

Result<std::optional<Account>> SqliteAccounts::FindWhere(
    std::string_view where, const std::function<void(Statement&)>& bind) {
  auto stmt = db_.Prepare(fmt::format("SELECT {} FROM accounts WHERE {}", kAccountColumns, where));
  if (!stmt) return stmt.error();
  bind(*stmt);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<Account>{};
  return std::optional<Account>{ReadAccount(*stmt)};
}

Result<int64_t> SqliteAccounts::AddAccount(const Account& a) {
  std::lock_guard lock(mutex_);
  auto existing = FindWhere("username = ?", [&](Statement& s) { s.Bind(1, a.username); });
  if (!existing) return existing.error();
  if (*existing) return Error::Conflict(fmt::format("username '{}' is taken", a.username));
  auto stmt = db_.Prepare(
      "INSERT INTO accounts (username, role, regions, stations, password_hash, disabled, "
      "failed_logins, locked_until_ms, created_at_ms, must_change_password, last_login_ms) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  if (!stmt) return stmt.error();
  stmt->Bind(1, a.username);
  stmt->Bind(2, RoleCode(a.role));
  stmt->Bind(3, JoinCodes(a.scope.regions));
  stmt->Bind(4, JoinCodes(a.scope.stations));
  stmt->Bind(5, a.password_hash);
  stmt->Bind(6, int64_t{a.disabled ? 1 : 0});
  stmt->Bind(7, int64_t{a.failed_logins});
  if (a.locked_until)
    stmt->Bind(8, ToEpochMillis(*a.locked_until));
  else
    stmt->BindNull(8);
  stmt->Bind(9, ToEpochMillis(a.created_at));
  stmt->Bind(10, int64_t{a.must_change_password ? 1 : 0});
  if (a.last_login_at)
    stmt->Bind(11, ToEpochMillis(*a.last_login_at));
  else
    stmt->BindNull(11);
  YZ_TRY(stmt->Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.handle()));
}

Result<std::optional<Account>> SqliteAccounts::FindAccount(int64_t id) {
  std::lock_guard lock(mutex_);
  return FindWhere("id = ?", [&](Statement& s) { s.Bind(1, id); });
}

Result<std::optional<Account>> SqliteAccounts::FindAccountByUsername(std::string_view username) {
  std::lock_guard lock(mutex_);
  return FindWhere("username = ?", [&](Statement& s) { s.Bind(1, username); });
}

Result<std::vector<Account>> SqliteAccounts::ListAccounts() {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(fmt::format("SELECT {} FROM accounts ORDER BY id", kAccountColumns));
  if (!stmt) return stmt.error();
  std::vector<Account> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(ReadAccount(*stmt));
  }
  return out;
}

Result<void> SqliteAccounts::UpdateAccount(const Account& a) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "UPDATE accounts SET role = ?, regions = ?, stations = ?, password_hash = ?, disabled = ?, "
      "must_change_password = ? WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, RoleCode(a.role));
  stmt->Bind(2, JoinCodes(a.scope.regions));
  stmt->Bind(3, JoinCodes(a.scope.stations));
  stmt->Bind(4, a.password_hash);
  stmt->Bind(5, int64_t{a.disabled ? 1 : 0});
  stmt->Bind(6, int64_t{a.must_change_password ? 1 : 0});
  stmt->Bind(7, a.id);
  YZ_TRY(stmt->Run());
  if (sqlite3_changes(db_.handle()) == 0)
    return Error::NotFound(fmt::format("no account {}", a.id));
  return Ok();
}

Result<Account> SqliteAccounts::RecordLoginFailure(int64_t id, int lock_after, UtcTime lock_until) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  auto stmt = db_.Prepare(
      "UPDATE accounts SET "
      "locked_until_ms = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until_ms END, "
      "failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END "
      "WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, int64_t{lock_after});
  stmt->Bind(2, ToEpochMillis(lock_until));
  stmt->Bind(3, int64_t{lock_after});
  stmt->Bind(4, id);
  YZ_TRY(stmt->Run());
  if (sqlite3_changes(db_.handle()) == 0) return Error::NotFound(fmt::format("no account {}", id));
  auto after = FindWhere("id = ?", [&](Statement& s) { s.Bind(1, id); });
  if (!after) return after.error();
  YZ_TRY(tx->Commit());
  return std::move(**after);
}

Result<void> SqliteAccounts::RecordLoginSuccess(int64_t id, UtcTime at) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "UPDATE accounts SET failed_logins = 0, locked_until_ms = NULL, last_login_ms = ? "
      "WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, ToEpochMillis(at));
  stmt->Bind(2, id);
  return stmt->Run();
}

Result<std::optional<std::string>> SqliteAccounts::Setting(std::string_view name) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare("SELECT value FROM account_settings WHERE name = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, name);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{std::string(stmt->Text(0))};
}

Result<void> SqliteAccounts::SetSetting(std::string_view name, std::string_view value) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "INSERT INTO account_settings (name, value) VALUES (?, ?) "
      "ON CONFLICT(name) DO UPDATE SET value = excluded.value");
  if (!stmt) return stmt.error();
  stmt->Bind(1, name);
  stmt->Bind(2, value);
  return stmt->Run();
}

Result<void> SqliteAccounts::AddSession(const Session& s) {
  std::lock_guard lock(mutex_);
  auto check = db_.Prepare("SELECT 1 FROM sessions WHERE token_hash = ?");
  if (!check) return check.error();
  check->Bind(1, s.token_hash);
  auto seen = check->Step();
  if (!seen) return seen.error();
  if (*seen) return Error::Conflict("session exists");
  auto stmt = db_.Prepare(
      "INSERT INTO sessions (token_hash, account_id, created_at_ms, last_seen_ms, address) VALUES "
      "(?,?,?,?,?)");
  if (!stmt) return stmt.error();
  stmt->Bind(1, s.token_hash);
  stmt->Bind(2, s.account_id);
  stmt->Bind(3, ToEpochMillis(s.created_at));
  stmt->Bind(4, ToEpochMillis(s.last_seen_at));
  stmt->Bind(5, s.address);
  return stmt->Run();
}

Result<std::optional<Session>> SqliteAccounts::FindSession(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  auto stmt =
      db_.Prepare(fmt::format("SELECT {} FROM sessions WHERE token_hash = ?", kSessionColumns));
  if (!stmt) return stmt.error();
  stmt->Bind(1, token_hash);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<Session>{};
  return std::optional<Session>{ReadSession(*stmt)};
}

Result<std::vector<Session>> SqliteAccounts::ListSessionsOf(int64_t account_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      fmt::format("SELECT {} FROM sessions WHERE account_id = ? ORDER BY created_at_ms, token_hash",
                  kSessionColumns));
  if (!stmt) return stmt.error();
  stmt->Bind(1, account_id);
  std::vector<Session> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(ReadSession(*stmt));
  }
  return out;
}

Result<std::vector<std::pair<int64_t, int64_t>>> SqliteAccounts::CountSessionsByAccount() {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT account_id, count(*) FROM sessions GROUP BY account_id ORDER BY account_id");
  if (!stmt) return stmt.error();
  std::vector<std::pair<int64_t, int64_t>> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.emplace_back(stmt->Int(0), stmt->Int(1));
  }
  return out;
}

Result<void> SqliteAccounts::TouchSession(std::string_view token_hash, UtcTime last_seen_at) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare("UPDATE sessions SET last_seen_ms = ? WHERE token_hash = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, ToEpochMillis(last_seen_at));
  stmt->Bind(2, token_hash);
  return stmt->Run();
}

Result<void> SqliteAccounts::DeleteSession(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare("DELETE FROM sessions WHERE token_hash = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, token_hash);
  return stmt->Run();
}

Result<void> SqliteAccounts::DeleteSessionsOf(int64_t account_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare("DELETE FROM sessions WHERE account_id = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, account_id);
  return stmt->Run();
}

Result<int64_t> SqliteAccounts::DeleteExpiredSessions(UtcTime idle_before, UtcTime created_before) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare("DELETE FROM sessions WHERE last_seen_ms < ? OR created_at_ms < ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, ToEpochMillis(idle_before));
  stmt->Bind(2, ToEpochMillis(created_before));
  YZ_TRY(stmt->Run());
  return static_cast<int64_t>(sqlite3_changes(db_.handle()));
}

Result<int64_t> SqliteAccounts::Append(const AuditEntry& e) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "INSERT INTO audit_log (at_ms, actor, role, action, object, address, outcome, detail) "
      "VALUES (?,?,?,?,?,?,?,?)");
  if (!stmt) return stmt.error();
  stmt->Bind(1, ToEpochMillis(e.at));
  stmt->Bind(2, e.actor);
  stmt->Bind(3, e.role);
  stmt->Bind(4, e.action);
  stmt->Bind(5, e.object);
  stmt->Bind(6, e.address);
  stmt->Bind(7, AuditOutcomeCode(e.outcome));
  stmt->Bind(8, e.detail);
  YZ_TRY(stmt->Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.handle()));
}

Result<std::vector<AuditEntry>> SqliteAccounts::List(const AuditQuery& q) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT id, at_ms, actor, role, action, object, address, outcome, detail FROM audit_log "
      "WHERE (? = 0 OR id < ?) AND (? = '' OR actor = ?) AND (? = '' OR substr(action, 1, "
      "length(?)) = ?) "
      "ORDER BY id DESC LIMIT ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, q.before_id);
  stmt->Bind(2, q.before_id);
  stmt->Bind(3, q.actor);
  stmt->Bind(4, q.actor);
  stmt->Bind(5, q.action_prefix);
  stmt->Bind(6, q.action_prefix);
  stmt->Bind(7, q.action_prefix);
  stmt->Bind(8, int64_t{std::clamp(q.limit, 1, 1000)});
  std::vector<AuditEntry> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    AuditEntry e;
    e.id = stmt->Int(0);
    e.at = FromEpochMillis(stmt->Int(1));
    e.actor = stmt->Text(2);
    e.role = stmt->Text(3);
    e.action = stmt->Text(4);
    e.object = stmt->Text(5);
    e.address = stmt->Text(6);
    e.outcome = ParseAuditOutcome(stmt->Text(7)).value_or(AuditOutcome::kFailed);
    e.detail = stmt->Text(8);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace yz::sqlite
