#include "domain/accounts/account_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/crypto.h"
#include "core/region_code.h"
#include "domain/stations/codes.h"

namespace yz {
namespace {

constexpr std::size_t kMaxUnknownUsers = 10000;

Error Unauthenticated() {
  return Error{ErrorCode::kUnauthenticated, "用户名或密码错误 / wrong username or password"};
}
Error Locked() {
  return Error{ErrorCode::kRateLimited,
               "登录失败次数过多，账号暂时锁定 / too many failed sign-ins, try later"};
}

}  // namespace

Result<void> ValidateAccountScope(Role role, const Scope& scope) {
  for (const auto& r : scope.regions) {
    if (!IsValidRegionCode(r))
      return Error::InvalidArgument(fmt::format("区域代码有误 / bad region code '{}'", r));
  }
  for (const auto& s : scope.stations) {
    if (!IsValidStationCode(s))
      return Error::InvalidArgument(fmt::format("站点编号有误 / bad station code '{}'", s));
  }
  if (role == Role::kRegionAdmin && scope.regions.empty()) {
    return Error::InvalidArgument(
        "区域管理员至少需要一个区域 / a region_admin needs at least one --region");
  }
  if ((role == Role::kStationManager || role == Role::kMaintainer || role == Role::kVolunteer) &&
      scope.regions.empty() && scope.stations.empty()) {
    return Error::InvalidArgument(
        fmt::format("{}至少需要一个站点或区域 / a {} needs at least one --station or --region",
                    RoleLabel(role), RoleCode(role)));
  }
  return Ok();
}

bool IsValidUsername(std::string_view username) {
  if (username.empty() || username.size() > 64) return false;
  return std::all_of(username.begin(), username.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

AccountService::AccountService(AccountRepository& accounts, SessionRepository& sessions,
                               AuditRepository& audit, const Clock& clock, std::string key,
                               AccountsConfig config)
    : accounts_(accounts),
      sessions_(sessions),
      audit_(audit),
      clock_(clock),
      key_(std::move(key)),
      config_(config) {}

std::string AccountService::TokenHash(std::string_view token) const {
  return KeyedHashHex(key_, std::string("session\n").append(token));
}

std::string AccountService::CsrfToken(std::string_view token) const {
  return KeyedHashHex(key_, std::string("csrf\n").append(token));
}

void AccountService::Audit(std::string_view actor, std::string_view role, std::string_view action,
                           std::string_view object, std::string_view address, AuditOutcome outcome,
                           std::string_view detail) {
  AuditEntry e;
  e.at = clock_.Now();
  e.actor = actor;
  e.role = role;
  e.action = action;
  e.object = object;
  e.address = address;
  e.outcome = outcome;
  e.detail = detail;
  (void)audit_.Append(e);  // a failed audit write must not turn a sign-in into a 500
}

Result<PasswordPolicy> AccountService::Policy() {
  auto text = accounts_.Setting(kPasswordPolicySetting);
  if (!text) return text.error();
  if (!*text) return PasswordPolicy{};
  return PasswordPolicy::Parse(**text);
}

Result<void> AccountService::SetPolicy(const PasswordPolicy& policy) {
  return accounts_.SetSetting(kPasswordPolicySetting, policy.Serialize());
}

Result<Account> AccountService::CreateAccount(const NewAccount& request, std::string_view password,
                                              std::string_view created_by) {
  if (!IsValidUsername(request.username)) {
    return Error::InvalidArgument(
        "用户名须为 1–64 个 a-z 0-9 _ . - 字符 / username: 1-64 of a-z 0-9 _ . -");
  }
  YZ_TRY(ValidateAccountScope(request.role, request.scope));
  auto policy = Policy();
  if (!policy) return policy.error();
  YZ_TRY(CheckPasswordPolicy(*policy, password));
  auto hash = HashPassword(password);
  if (!hash) return hash.error();
  Account a;
  a.username = request.username;
  a.role = request.role;
  a.scope = request.scope;
  a.password_hash = std::move(*hash);
  a.created_at = clock_.Now();
  auto id = accounts_.AddAccount(a);
  if (!id) return id.error();
  a.id = *id;
  Audit(created_by, "", "account.create", "account:" + a.username, "", AuditOutcome::kSuccess,
        fmt::format("role={}", RoleCode(a.role)));
  a.password_hash.clear();
  return a;
}

bool AccountService::UnknownUserLocked(const std::string& username, UtcTime now) {
  std::lock_guard lock(unknown_mutex_);
  const auto it = unknown_users_.find(username);
  return it != unknown_users_.end() && it->second.locked_until > now;
}

void AccountService::UnknownUserFailed(const std::string& username, const PasswordPolicy& policy,
                                       UtcTime now) {
  std::lock_guard lock(unknown_mutex_);
  if (unknown_users_.size() >= kMaxUnknownUsers && !unknown_users_.contains(username)) {
    std::erase_if(unknown_users_,
                  [now](const auto& item) { return item.second.locked_until <= now; });
    if (unknown_users_.size() >= kMaxUnknownUsers) unknown_users_.clear();
  }
  UnknownUser& u = unknown_users_[username];
  if (++u.failures >= policy.lock_after_failures) {
    u.failures = 0;
    u.locked_until = now + std::chrono::minutes(policy.lock_minutes);
  }
}

Result<LoginSuccess> AccountService::Login(std::string_view username_view,
                                           std::string_view password,
                                           std::string_view previous_token,
                                           std::string_view address) {
  const std::string username(username_view.substr(0, 64));
  const UtcTime now = clock_.Now();
  auto policy = Policy();
  if (!policy) return policy.error();
  auto found = accounts_.FindAccountByUsername(username);
  if (!found) return found.error();
  // The object names the attempted username only when it is a valid one: a password typed into
  // the username field must not land in the log.
  const std::string object = IsValidUsername(username) ? "account:" + username : "account:?";

  if (!*found || (*found)->disabled) {
    const bool locked = UnknownUserLocked(username, now);
    if (!locked) {
      (void)VerifyPassword(DummyPasswordHash(), password);
      UnknownUserFailed(username, *policy, now);
    }
    Audit("", "", "auth.login", object, address, AuditOutcome::kDenied,
          locked ? "locked" : "bad credentials");
    return locked ? Locked() : Unauthenticated();
  }
  Account account = std::move(**found);
  if (account.locked_until && *account.locked_until > now) {
    Audit(account.username, RoleCode(account.role), "auth.login", object, address,
          AuditOutcome::kDenied, "locked");
    return Locked();
  }
  if (!VerifyPassword(account.password_hash, password)) {
    auto after = accounts_.RecordLoginFailure(account.id, policy->lock_after_failures,
                                              now + std::chrono::minutes(policy->lock_minutes));
    if (!after) return after.error();
    const bool now_locked = after->locked_until && *after->locked_until > now;
    Audit(account.username, RoleCode(account.role), now_locked ? "auth.lockout" : "auth.login",
          object, address, AuditOutcome::kDenied,
          now_locked ? fmt::format("locked for {} min after {} failures", policy->lock_minutes,
                                   policy->lock_after_failures)
                     : "bad credentials");
    return Unauthenticated();
  }
  YZ_TRY(accounts_.RecordLoginSuccess(account.id, now));
  if (!previous_token.empty()) YZ_TRY(sessions_.DeleteSession(TokenHash(previous_token)));
  (void)sessions_.DeleteExpiredSessions(now - config_.idle_timeout, now - config_.absolute_timeout);

  LoginSuccess success;
  success.session_token = RandomToken(32);
  success.csrf_token = CsrfToken(success.session_token);
  Session session;
  session.token_hash = TokenHash(success.session_token);
  session.account_id = account.id;
  session.created_at = now;
  session.last_seen_at = now;
  session.address = address;
  YZ_TRY(sessions_.AddSession(session));
  Audit(account.username, RoleCode(account.role), "auth.login", object, address,
        AuditOutcome::kSuccess, "");
  account.password_hash.clear();
  account.failed_logins = 0;
  account.locked_until.reset();
  account.last_login_at = now;
  success.account = std::move(account);
  return success;
}

Result<void> AccountService::Logout(std::string_view token) {
  if (token.empty()) return Ok();
  return sessions_.DeleteSession(TokenHash(token));
}

Result<int64_t> AccountService::DeleteExpiredSessions() {
  const UtcTime now = clock_.Now();
  return sessions_.DeleteExpiredSessions(now - config_.idle_timeout,
                                         now - config_.absolute_timeout);
}

Result<void> AccountService::Logout(const Principal& who, std::string_view token,
                                    std::string_view address) {
  YZ_TRY(Logout(token));
  Audit(who.account.username, RoleCode(who.role()), "auth.logout",
        "account:" + who.account.username, address, AuditOutcome::kSuccess, "");
  return Ok();
}

Result<std::optional<Principal>> AccountService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 128) return std::optional<Principal>{};
  const std::string hash = TokenHash(token);
  auto session = sessions_.FindSession(hash);
  if (!session) return session.error();
  if (!*session) return std::optional<Principal>{};
  const UtcTime now = clock_.Now();
  if ((*session)->last_seen_at + config_.idle_timeout <= now ||
      (*session)->created_at + config_.absolute_timeout <= now) {
    YZ_TRY(sessions_.DeleteSession(hash));
    return std::optional<Principal>{};
  }
  auto account = accounts_.FindAccount((*session)->account_id);
  if (!account) return account.error();
  if (!*account || (*account)->disabled) return std::optional<Principal>{};
  if (now - (*session)->last_seen_at >= config_.touch_interval)
    YZ_TRY(sessions_.TouchSession(hash, now));
  Principal p;
  p.account = std::move(**account);
  p.account.password_hash.clear();
  p.session_token_hash = hash;
  p.csrf_token = CsrfToken(token);
  return std::optional<Principal>{std::move(p)};
}

Result<void> AccountService::ChangePassword(const Principal& principal, std::string_view current,
                                            std::string_view replacement,
                                            std::string_view address) {
  auto account = accounts_.FindAccount(principal.account.id);
  if (!account) return account.error();
  if (!*account) return Unauthenticated();
  const std::string object = "account:" + (*account)->username;
  const std::string role(RoleCode((*account)->role));
  const UtcTime now = clock_.Now();
  auto policy = Policy();
  if (!policy) return policy.error();
  if ((*account)->locked_until && *(*account)->locked_until > now) {
    Audit((*account)->username, role, "account.password", object, address, AuditOutcome::kDenied,
          "locked");
    return Locked();
  }
  if (!VerifyPassword((*account)->password_hash, current)) {
    // A wrong current password counts as a failed sign-in: a stolen session must not become a
    // way to guess the password without the lockout. Locked, the account's sessions end too.
    auto after = accounts_.RecordLoginFailure((*account)->id, policy->lock_after_failures,
                                              now + std::chrono::minutes(policy->lock_minutes));
    if (!after) return after.error();
    const bool now_locked = after->locked_until && *after->locked_until > now;
    if (now_locked) YZ_TRY(sessions_.DeleteSessionsOf((*account)->id));
    Audit((*account)->username, role, now_locked ? "auth.lockout" : "account.password", object,
          address, AuditOutcome::kDenied,
          now_locked ? fmt::format("locked for {} min after {} failures (current password)",
                                   policy->lock_minutes, policy->lock_after_failures)
                     : "bad current password");
    return Error{ErrorCode::kForbidden, "当前密码错误 / the current password is wrong"};
  }
  if (replacement == current) {
    Audit((*account)->username, role, "account.password", object, address, AuditOutcome::kFailed,
          "unchanged");
    return Error::InvalidArgument("新密码不能与当前密码相同 / choose a different password");
  }
  if (auto ok = CheckPasswordPolicy(*policy, replacement); !ok) {
    Audit((*account)->username, role, "account.password", object, address, AuditOutcome::kFailed,
          "policy");
    return ok.error();
  }
  auto hash = HashPassword(replacement);
  if (!hash) return hash.error();
  Account updated = std::move(**account);
  updated.password_hash = std::move(*hash);
  updated.must_change_password = false;
  // The caller's own session survives (it proved the password just now) with the lifetime it
  // had: a password change must not extend a session past its absolute timeout.
  auto own_before = sessions_.FindSession(principal.session_token_hash);
  if (!own_before) return own_before.error();
  YZ_TRY(accounts_.UpdateAccount(updated));
  YZ_TRY(sessions_.DeleteSessionsOf(updated.id));
  Session own;
  own.token_hash = principal.session_token_hash;
  own.account_id = updated.id;
  own.created_at = *own_before ? (*own_before)->created_at : now;
  own.last_seen_at = now;
  own.address = address;
  YZ_TRY(sessions_.AddSession(own));
  Audit(updated.username, role, "account.password", object, address, AuditOutcome::kSuccess, "");
  return Ok();
}

}  // namespace yz
