// Accounts and sessions as the command line and the console use them: creating accounts,
// signing in (argon2id, lockout after repeated failures, a fresh session each time), signing out,
// and turning a session cookie back into a Principal under the idle and absolute timeouts.
// Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "core/result.h"
#include "domain/accounts/account.h"
#include "domain/accounts/authorization.h"
#include "domain/accounts/password.h"
#include "domain/audit/audit.h"

namespace yz {

struct AccountsConfig {
  std::chrono::minutes idle_timeout{30};           // a session unused this long ends
  std::chrono::minutes absolute_timeout{12 * 60};  // a session ends this long after sign-in
  std::chrono::seconds touch_interval{60};         // last_seen_at is written at most this often
};

struct NewAccount {
  std::string username;
  Role role = Role::kVolunteer;
  Scope scope;
};

// Ok when `scope` is well-formed and holds what `role` needs (a region admin a region; station
// managers, maintainers and volunteers a station or a region); otherwise invalid_argument with
// a Chinese-first message.
Result<void> ValidateAccountScope(Role role, const Scope& scope);

struct LoginSuccess {
  std::string session_token;  // the cookie value; only its hash is stored
  std::string csrf_token;
  Account account;  // password hash cleared
};

class AccountService {
 public:
  // `key` is the store's secret (Store::HashKey) for hashing session tokens.
  AccountService(AccountRepository& accounts, SessionRepository& sessions, AuditRepository& audit,
                 const Clock& clock, std::string key, AccountsConfig config = {});

  // Validates and stores a new account. Errors: invalid_argument (bad username, a scope that
  // the role needs but lacks or a malformed code, a password outside the policy), conflict
  // (username taken), the store's. `created_by` names the creator in the audit log ("" for the
  // command line).
  Result<Account> CreateAccount(const NewAccount& account, std::string_view password,
                                std::string_view created_by = "cli");

  // Signs in. A wrong password and an unknown or disabled user → the same unauthenticated error;
  // a locked account (or username) → rate_limited whatever the password. On success every earlier
  // session presented by this browser (`previous_token`) ends and a new one starts. Every
  // attempt is audited.
  Result<LoginSuccess> Login(std::string_view username, std::string_view password,
                             std::string_view previous_token, std::string_view address);

  // Ends the session of `token` (nothing when there is none).
  Result<void> Logout(std::string_view token);
  // Deletes every session past its idle or absolute timeout (a timed job); how many went.
  Result<int64_t> DeleteExpiredSessions();
  // Ends `who`'s session `token` and records "auth.logout".
  Result<void> Logout(const Principal& who, std::string_view token, std::string_view address);

  // The Principal of a valid session, or nullopt when `token` names none, the session has
  // expired (it is then deleted) or its account is disabled.
  Result<std::optional<Principal>> Authenticate(std::string_view token);

  Result<PasswordPolicy> Policy();
  Result<void> SetPolicy(const PasswordPolicy& policy);

  // Changes the password of `principal`, after checking the current one (wrong → forbidden, and
  // it counts towards the lockout like a failed sign-in; locking ends the account's sessions; a
  // locked account → rate_limited; the same as the new one → invalid_argument); other sessions
  // of the account end, the caller's keeps its absolute lifetime, and the must-change flag is
  // cleared.
  Result<void> ChangePassword(const Principal& principal, std::string_view current,
                              std::string_view replacement, std::string_view address);

  AuditRepository& audit() { return audit_; }
  const Clock& clock() const { return clock_; }

 private:
  std::string TokenHash(std::string_view token) const;
  std::string CsrfToken(std::string_view token) const;
  void Audit(std::string_view actor, std::string_view role, std::string_view action,
             std::string_view object, std::string_view address, AuditOutcome outcome,
             std::string_view detail);
  // Failures of usernames that have no account, so that they lock like real ones (nobody
  // learns which usernames exist). Bounded; guarded by unknown_mutex_.
  bool UnknownUserLocked(const std::string& username, UtcTime now);
  void UnknownUserFailed(const std::string& username, const PasswordPolicy& policy, UtcTime now);

  AccountRepository& accounts_;
  SessionRepository& sessions_;
  AuditRepository& audit_;
  const Clock& clock_;
  const std::string key_;
  const AccountsConfig config_;

  struct UnknownUser {
    int failures = 0;
    UtcTime locked_until;
  };
  std::mutex unknown_mutex_;
  std::unordered_map<std::string, UnknownUser> unknown_users_;
};

}  // namespace yz
