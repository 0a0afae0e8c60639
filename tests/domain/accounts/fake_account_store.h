// In-memory AccountRepository, SessionRepository and AuditRepository for the domain tests.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <tuple>

#include "domain/accounts/account.h"
#include "domain/audit/audit.h"

namespace yz::testing {

class FakeAccountStore final : public AccountRepository,
                               public SessionRepository,
                               public AuditRepository {
 public:
  Result<int64_t> AddAccount(const Account& a) override {
    for (const auto& [id, x] : accounts_) {
      if (x.username == a.username) return Error::Conflict("taken");
    }
    Account stored = a;
    stored.id = ++next_id_;
    accounts_[stored.id] = stored;
    return stored.id;
  }
  Result<std::optional<Account>> FindAccount(int64_t id) override {
    auto it = accounts_.find(id);
    return it == accounts_.end() ? std::optional<Account>{} : std::optional<Account>{it->second};
  }
  Result<std::optional<Account>> FindAccountByUsername(std::string_view username) override {
    for (const auto& [id, a] : accounts_) {
      if (a.username == username) return std::optional<Account>{a};
    }
    return std::optional<Account>{};
  }
  Result<std::vector<Account>> ListAccounts() override {
    std::vector<Account> out;
    for (const auto& [id, a] : accounts_) out.push_back(a);
    return out;
  }
  Result<void> UpdateAccount(const Account& a) override {
    auto it = accounts_.find(a.id);
    if (it == accounts_.end()) return Error::NotFound("no account");
    it->second.role = a.role;
    it->second.scope = a.scope;
    it->second.password_hash = a.password_hash;
    it->second.disabled = a.disabled;
    it->second.must_change_password = a.must_change_password;
    return Ok();
  }
  Result<Account> RecordLoginFailure(int64_t id, int lock_after, UtcTime lock_until) override {
    auto it = accounts_.find(id);
    if (it == accounts_.end()) return Error::NotFound("no account");
    if (++it->second.failed_logins >= lock_after) {
      it->second.failed_logins = 0;
      it->second.locked_until = lock_until;
    }
    return it->second;
  }
  Result<void> RecordLoginSuccess(int64_t id, UtcTime at) override {
    accounts_[id].failed_logins = 0;
    accounts_[id].locked_until.reset();
    accounts_[id].last_login_at = at;
    return Ok();
  }
  Result<std::optional<std::string>> Setting(std::string_view name) override {
    auto it = settings_.find(std::string(name));
    return it == settings_.end() ? std::optional<std::string>{}
                                 : std::optional<std::string>{it->second};
  }
  Result<void> SetSetting(std::string_view name, std::string_view value) override {
    settings_[std::string(name)] = value;
    return Ok();
  }

  Result<void> AddSession(const Session& s) override {
    if (sessions_.contains(s.token_hash)) return Error::Conflict("exists");
    sessions_[s.token_hash] = s;
    return Ok();
  }
  Result<std::optional<Session>> FindSession(std::string_view h) override {
    auto it = sessions_.find(std::string(h));
    return it == sessions_.end() ? std::optional<Session>{} : std::optional<Session>{it->second};
  }
  Result<void> TouchSession(std::string_view h, UtcTime t) override {
    if (auto it = sessions_.find(std::string(h)); it != sessions_.end())
      it->second.last_seen_at = t;
    return Ok();
  }
  Result<void> DeleteSession(std::string_view h) override {
    sessions_.erase(std::string(h));
    return Ok();
  }
  Result<void> DeleteSessionsOf(int64_t account_id) override {
    std::erase_if(sessions_, [&](const auto& kv) { return kv.second.account_id == account_id; });
    return Ok();
  }
  Result<std::vector<Session>> ListSessionsOf(int64_t account_id) override {
    std::vector<Session> out;
    for (const auto& [hash, s] : sessions_) {
      if (s.account_id == account_id) out.push_back(s);
    }
    std::sort(out.begin(), out.end(), [](const Session& a, const Session& b) {
      return std::tie(a.created_at, a.token_hash) < std::tie(b.created_at, b.token_hash);
    });
    return out;
  }
  Result<std::vector<std::pair<int64_t, int64_t>>> CountSessionsByAccount() override {
    std::map<int64_t, int64_t> counts;
    for (const auto& [hash, s] : sessions_) ++counts[s.account_id];
    return std::vector<std::pair<int64_t, int64_t>>(counts.begin(), counts.end());
  }
  Result<int64_t> DeleteExpiredSessions(UtcTime idle_before, UtcTime created_before) override {
    return static_cast<int64_t>(std::erase_if(sessions_, [&](const auto& kv) {
      return kv.second.last_seen_at < idle_before || kv.second.created_at < created_before;
    }));
  }

  Result<int64_t> Append(const AuditEntry& e) override {
    audit_.push_back(e);
    audit_.back().id = static_cast<int64_t>(audit_.size());
    return audit_.back().id;
  }
  Result<std::vector<AuditEntry>> List(const AuditQuery&) override {
    return std::vector<AuditEntry>(audit_.rbegin(), audit_.rend());
  }

  std::size_t session_count() const { return sessions_.size(); }
  const std::vector<AuditEntry>& audit_entries() const { return audit_; }

 private:
  int64_t next_id_ = 0;
  std::map<int64_t, Account> accounts_;
  std::map<std::string, std::string> settings_;
  std::map<std::string, Session> sessions_;
  std::vector<AuditEntry> audit_;
};

}  // namespace yz::testing
