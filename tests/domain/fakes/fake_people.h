// In-memory repositories of the people and messages areas, for the services' tests. Plain maps
// under one mutex; the same rules as the stores (tests/storage/people_conformance_test.cpp).
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "domain/messages/message.h"
#include "domain/people/person.h"

namespace yz::testing {

class FakePeople final : public PeopleRepository {
 public:
  Result<Person> FindOrAddPerson(std::string_view phone, UtcTime now) override {
    std::lock_guard lock(mutex_);
    for (const auto& [id, p] : people_) {
      if (p.phone == phone) return p;
    }
    Person p{++next_id_, std::string(phone), now, now};
    people_[p.id] = p;
    return p;
  }
  Result<std::optional<Person>> FindPerson(int64_t id) override {
    std::lock_guard lock(mutex_);
    auto it = people_.find(id);
    return it == people_.end() ? std::optional<Person>{} : std::optional<Person>{it->second};
  }
  Result<std::optional<Person>> FindPersonByPhone(std::string_view phone) override {
    std::lock_guard lock(mutex_);
    for (const auto& [id, p] : people_) {
      if (p.phone == phone) return std::optional<Person>{p};
    }
    return std::optional<Person>{};
  }
  Result<void> TouchPerson(int64_t id, UtcTime at) override {
    std::lock_guard lock(mutex_);
    if (auto it = people_.find(id); it != people_.end()) {
      it->second.last_seen_at = std::max(it->second.last_seen_at, at);
    }
    return Ok();
  }
  Result<void> ErasePerson(int64_t id) override {
    std::lock_guard lock(mutex_);
    auto it = people_.find(id);
    if (it == people_.end()) return Ok();
    std::erase_if(codes_, [&](const SignInCode& c) { return c.phone == it->second.phone; });
    std::erase_if(sessions_, [&](const auto& s) { return s.second.person_id == id; });
    for (auto& c : consents_) {
      if (c.person_id == id) c.person_id = 0;
    }
    people_.erase(it);
    return Ok();
  }
  Result<std::vector<int64_t>> PeopleNotSeenSince(UtcTime cutoff, int limit) override {
    std::lock_guard lock(mutex_);
    std::vector<Person> idle;
    for (const auto& [id, p] : people_) {
      if (p.last_seen_at < cutoff) idle.push_back(p);
    }
    std::sort(idle.begin(), idle.end(), [](const Person& a, const Person& b) {
      return std::tie(a.last_seen_at, a.id) < std::tie(b.last_seen_at, b.id);
    });
    std::vector<int64_t> out;
    for (const Person& p : idle) {
      if (static_cast<int>(out.size()) < limit) out.push_back(p.id);
    }
    return out;
  }

  Result<int64_t> AddSignInCode(const SignInCode& code) override {
    std::lock_guard lock(mutex_);
    codes_.push_back(code);
    codes_.back().id = ++next_code_;
    return codes_.back().id;
  }
  Result<std::optional<SignInCode>> LatestSignInCode(std::string_view phone) override {
    std::lock_guard lock(mutex_);
    for (auto it = codes_.rbegin(); it != codes_.rend(); ++it) {
      if (it->phone == phone) return std::optional<SignInCode>{*it};
    }
    return std::optional<SignInCode>{};
  }
  Result<int> CountSignInCodesSince(std::string_view phone, UtcTime since) override {
    std::lock_guard lock(mutex_);
    return static_cast<int>(std::count_if(codes_.begin(), codes_.end(), [&](const SignInCode& c) {
      return c.phone == phone && c.created_at >= since;
    }));
  }
  Result<int> CountSignInCodesFromAddressSince(std::string_view key, UtcTime since) override {
    std::lock_guard lock(mutex_);
    return static_cast<int>(std::count_if(codes_.begin(), codes_.end(), [&](const SignInCode& c) {
      return c.address_key == key && c.created_at >= since;
    }));
  }
  Result<int> RecordSignInCodeAttempt(int64_t id) override {
    std::lock_guard lock(mutex_);
    for (auto& c : codes_) {
      if (c.id == id) return ++c.attempts;
    }
    return Error::NotFound("no code");
  }
  Result<bool> UseSignInCode(int64_t id) override {
    std::lock_guard lock(mutex_);
    for (auto& c : codes_) {
      if (c.id == id) {
        const bool was = c.used;
        c.used = true;
        return !was;
      }
    }
    return Error::NotFound("no code");
  }
  Result<int64_t> DeleteSignInCodesBefore(UtcTime cutoff) override {
    std::lock_guard lock(mutex_);
    return static_cast<int64_t>(
        std::erase_if(codes_, [&](const SignInCode& c) { return c.created_at < cutoff; }));
  }

  Result<void> AddPersonSession(const PersonSession& s) override {
    std::lock_guard lock(mutex_);
    sessions_[s.token_hash] = s;
    return Ok();
  }
  Result<std::optional<PersonSession>> FindPersonSession(std::string_view hash) override {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(std::string(hash));
    return it == sessions_.end() ? std::optional<PersonSession>{}
                                 : std::optional<PersonSession>{it->second};
  }
  Result<void> TouchPersonSession(std::string_view hash, UtcTime at) override {
    std::lock_guard lock(mutex_);
    if (auto it = sessions_.find(std::string(hash)); it != sessions_.end()) {
      it->second.last_seen_at = at;
    }
    return Ok();
  }
  Result<void> DeletePersonSession(std::string_view hash) override {
    std::lock_guard lock(mutex_);
    sessions_.erase(std::string(hash));
    return Ok();
  }
  Result<std::vector<PersonSession>> ListPersonSessions(int64_t person_id) override {
    std::lock_guard lock(mutex_);
    std::vector<PersonSession> out;
    for (const auto& [h, s] : sessions_) {
      if (s.person_id == person_id) out.push_back(s);
    }
    return out;
  }
  Result<int64_t> DeleteExpiredPersonSessions(UtcTime idle_before,
                                              UtcTime created_before) override {
    std::lock_guard lock(mutex_);
    return static_cast<int64_t>(std::erase_if(sessions_, [&](const auto& s) {
      return s.second.last_seen_at < idle_before || s.second.created_at < created_before;
    }));
  }

  Result<int64_t> AddConsent(const ConsentRecord& c) override {
    std::lock_guard lock(mutex_);
    consents_.push_back(c);
    consents_.back().id = static_cast<int64_t>(consents_.size());
    return consents_.back().id;
  }
  Result<std::vector<ConsentRecord>> ListConsents(int64_t person_id) override {
    std::lock_guard lock(mutex_);
    std::vector<ConsentRecord> out;
    for (const auto& c : consents_) {
      if (c.person_id == person_id) out.push_back(c);
    }
    return out;
  }
  Result<int> WithdrawConsent(int64_t person_id, std::string_view purpose, UtcTime at) override {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (auto& c : consents_) {
      if (c.person_id == person_id && c.purpose == purpose && !c.withdrawn_at) {
        c.withdrawn_at = at;
        ++n;
      }
    }
    return n;
  }

  // For assertions.
  std::vector<SignInCode> codes() {
    std::lock_guard lock(mutex_);
    return codes_;
  }
  std::vector<ConsentRecord> all_consents() {
    std::lock_guard lock(mutex_);
    return consents_;
  }
  size_t people_count() {
    std::lock_guard lock(mutex_);
    return people_.size();
  }

 private:
  std::mutex mutex_;
  int64_t next_id_ = 0, next_code_ = 0;
  std::map<int64_t, Person> people_;
  std::vector<SignInCode> codes_;
  std::map<std::string, PersonSession> sessions_;
  std::vector<ConsentRecord> consents_;
};

class FakeMessages final : public MessageRepository {
 public:
  Result<EnqueueResult> Enqueue(const Message& m) override {
    std::lock_guard lock(mutex_);
    for (const auto& [id, e] : messages_) {
      if (e.purpose == m.purpose && e.object == m.object && Recipient(e) == Recipient(m)) {
        return EnqueueResult{id, false};
      }
    }
    Message stored = m;
    stored.id = ++next_id_;
    messages_[stored.id] = stored;
    return EnqueueResult{stored.id, true};
  }
  Result<std::vector<Message>> ClaimDue(UtcTime now, UtcTime lease_until, int limit) override {
    std::lock_guard lock(mutex_);
    std::vector<Message> out;
    for (auto& [id, m] : messages_) {
      if (static_cast<int>(out.size()) >= limit) break;
      if ((m.status == MessageStatus::kPending || m.status == MessageStatus::kSending) &&
          m.next_attempt_at <= now) {
        m.status = MessageStatus::kSending;
        m.next_attempt_at = lease_until;
        out.push_back(m);
      }
    }
    return out;
  }
  Result<void> MarkSent(int64_t id, UtcTime at, std::string_view gateway,
                        std::string_view provider_id) override {
    return Change(id, [&](Message& m) {
      m.status = MessageStatus::kSent;
      m.sent_at = at;
      m.gateway = gateway;
      m.provider_id = provider_id;
      ++m.attempts;
    });
  }
  Result<void> MarkRetry(int64_t id, UtcTime next, std::string_view error) override {
    return Change(id, [&](Message& m) {
      m.status = MessageStatus::kPending;
      m.next_attempt_at = next;
      m.last_error = error;
      ++m.attempts;
    });
  }
  Result<void> MarkFailed(int64_t id, std::string_view error) override {
    return Change(id, [&](Message& m) {
      m.status = MessageStatus::kFailed;
      m.last_error = error;
      ++m.attempts;
    });
  }
  Result<std::optional<Message>> FindMessage(int64_t id) override {
    std::lock_guard lock(mutex_);
    auto it = messages_.find(id);
    return it == messages_.end() ? std::optional<Message>{} : std::optional<Message>{it->second};
  }
  Result<std::vector<Message>> ListMessages(const MessageQuery& q) override {
    std::lock_guard lock(mutex_);
    std::vector<Message> out;
    for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
      const Message& m = it->second;
      if ((q.status && m.status != *q.status) || (q.channel && m.channel != *q.channel) ||
          (q.before_id != 0 && m.id >= q.before_id)) {
        continue;
      }
      if (static_cast<int>(out.size()) < q.limit) out.push_back(m);
    }
    return out;
  }
  Result<std::vector<Message>> MessagesOf(int64_t person_id, std::string_view phone,
                                          int limit) override {
    std::lock_guard lock(mutex_);
    std::vector<Message> out;
    for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
      const Message& m = it->second;
      if ((person_id != 0 && m.person_id == person_id) || (!phone.empty() && m.phone == phone)) {
        if (static_cast<int>(out.size()) < limit) out.push_back(m);
      }
    }
    return out;
  }
  Result<int64_t> EraseMessagesOf(int64_t person_id, std::string_view phone) override {
    std::lock_guard lock(mutex_);
    return static_cast<int64_t>(std::erase_if(messages_, [&](const auto& e) {
      return (person_id != 0 && e.second.person_id == person_id) ||
             (!phone.empty() && e.second.phone == phone);
    }));
  }
  Result<int64_t> DeleteMessagesBefore(UtcTime cutoff, std::string_view purpose) override {
    std::lock_guard lock(mutex_);
    return static_cast<int64_t>(std::erase_if(messages_, [&](const auto& e) {
      const Message& m = e.second;
      return m.created_at < cutoff &&
             (m.status == MessageStatus::kSent || m.status == MessageStatus::kFailed) &&
             (purpose.empty() || m.purpose == purpose);
    }));
  }

  std::vector<Message> all() {
    std::lock_guard lock(mutex_);
    std::vector<Message> out;
    for (const auto& [id, m] : messages_) out.push_back(m);
    return out;
  }

 private:
  static std::string Recipient(const Message& m) {
    return m.person_id != 0 ? "p:" + std::to_string(m.person_id) : "t:" + m.phone;
  }
  Result<void> Change(int64_t id, const std::function<void(Message&)>& change) {
    std::lock_guard lock(mutex_);
    auto it = messages_.find(id);
    if (it == messages_.end()) return Error::NotFound("no message");
    change(it->second);
    return Ok();
  }

  std::mutex mutex_;
  int64_t next_id_ = 0;
  std::map<int64_t, Message> messages_;
};

}  // namespace yz::testing
