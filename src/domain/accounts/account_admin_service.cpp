#include "domain/accounts/account_admin_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/crypto.h"
#include "domain/accounts/password.h"

namespace yz {
namespace {

std::string ObjectOf(std::string_view username) { return "account:" + std::string(username); }

std::string ScopeText(const Scope& scope) {
  std::string out;
  for (const auto& r : scope.regions) out += (out.empty() ? "" : ",") + r;
  for (const auto& s : scope.stations) out += (out.empty() ? "" : ",") + s;
  return out.empty() ? "-" : out;
}

Error NoSuchAccount() { return Error::NotFound("没有这个账号 / no such account"); }

}  // namespace

std::string SessionIdOf(std::string_view token_hash) {
  return KeyedHashHex("yizhan session id", token_hash).substr(0, 16);
}

AccountAdminService::AccountAdminService(AccountRepository& accounts, SessionRepository& sessions,
                                         Auditor& auditor, const Clock& clock,
                                         PasswordSource password_source)
    : accounts_(accounts),
      sessions_(sessions),
      auditor_(auditor),
      clock_(clock),
      password_source_(std::move(password_source)) {
  if (!password_source_) {
    password_source_ = [](int min_length) {
      // Groups of four plus a dash: five code points per group (the last has no dash).
      const int groups = std::max(4, (min_length + 5) / 5);
      return RandomReadableCode(static_cast<std::size_t>(groups));
    };
  }
}

Error AccountAdminService::Refuse(const Caller& who, std::string_view action,
                                  std::string_view object, std::string message,
                                  std::string_view detail) {
  auditor_.Record(who, action, object, AuditOutcome::kDenied, detail);
  return Error{ErrorCode::kForbidden, std::move(message)};
}

Result<void> AccountAdminService::RequireSecurityAdmin(const Caller& who, std::string_view action,
                                                       std::string_view object) {
  if (who.role() == Role::kSecurityAdmin) return Ok();
  return Refuse(who, action, object,
                "只有安全管理员可以管理账号 / only a security admin manages accounts",
                "not a security admin");
}

Result<Account> AccountAdminService::TargetForChange(const Caller& who, std::string_view username,
                                                     std::string_view action, bool self_allowed) {
  const std::string object = ObjectOf(username);
  YZ_TRY(RequireSecurityAdmin(who, action, object));
  auto found = accounts_.FindAccountByUsername(username);
  if (!found) return found.error();
  if (!*found) return NoSuchAccount();
  Account target = std::move(**found);
  if (target.id == who.principal.account.id) {
    if (self_allowed) return target;
    return Refuse(
        who, action, object,
        "不能修改自己的账号（角色、范围、停用、重置密码须由另一位安全管理员办理） / you may "
        "not change your own account",
        "own account");
  }
  if (IsPrivilegedAdminRole(target.role)) {
    return Refuse(
        who, action, object,
        fmt::format("{}账号只能在服务器上用 yizhan user 命令管理 / {} accounts are managed "
                    "only on the server's command line",
                    RoleLabel(target.role), RoleCode(target.role)),
        fmt::format("target is {}", RoleCode(target.role)));
  }
  return target;
}

Result<std::string> AccountAdminService::NewTemporaryPassword() {
  PasswordPolicy policy;
  auto text = accounts_.Setting(kPasswordPolicySetting);
  if (!text) return text.error();
  if (*text) {
    auto parsed = PasswordPolicy::Parse(**text);
    if (!parsed) return parsed.error();
    policy = *parsed;
  }
  std::string password = password_source_(policy.min_length);
  YZ_TRY(CheckPasswordPolicy(policy, password));
  return password;
}

Result<std::vector<AccountSummary>> AccountAdminService::List(const Caller& who) {
  YZ_TRY(RequireSecurityAdmin(who, "account.list", ""));
  auto accounts = accounts_.ListAccounts();
  if (!accounts) return accounts.error();
  auto counts = sessions_.CountSessionsByAccount();
  if (!counts) return counts.error();
  const std::map<int64_t, int64_t> by_account(counts->begin(), counts->end());
  const UtcTime now = clock_.Now();
  std::vector<AccountSummary> out;
  out.reserve(accounts->size());
  for (Account& a : *accounts) {
    AccountSummary s;
    s.locked = a.locked_until && *a.locked_until > now;
    if (const auto it = by_account.find(a.id); it != by_account.end()) s.session_count = it->second;
    a.password_hash.clear();
    s.account = std::move(a);
    out.push_back(std::move(s));
  }
  return out;
}

Result<TemporaryPassword> AccountAdminService::Create(const Caller& who,
                                                      const NewAccount& request) {
  const std::string object =
      IsValidUsername(request.username) ? ObjectOf(request.username) : "account:?";
  YZ_TRY(RequireSecurityAdmin(who, "account.create", object));
  if (IsPrivilegedAdminRole(request.role)) {
    return Refuse(
        who, "account.create", object,
        fmt::format("{}账号只能在服务器上用 yizhan user add 创建 / {} accounts are made only "
                    "with yizhan user add on the server",
                    RoleLabel(request.role), RoleCode(request.role)),
        fmt::format("role={}", RoleCode(request.role)));
  }
  if (!IsValidUsername(request.username)) {
    return Error::InvalidArgument(
        "用户名须为 1–64 个 a-z 0-9 _ . - 字符 / username: 1-64 of a-z 0-9 _ . -");
  }
  YZ_TRY(ValidateAccountScope(request.role, request.scope));
  auto password = NewTemporaryPassword();
  if (!password) return password.error();
  auto hash = HashPassword(*password);
  if (!hash) return hash.error();
  Account a;
  a.username = request.username;
  a.role = request.role;
  a.scope = request.scope;
  a.password_hash = std::move(*hash);
  a.must_change_password = true;
  a.created_at = clock_.Now();
  auto id = accounts_.AddAccount(a);
  if (!id) {
    auditor_.Record(who, "account.create", object, AuditOutcome::kFailed, id.error().message);
    return id.error();
  }
  a.id = *id;
  a.password_hash.clear();
  auditor_.Record(who, "account.create", object, AuditOutcome::kSuccess,
                  fmt::format("role={} scope={}", RoleCode(a.role), ScopeText(a.scope)));
  return TemporaryPassword{std::move(a), std::move(*password)};
}

Result<AccountSummary> AccountAdminService::Change(const Caller& who, std::string_view username,
                                                   const AccountChange& change) {
  if (!change.role && !change.scope && !change.disabled) {
    return Error::InvalidArgument(
        "没有要修改的内容：role、regions/stations 或 disabled / nothing to change");
  }
  const std::string object = ObjectOf(username);
  const std::string_view action = change.role || change.scope
                                      ? "account.role"
                                      : (*change.disabled ? "account.disable" : "account.enable");
  auto target = TargetForChange(who, username, action, false);
  if (!target) return target.error();
  Account updated = *target;
  if (change.role) {
    if (IsPrivilegedAdminRole(*change.role)) {
      return Refuse(who, action, object,
                    fmt::format("不能在控制台授予{}角色 / the {} role is granted only on the "
                                "server's command line",
                                RoleLabel(*change.role), RoleCode(*change.role)),
                    fmt::format("role={}", RoleCode(*change.role)));
    }
    updated.role = *change.role;
  }
  if (change.scope) updated.scope = *change.scope;
  if (change.role || change.scope) YZ_TRY(ValidateAccountScope(updated.role, updated.scope));
  if (change.disabled) updated.disabled = *change.disabled;
  YZ_TRY(accounts_.UpdateAccount(updated));
  if (updated.disabled && !target->disabled) YZ_TRY(sessions_.DeleteSessionsOf(updated.id));

  if (updated.role != target->role || updated.scope != target->scope) {
    auditor_.Record(
        who, "account.role", object, AuditOutcome::kSuccess,
        fmt::format("role={}→{} scope={}→{}", RoleCode(target->role), RoleCode(updated.role),
                    ScopeText(target->scope), ScopeText(updated.scope)));
  }
  if (updated.disabled != target->disabled) {
    auditor_.Record(who, updated.disabled ? "account.disable" : "account.enable", object,
                    AuditOutcome::kSuccess, updated.disabled ? "sessions ended" : "");
  }
  AccountSummary out;
  out.locked = updated.locked_until && *updated.locked_until > clock_.Now();
  auto sessions = sessions_.ListSessionsOf(updated.id);
  if (!sessions) return sessions.error();
  out.session_count = static_cast<int64_t>(sessions->size());
  updated.password_hash.clear();
  out.account = std::move(updated);
  return out;
}

Result<TemporaryPassword> AccountAdminService::ResetPassword(const Caller& who,
                                                             std::string_view username) {
  auto target = TargetForChange(who, username, "account.password_reset", false);
  if (!target) return target.error();
  auto password = NewTemporaryPassword();
  if (!password) return password.error();
  auto hash = HashPassword(*password);
  if (!hash) return hash.error();
  Account updated = std::move(*target);
  updated.password_hash = std::move(*hash);
  updated.must_change_password = true;
  YZ_TRY(accounts_.UpdateAccount(updated));
  YZ_TRY(sessions_.DeleteSessionsOf(updated.id));
  auditor_.Record(who, "account.password_reset", ObjectOf(username), AuditOutcome::kSuccess,
                  "sessions ended");
  updated.password_hash.clear();
  return TemporaryPassword{std::move(updated), std::move(*password)};
}

Result<std::vector<SessionSummary>> AccountAdminService::Sessions(const Caller& who,
                                                                  std::string_view username) {
  YZ_TRY(RequireSecurityAdmin(who, "account.sessions", ObjectOf(username)));
  auto found = accounts_.FindAccountByUsername(username);
  if (!found) return found.error();
  if (!*found) return NoSuchAccount();
  auto sessions = sessions_.ListSessionsOf((*found)->id);
  if (!sessions) return sessions.error();
  std::vector<SessionSummary> out;
  out.reserve(sessions->size());
  for (const Session& s : *sessions) {
    out.push_back({SessionIdOf(s.token_hash), s.created_at, s.last_seen_at, s.address,
                   s.token_hash == who.principal.session_token_hash});
  }
  return out;
}

Result<int64_t> AccountAdminService::EndSessions(const Caller& who, std::string_view username,
                                                 std::string_view session_id) {
  auto target = TargetForChange(who, username, "account.sessions_end", true);
  if (!target) return target.error();
  const std::string object = ObjectOf(username);
  auto sessions = sessions_.ListSessionsOf(target->id);
  if (!sessions) return sessions.error();
  if (session_id.empty()) {
    YZ_TRY(sessions_.DeleteSessionsOf(target->id));
    auditor_.Record(who, "account.sessions_end", object, AuditOutcome::kSuccess,
                    fmt::format("all ({})", sessions->size()));
    return static_cast<int64_t>(sessions->size());
  }
  const auto it = std::find_if(sessions->begin(), sessions->end(), [&](const Session& s) {
    return SessionIdOf(s.token_hash) == session_id;
  });
  if (it == sessions->end()) return Error::NotFound("没有这个会话 / no such session");
  YZ_TRY(sessions_.DeleteSession(it->token_hash));
  auditor_.Record(who, "account.sessions_end", object, AuditOutcome::kSuccess,
                  fmt::format("session {}", session_id));
  return int64_t{1};
}

}  // namespace yz
