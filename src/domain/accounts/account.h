// Accounts of the console and their server-side sessions, with the repositories that store them.
// Implementations live in src/storage and pass tests/storage/accounts_conformance_test.cpp. Every
// repository method is safe to call from several threads; a failing call changes nothing and
// returns an Error (kUnavailable when the store cannot be reached, kInternal otherwise).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/local_time.h"
#include "core/result.h"
#include "domain/accounts/role.h"

namespace yz {

struct Account {
  int64_t id = 0;        // assigned by the store
  std::string username;  // 1–64 characters of a-z 0-9 _ . - (IsValidUsername)
  Role role = Role::kVolunteer;
  Scope scope;
  std::string password_hash;  // argon2id, libsodium's encoded form; never logged or sent
  bool disabled = false;
  int failed_logins = 0;  // consecutive failures since the last success or lock
  std::optional<UtcTime> locked_until;
  UtcTime created_at;
  // Set with a temporary password made by the server (a new account from the console, a reset);
  // cleared when the holder chooses a password. While set only the session, the password change
  // and the sign-out may be used.
  bool must_change_password = false;
  std::optional<UtcTime> last_login_at;  // the last successful sign-in; nullopt when never
  friend bool operator==(const Account&, const Account&) = default;
};

bool IsValidUsername(std::string_view username);

// A signed-in browser. The cookie holds a random token; the store keeps only its keyed hash, so
// a copy of the database opens no session.
struct Session {
  std::string token_hash;
  int64_t account_id = 0;
  UtcTime created_at;    // for the absolute timeout
  UtcTime last_seen_at;  // for the idle timeout
  std::string address;   // the client address at login
  friend bool operator==(const Session&, const Session&) = default;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  // Stores a new account (its `id` ignored) and returns its id. A username already taken →
  // kConflict.
  virtual Result<int64_t> AddAccount(const Account& account) = 0;
  virtual Result<std::optional<Account>> FindAccount(int64_t id) = 0;
  virtual Result<std::optional<Account>> FindAccountByUsername(std::string_view username) = 0;
  // Every account, ordered by id.
  virtual Result<std::vector<Account>> ListAccounts() = 0;
  // Replaces role, scope, password hash, disabled and must-change flags of the account with
  // `account.id`. Unknown id → kNotFound.
  virtual Result<void> UpdateAccount(const Account& account) = 0;

  // Counts one failed login, atomically (also across servers). When the count reaches
  // `lock_after`, the account is locked until `lock_until` and the count starts again from 0.
  // Returns the account as stored afterwards. Unknown id → kNotFound.
  virtual Result<Account> RecordLoginFailure(int64_t id, int lock_after, UtcTime lock_until) = 0;
  // A successful login at `at`: the failure count back to 0, no lock, last_login_at = `at`.
  virtual Result<void> RecordLoginSuccess(int64_t id, UtcTime at) = 0;

  // Settings of the accounts area (the password policy), by name; nullopt when never set.
  virtual Result<std::optional<std::string>> Setting(std::string_view name) = 0;
  virtual Result<void> SetSetting(std::string_view name, std::string_view value) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  // A token hash already stored → kConflict.
  virtual Result<void> AddSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> FindSession(std::string_view token_hash) = 0;
  virtual Result<void> TouchSession(std::string_view token_hash, UtcTime last_seen_at) = 0;
  // Deleting a session that does not exist is not an error.
  virtual Result<void> DeleteSession(std::string_view token_hash) = 0;
  virtual Result<void> DeleteSessionsOf(int64_t account_id) = 0;
  // The sessions of one account, oldest first (expired ones included until they are deleted).
  virtual Result<std::vector<Session>> ListSessionsOf(int64_t account_id) = 0;
  // How many sessions each account holds (accounts without any are absent), by account id.
  virtual Result<std::vector<std::pair<int64_t, int64_t>>> CountSessionsByAccount() = 0;
  // Deletes sessions idle since before `idle_before` or created before `created_before`;
  // returns how many.
  virtual Result<int64_t> DeleteExpiredSessions(UtcTime idle_before, UtcTime created_before) = 0;
};

}  // namespace yz
