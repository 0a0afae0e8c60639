// The conformance suite of the people and messages areas' repositories (domain/people/person.h,
// domain/messages/message.h) on every store kind: the same answers on SQLite and PostgreSQL,
// phones and texts never in clear in the database, a code used once under concurrency, a message
// claimed once per lease, and a person's erasure.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "domain/messages/message_sender.h"
#include "domain/people/person_rights_service.h"
#include "domain/people/sign_in_service.h"
#include "storage/store_fixture.h"

namespace yz {
namespace {

using namespace std::chrono_literals;

const UtcTime kT0 = UtcTime(std::chrono::milliseconds(1'782'864'000'000));  // 2026-07-01T00:00Z
constexpr std::string_view kPhone = "18812342223";

class PeopleConformanceTest : public testing::StoreTest {
 protected:
  PeopleRepository& people() { return *store_->people; }
  MessageRepository& messages() { return *store_->messages; }

  // Every text value of `table`'s rows, concatenated, read straight from the database.
  std::string RawDump(const std::string& table) {
    std::string out;
    if (GetParam() == "postgresql") {
      pqxx::connection c(pg_url_);
      pqxx::read_transaction txn(c);
      for (const auto& row : txn.exec("SELECT * FROM " + table)) {
        for (const auto& field : row) out += std::string(field.c_str()) + "|";
      }
      return out;
    }
    sqlite3* db = nullptr;
    sqlite3_open((data_dir_ + "/yizhan.db").c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, ("SELECT * FROM " + table).c_str(), -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* text = sqlite3_column_text(stmt, i);
        out += std::string(text ? reinterpret_cast<const char*>(text) : "") + "|";
      }
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }

  SignInCode Code(std::string phone, UtcTime at, std::string address = "addr-a") {
    SignInCode c;
    c.phone = std::move(phone);
    c.code_hash = "hash-of-code";
    c.address_key = std::move(address);
    c.created_at = at;
    c.expires_at = at + 5min;
    return c;
  }

  Message Sms(std::string object, UtcTime at, int64_t person = 0) {
    Message m;
    m.channel = MessageChannel::kSms;
    m.purpose = "sign_in_code";
    m.object = std::move(object);
    m.person_id = person;
    m.phone = std::string(kPhone);
    m.template_name = "sign_in_code";
    m.params = {"123456"};
    m.text = "【职工驿站】您的登录验证码为 123456";
    m.created_at = at;
    m.next_attempt_at = at;
    return m;
  }
};

TEST_P(PeopleConformanceTest, APhoneMakesOnePersonFoundByPhoneAndNeverStoredInClear) {
  auto a = people().FindOrAddPerson(kPhone, kT0);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_GT(a->id, 0);
  EXPECT_EQ(a->phone, kPhone);
  EXPECT_EQ(a->created_at, kT0);
  auto again = people().FindOrAddPerson(kPhone, kT0 + 1h);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, a->id);
  EXPECT_EQ(again->created_at, kT0);  // found, not re-made
  auto other = people().FindOrAddPerson("13900001111", kT0);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->id, a->id);

  auto by_phone = people().FindPersonByPhone(kPhone);
  ASSERT_TRUE(by_phone.ok());
  ASSERT_TRUE(by_phone->has_value());
  EXPECT_EQ(**by_phone, *a);
  auto by_id = people().FindPerson(a->id);
  ASSERT_TRUE(by_id.ok() && by_id->has_value());
  EXPECT_EQ((*by_id)->phone, kPhone);
  auto missing = people().FindPersonByPhone("13700000000");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());

  ASSERT_TRUE(people().TouchPerson(a->id, kT0 + 2h).ok());
  ASSERT_TRUE(people().TouchPerson(a->id, kT0 + 1h).ok());  // never backwards
  EXPECT_EQ((*people().FindPerson(a->id))->last_seen_at, kT0 + 2h);

  ASSERT_TRUE(people().AddSignInCode(Code(std::string(kPhone), kT0)).ok());
  const std::string dump = RawDump("people") + RawDump("sign_in_codes");
  EXPECT_EQ(dump.find("18812342223"), std::string::npos) << dump;
  EXPECT_EQ(dump.find("12342223"), std::string::npos);
  EXPECT_NE(dump.find("enc1:"), std::string::npos);
}

TEST_P(PeopleConformanceTest, ConcurrentFirstSignInsOfOneNumberMakeOnePerson) {
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::set<int64_t> ids;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      auto p = people().FindOrAddPerson("13512345678", kT0);
      ASSERT_TRUE(p.ok()) << p.error().message;
      std::lock_guard lock(mutex);
      ids.insert(p->id);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ids.size(), 1u);
}

TEST_P(PeopleConformanceTest, SignInCodesCountTriesAndAreUsedOnce) {
  auto first = people().AddSignInCode(Code(std::string(kPhone), kT0, "addr-a"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = people().AddSignInCode(Code(std::string(kPhone), kT0 + 2min, "addr-b"));
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(people().AddSignInCode(Code("13900001111", kT0 + 3min, "addr-b")).ok());

  auto latest = people().LatestSignInCode(kPhone);
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->id, *second);
  EXPECT_EQ((*latest)->phone, kPhone);
  EXPECT_EQ((*latest)->expires_at, kT0 + 7min);
  EXPECT_FALSE((*latest)->used);

  EXPECT_EQ(*people().CountSignInCodesSince(kPhone, kT0), 2);
  EXPECT_EQ(*people().CountSignInCodesSince(kPhone, kT0 + 1min), 1);
  EXPECT_EQ(*people().CountSignInCodesFromAddressSince("addr-b", kT0), 2);
  EXPECT_EQ(*people().CountSignInCodesFromAddressSince("addr-c", kT0), 0);

  EXPECT_EQ(*people().RecordSignInCodeAttempt(*second), 1);
  EXPECT_EQ(*people().RecordSignInCodeAttempt(*second), 2);
  EXPECT_EQ((*people().LatestSignInCode(kPhone))->attempts, 2);
  EXPECT_EQ(people().RecordSignInCodeAttempt(999999).error().code, ErrorCode::kNotFound);

  // Eight requests race to use one code: exactly one wins.
  std::atomic<int> winners{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto used = people().UseSignInCode(*second);
      ASSERT_TRUE(used.ok()) << used.error().message;
      if (*used) ++winners;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(winners.load(), 1);
  EXPECT_TRUE((*people().LatestSignInCode(kPhone))->used);
  EXPECT_EQ(people().UseSignInCode(999999).error().code, ErrorCode::kNotFound);

  auto deleted = people().DeleteSignInCodesBefore(kT0 + 150s);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 2);
  EXPECT_EQ(*people().CountSignInCodesSince(kPhone, kT0), 0);
}

TEST_P(PeopleConformanceTest, SessionsExpireByIdleAndAbsoluteTime) {
  auto p = people().FindOrAddPerson(kPhone, kT0);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(people().AddPersonSession({"tok-old", p->id, kT0, kT0}).ok());
  ASSERT_TRUE(people().AddPersonSession({"tok-idle", p->id, kT0 + 1h, kT0 + 1h}).ok());
  ASSERT_TRUE(people().AddPersonSession({"tok-live", p->id, kT0 + 2h, kT0 + 2h}).ok());
  ASSERT_TRUE(people().TouchPersonSession("tok-live", kT0 + 10h).ok());
  auto found = people().FindPersonSession("tok-live");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->last_seen_at, kT0 + 10h);
  EXPECT_EQ(people().ListPersonSessions(p->id)->size(), 3u);
  // Idle before +5h: tok-idle (and tok-old); created before +30min: tok-old.
  auto gone = people().DeleteExpiredPersonSessions(kT0 + 5h, kT0 + 30min);
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(*gone, 2);
  auto left = people().ListPersonSessions(p->id);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(left->front().token_hash, "tok-live");
  ASSERT_TRUE(people().DeletePersonSession("tok-live").ok());
  ASSERT_TRUE(people().DeletePersonSession("tok-live").ok());  // not an error
  EXPECT_FALSE(people().FindPersonSession("tok-live")->has_value());
}

TEST_P(PeopleConformanceTest, ConsentsAreRecordedWithdrawnAndOutliveTheErasedPersonAnonymously) {
  auto p = people().FindOrAddPerson(kPhone, kT0);
  ASSERT_TRUE(p.ok());
  ConsentRecord c;
  c.person_id = p->id;
  c.purpose = "phone_sign_in";
  c.version = 1;
  c.text_hash = "h1";
  c.given_at = kT0;
  auto id = people().AddConsent(c);
  ASSERT_TRUE(id.ok()) << id.error().message;
  c.id = *id;
  ConsentRecord sms = c;
  sms.purpose = "sms_notices";
  sms.given_at = kT0 + 1min;
  sms.id = *people().AddConsent(sms);

  auto list = people().ListConsents(p->id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0], c);
  EXPECT_EQ((*list)[1], sms);

  EXPECT_EQ(*people().WithdrawConsent(p->id, "sms_notices", kT0 + 1h), 1);
  EXPECT_EQ(*people().WithdrawConsent(p->id, "sms_notices", kT0 + 2h), 0);  // already
  list = people().ListConsents(p->id);
  EXPECT_EQ((*list)[1].withdrawn_at, kT0 + 1h);
  EXPECT_FALSE((*list)[0].withdrawn_at.has_value());

  ASSERT_TRUE(people().AddSignInCode(Code(std::string(kPhone), kT0)).ok());
  ASSERT_TRUE(people().AddPersonSession({"tok", p->id, kT0, kT0}).ok());
  ASSERT_TRUE(people().ErasePerson(p->id).ok());
  ASSERT_TRUE(people().ErasePerson(p->id).ok());  // idempotent
  EXPECT_FALSE(people().FindPerson(p->id)->has_value());
  EXPECT_FALSE(people().FindPersonByPhone(kPhone)->has_value());
  EXPECT_FALSE(people().LatestSignInCode(kPhone)->has_value());
  EXPECT_FALSE(people().FindPersonSession("tok")->has_value());
  EXPECT_TRUE(people().ListConsents(p->id)->empty());
  // The consents stay, without the person: counts of what was agreed.
  const std::string dump = RawDump("consents");
  EXPECT_NE(dump.find("phone_sign_in"), std::string::npos);
  EXPECT_NE(dump.find("sms_notices"), std::string::npos);
}

TEST_P(PeopleConformanceTest, InactivePeopleAreListedOldestFirst) {
  auto a = people().FindOrAddPerson("13500000001", kT0);
  auto b = people().FindOrAddPerson("13500000002", kT0 + 1h);
  auto c = people().FindOrAddPerson("13500000003", kT0 + 2h);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ASSERT_TRUE(people().TouchPerson(a->id, kT0 + 3h).ok());
  auto idle = people().PeopleNotSeenSince(kT0 + 150min, 10);
  ASSERT_TRUE(idle.ok());
  EXPECT_EQ(*idle, (std::vector<int64_t>{b->id, c->id}));
  EXPECT_EQ(people().PeopleNotSeenSince(kT0 + 150min, 1)->size(), 1u);
}

TEST_P(PeopleConformanceTest, AMessageIsStoredOncePerPurposeObjectAndRecipientSealed) {
  auto first = messages().Enqueue(Sms("code:1", kT0));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  auto again = messages().Enqueue(Sms("code:1", kT0 + 1min));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->id, first->id);
  // Another object, or the same object to a person, is another message.
  EXPECT_TRUE(messages().Enqueue(Sms("code:2", kT0))->created);
  EXPECT_TRUE(messages().Enqueue(Sms("code:1", kT0, 42))->created);
  EXPECT_FALSE(messages().Enqueue(Sms("code:1", kT0, 42))->created);

  auto stored = messages().FindMessage(first->id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  Message expected = Sms("code:1", kT0);
  expected.id = first->id;
  EXPECT_EQ(**stored, expected);

  const std::string dump = RawDump("messages");
  EXPECT_EQ(dump.find("18812342223"), std::string::npos);
  EXPECT_EQ(dump.find("123456"), std::string::npos) << "the code must not be in clear";
  EXPECT_EQ(dump.find("验证码"), std::string::npos);
}

TEST_P(PeopleConformanceTest, DueMessagesAreClaimedOncePerLeaseAndRecordTheirOutcome) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 10; ++i) {
    ids.push_back(
        messages().Enqueue(Sms("code:" + std::to_string(i), kT0 + std::chrono::seconds(i)))->id);
  }
  // Two senders claim at once: between them each message exactly once.
  std::vector<Message> a, b;
  std::thread ta([&] { a = *messages().ClaimDue(kT0 + 1min, kT0 + 3min, 6); });
  std::thread tb([&] { b = *messages().ClaimDue(kT0 + 1min, kT0 + 3min, 6); });
  ta.join();
  tb.join();
  std::multiset<int64_t> claimed;
  for (const auto& m : a) claimed.insert(m.id);
  for (const auto& m : b) claimed.insert(m.id);
  EXPECT_EQ(claimed.size(), 10u);
  EXPECT_EQ(std::set<int64_t>(claimed.begin(), claimed.end()).size(), 10u);
  for (const auto& m : a) EXPECT_EQ(m.status, MessageStatus::kSending);
  // Nothing more while the leases live.
  EXPECT_TRUE(messages().ClaimDue(kT0 + 2min, kT0 + 4min, 100)->empty());

  ASSERT_TRUE(messages().MarkSent(ids[0], kT0 + 2min, "outbox", "serial-1").ok());
  ASSERT_TRUE(messages().MarkRetry(ids[1], kT0 + 10min, "timeout").ok());
  ASSERT_TRUE(messages().MarkFailed(ids[2], "invalid number").ok());
  EXPECT_EQ(messages().MarkSent(999999, kT0, "outbox", "").error().code, ErrorCode::kNotFound);
  auto sent = *messages().FindMessage(ids[0]);
  EXPECT_EQ(sent->status, MessageStatus::kSent);
  EXPECT_EQ(sent->sent_at, kT0 + 2min);
  EXPECT_EQ(sent->gateway, "outbox");
  EXPECT_EQ(sent->provider_id, "serial-1");
  EXPECT_EQ(sent->attempts, 1);
  auto retry = *messages().FindMessage(ids[1]);
  EXPECT_EQ(retry->status, MessageStatus::kPending);
  EXPECT_EQ(retry->attempts, 1);
  EXPECT_EQ(retry->last_error, "timeout");
  EXPECT_EQ((*messages().FindMessage(ids[2]))->status, MessageStatus::kFailed);

  // After the leases end the unsettled ones come back; the retried one at its time.
  auto later = messages().ClaimDue(kT0 + 5min, kT0 + 20min, 100);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->size(), 7u);
  auto retried = messages().ClaimDue(kT0 + 10min, kT0 + 12min, 100);
  ASSERT_EQ(retried->size(), 1u);
  EXPECT_EQ(retried->front().id, ids[1]);

  MessageQuery q;
  q.status = MessageStatus::kFailed;
  auto failed = messages().ListMessages(q);
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ(failed->front().id, ids[2]);
  q = {};
  q.limit = 3;
  auto newest = messages().ListMessages(q);
  ASSERT_EQ(newest->size(), 3u);
  EXPECT_EQ(newest->front().id, ids[9]);
  q.before_id = ids[7];
  EXPECT_EQ(messages().ListMessages(q)->front().id, ids[6]);
}

TEST_P(PeopleConformanceTest, APersonsMessagesAreFoundAndErasedByPersonAndPhone) {
  ASSERT_TRUE(messages().Enqueue(Sms("code:1", kT0)).ok());  // to the phone, before the person
  Message notice;
  notice.channel = MessageChannel::kNotice;
  notice.purpose = "consent_withdrawn";
  notice.object = "sms_notices:1";
  notice.person_id = 7;
  notice.template_name = "consent_withdrawn";
  notice.params = {"短信提醒"};
  notice.text = "您已撤回";
  notice.status = MessageStatus::kSent;
  notice.created_at = kT0 + 1min;
  notice.next_attempt_at = kT0 + 1min;
  notice.sent_at = kT0 + 1min;
  ASSERT_TRUE(messages().Enqueue(notice).ok());
  Message other = Sms("code:9", kT0);
  other.phone = "13900001111";
  ASSERT_TRUE(messages().Enqueue(other).ok());

  auto mine = messages().MessagesOf(7, kPhone, 100);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ(mine->front().channel, MessageChannel::kNotice);  // newest first
  EXPECT_EQ(mine->front().params, std::vector<std::string>{"短信提醒"});
  EXPECT_EQ(messages().MessagesOf(7, "", 100)->size(), 1u);

  auto erased = messages().EraseMessagesOf(7, kPhone);
  ASSERT_TRUE(erased.ok());
  EXPECT_EQ(*erased, 2);
  EXPECT_TRUE(messages().MessagesOf(7, kPhone, 100)->empty());
  EXPECT_EQ(messages().ListMessages({})->size(), 1u);
}

TEST_P(PeopleConformanceTest, RetentionDeletesSettledMessagesOnly) {
  const int64_t old_sent = messages().Enqueue(Sms("code:1", kT0))->id;
  const int64_t old_pending = messages().Enqueue(Sms("code:2", kT0))->id;
  const int64_t recent = messages().Enqueue(Sms("code:3", kT0 + 2h))->id;
  Message other_purpose = Sms("x:1", kT0);
  other_purpose.purpose = "shift_reminder";
  const int64_t old_other = messages().Enqueue(other_purpose)->id;
  ASSERT_TRUE(messages().MarkSent(old_sent, kT0, "outbox", "").ok());
  ASSERT_TRUE(messages().MarkSent(recent, kT0 + 2h, "outbox", "").ok());
  ASSERT_TRUE(messages().MarkFailed(old_other, "x").ok());
  auto deleted = messages().DeleteMessagesBefore(kT0 + 1h, "sign_in_code");
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 1);
  EXPECT_FALSE(messages().FindMessage(old_sent)->has_value());
  EXPECT_TRUE(messages().FindMessage(old_pending)->has_value());  // still waiting
  EXPECT_TRUE(messages().FindMessage(recent)->has_value());
  EXPECT_TRUE(messages().FindMessage(old_other)->has_value());
  EXPECT_EQ(*messages().DeleteMessagesBefore(kT0 + 1h, ""), 1);
  EXPECT_FALSE(messages().FindMessage(old_other)->has_value());
}

// The services over the real store: sign-in through the outbox, consent, download, retention and
// deletion behave the same on both stores.
TEST_P(PeopleConformanceTest, SignInConsentDownloadRetentionAndDeletionOnTheStore) {
  FakeClock clock(kT0);
  Auditor auditor(*store_->audit, clock);
  MessageService service(messages(), clock);
  OutboxGateway gateway;
  MessageSender sender(messages(), gateway, clock);
  SignInService sign_in(people(), service, auditor, clock, "key");
  PersonRightsService rights(people(), service, sign_in, auditor, clock, TimeZone::Shanghai());
  rights.AddHolder(std::make_shared<MessageDataHolder>(messages(), rights));

  const auto sign_in_once = [&](const std::string& phone) {
    EXPECT_TRUE(sign_in.RequestCode(phone, 1, "10.0.0.1").ok());
    EXPECT_EQ(sender.RunOnce()->sent, 1);
    auto newest = messages().ListMessages({});
    auto in = sign_in.SignIn(phone, newest->front().params.at(0), 1, "10.0.0.1", "");
    EXPECT_TRUE(in.ok()) << in.error().message;
    return **sign_in.Authenticate(in->session_token);
  };
  const PersonPrincipal who = sign_in_once("18812342223");
  ASSERT_TRUE(rights.Give(who, "sms_notices", 1, "a").ok());
  ASSERT_FALSE(*rights.Withdraw(who, "sms_notices", "a"));
  auto download = rights.Download(who, "a");
  ASSERT_TRUE(download.ok()) << download.error().message;
  ASSERT_EQ(download->sections.size(), 4u);
  EXPECT_EQ(download->sections[1].items.size(), 2u);  // two consents
  EXPECT_EQ(download->sections[3].items.size(), 2u);  // the code SMS and the notice

  // A day later the code and its SMS go; 731 days unseen, the person goes.
  clock.Advance(std::chrono::hours(25));
  auto round = rights.ApplyRetention();
  ASSERT_TRUE(round.ok()) << round.error().message;
  EXPECT_EQ(round->sign_in_codes, 1);
  EXPECT_EQ(round->messages, 1);
  clock.Advance(std::chrono::hours(24 * 731));
  const PersonPrincipal other = sign_in_once("13900001111");
  round = rights.ApplyRetention();
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->people, 1);
  EXPECT_FALSE(people().FindPersonByPhone("18812342223")->has_value());
  EXPECT_TRUE(messages().MessagesOf(who.person.id, "18812342223", 10)->empty());

  ASSERT_TRUE(rights.Erase(other, "a").ok());
  EXPECT_FALSE(people().FindPersonByPhone("13900001111")->has_value());
  EXPECT_TRUE(messages().ListMessages({})->empty());
  const std::string dump = RawDump("audit_log");
  EXPECT_EQ(dump.find("2223"), std::string::npos);
  EXPECT_NE(dump.find("person.erase"), std::string::npos);
}

YZ_INSTANTIATE_STORE_TESTS(PeopleConformanceTest);

}  // namespace
}  // namespace yz
