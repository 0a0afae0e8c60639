// Accounts run from the console by the security administrator (ADR 0014, 三员分立): listing
// accounts, creating them with a temporary password made by the server, disabling and enabling
// them, resetting passwords, changing role and scope, and ending sessions. The rules of the
// separation of duties live here, not in the handlers:
//   - only a security admin may call any of this (anyone else → forbidden);
//   - nobody changes their own role, scope or disabled flag or resets their own password here
//     (→ forbidden); ending one's own other sessions is allowed;
//   - accounts of the security admin and the auditor (IsPrivilegedAdminRole) are made and changed
//     only with `yizhan user add` on the server: creating one, promoting to one, or changing,
//     resetting or ending the sessions of one here → forbidden (they are listed, read-only).
// Every change and every refused change is written to the audit log; passwords never are.
// Errors: not_found (no such account), invalid_argument (username, scope, empty change),
// conflict (username taken), forbidden (the rules above), the store's. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/accounts/account.h"
#include "domain/accounts/account_service.h"
#include "domain/audit/auditor.h"

namespace yz {

// One account as the console lists it.
struct AccountSummary {
  Account account;      // password hash cleared
  bool locked = false;  // locked_until lies in the future
  int64_t session_count = 0;
};

// One session as the console lists it. `id` is derived one-way from the stored token hash, so
// neither the cookie nor its hash leaves the server.
struct SessionSummary {
  std::string id;  // 16 hex digits, stable for the session's life
  UtcTime created_at;
  UtcTime last_seen_at;
  std::string address;
  bool current = false;  // the caller's own session
};

// A PATCH of an account: the fields present change.
struct AccountChange {
  std::optional<Role> role;
  std::optional<Scope> scope;  // with `role` (or the account's role) validated together
  std::optional<bool> disabled;
};

// An account and the temporary password the server made for it: shown once to the security
// admin, never stored in clear nor logged. The holder must change it at the first sign-in.
struct TemporaryPassword {
  Account account;  // password hash cleared
  std::string password;
};

class AccountAdminService {
 public:
  // Makes a temporary password of at least `min_length` code points.
  using PasswordSource = std::function<std::string(int min_length)>;

  // REQUIRES: every argument outlives this object. `password_source` defaults to
  // RandomReadableCode (core/crypto.h) with enough groups for the length.
  AccountAdminService(AccountRepository& accounts, SessionRepository& sessions, Auditor& auditor,
                      const Clock& clock, PasswordSource password_source = {});

  // Every account, by id.
  Result<std::vector<AccountSummary>> List(const Caller& who);
  // Creates an operational account (not security_admin or auditor) with a temporary password.
  Result<TemporaryPassword> Create(const Caller& who, const NewAccount& account);
  // Changes role, scope and/or the disabled flag; disabling ends every session of the account.
  Result<AccountSummary> Change(const Caller& who, std::string_view username,
                                const AccountChange& change);
  // A new temporary password; the account must change it and its sessions end.
  Result<TemporaryPassword> ResetPassword(const Caller& who, std::string_view username);
  // The account's sessions, oldest first.
  Result<std::vector<SessionSummary>> Sessions(const Caller& who, std::string_view username);
  // Ends the session `session_id` of the account, or all of them when it is empty; returns how
  // many ended. An unknown session id → not_found.
  Result<int64_t> EndSessions(const Caller& who, std::string_view username,
                              std::string_view session_id);

 private:
  Result<void> RequireSecurityAdmin(const Caller& who, std::string_view action,
                                    std::string_view object);
  // The account named `username` (not_found otherwise), with the self and privileged-target
  // rules checked for a change called `action`; a refusal is audited.
  Result<Account> TargetForChange(const Caller& who, std::string_view username,
                                  std::string_view action, bool self_allowed);
  Result<std::string> NewTemporaryPassword();
  Error Refuse(const Caller& who, std::string_view action, std::string_view object,
               std::string message, std::string_view detail);

  AccountRepository& accounts_;
  SessionRepository& sessions_;
  Auditor& auditor_;
  const Clock& clock_;
  PasswordSource password_source_;
};

// The id under which a session is shown and ended (SessionSummary::id).
std::string SessionIdOf(std::string_view token_hash);

}  // namespace yz
