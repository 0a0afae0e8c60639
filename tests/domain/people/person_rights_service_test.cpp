// A person's rights against in-memory repositories: the download holds what every area keeps,
// consents are given and withdrawn (the required one erases), deletion reaches every area, and
// retention deletes each class of data after its period.
#include "domain/people/person_rights_service.h"

#include <gtest/gtest.h>

#include "domain/fakes/fake_people.h"
#include "domain/fakes/fake_registry.h"
#include "domain/messages/message_sender.h"
#include "domain/people/consent.h"

namespace yz {
namespace {

using namespace std::chrono_literals;
using testing::FakeAuditLog;
using testing::FakeMessages;
using testing::FakePeople;

const UtcTime kT0 = UtcTime(std::chrono::milliseconds(1'782'864'000'000));  // 08:00 in Shanghai

// A later area's holder, to check that a download and a deletion reach every registered area.
class RecordingHolder final : public PersonDataHolder {
 public:
  Result<PersonDataSection> Collect(const Person& p) override {
    return PersonDataSection{"duty", "志愿服务", {{{"phone_seen", "号码", p.phone}}}};
  }
  Result<void> Erase(const Person& p) override {
    erased.push_back(p.id);
    return Ok();
  }
  std::vector<int64_t> erased;
};

class PersonRightsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rights_.AddHolder(std::make_shared<MessageDataHolder>(outbox_, rights_));
    rights_.AddHolder(holder_);
  }

  PersonPrincipal SignIn(std::string phone) {
    EXPECT_TRUE(sign_in_.RequestCode(phone, 1, "a").ok());
    EXPECT_TRUE(sender_.RunOnce().ok());  // the SMS leaves (into the outbox)
    std::string code;
    for (const Message& m : outbox_.all()) {
      if (m.phone == phone) code = m.params.at(0);
    }
    auto in = sign_in_.SignIn(phone, code, 1, "a", "");
    EXPECT_TRUE(in.ok()) << in.error().message;
    auto who = sign_in_.Authenticate(in->session_token);
    return **who;
  }

  FakeClock clock_{kT0};
  FakePeople people_;
  FakeMessages outbox_;
  FakeAuditLog log_;
  Auditor auditor_{log_, clock_};
  MessageService messages_{outbox_, clock_};
  OutboxGateway gateway_;
  MessageSender sender_{outbox_, gateway_, clock_};
  SignInService sign_in_{people_, messages_, auditor_, clock_, "key"};
  PersonRightsService rights_{people_, messages_, sign_in_, auditor_, clock_, TimeZone::Shanghai()};
  std::shared_ptr<RecordingHolder> holder_ = std::make_shared<RecordingHolder>();
};

TEST_F(PersonRightsServiceTest, TheDownloadHoldsEveryAreasDataAndIsAudited) {
  const PersonPrincipal who = SignIn("18812342223");
  auto d = rights_.Download(who, "10.0.0.9");
  ASSERT_TRUE(d.ok()) << d.error().message;
  std::vector<std::string> areas;
  for (const auto& s : d->sections) areas.push_back(s.area);
  EXPECT_EQ(areas,
            (std::vector<std::string>{"person", "consents", "sessions", "messages", "duty"}));
  EXPECT_EQ(d->sections[0].items[0][0].value, "18812342223");       // their own phone, in full
  EXPECT_EQ(d->sections[0].items[0][1].value, "2026-07-01 08:00");  // local time
  EXPECT_EQ(d->sections[1].items.size(), 1u);
  EXPECT_EQ(d->sections[1].items[0][0].value, "手机号登录");  // a title, not a code
  EXPECT_EQ(d->sections[3].items.size(), 1u);  // the sign-in SMS, sent before the person existed
  EXPECT_EQ(d->sections[3].items[0][1].value, "登录验证码");
  const auto entries = log_.entries();
  EXPECT_EQ(entries.back().action, "person.data.download");
  EXPECT_EQ(entries.back().actor, PersonActor(who.person.id));
}

TEST_F(PersonRightsServiceTest, AnOptionalConsentIsGivenAndWithdrawnWithANotice) {
  const PersonPrincipal who = SignIn("18812342223");
  EXPECT_EQ(rights_.Give(who, "sms_notices", 2, "a").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(rights_.Give(who, "made_up", 1, "a").error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(rights_.Give(who, "sms_notices", 1, "a").ok());
  ASSERT_TRUE(rights_.Give(who, "sms_notices", 1, "a").ok());  // once is enough
  auto summary = rights_.Summary(who);
  ASSERT_TRUE(summary.ok());
  // Every current purpose: sign-in and SMS notices given, the volunteer register not.
  ASSERT_EQ(summary->consents.size(), 3u);
  EXPECT_TRUE(summary->consents[0].given);
  EXPECT_TRUE(summary->consents[1].given);
  EXPECT_FALSE(summary->consents[2].given);
  EXPECT_EQ(people_.ListConsents(who.person.id)->size(), 2u);

  auto erased = rights_.Withdraw(who, "sms_notices", "a");
  ASSERT_TRUE(erased.ok());
  EXPECT_FALSE(*erased);
  summary = rights_.Summary(who);
  EXPECT_FALSE(summary->consents[1].given);
  ASSERT_EQ(summary->notices.size(), 1u);
  EXPECT_NE(summary->notices[0].text.find("短信提醒"), std::string::npos);
  EXPECT_EQ(rights_.Withdraw(who, "sms_notices", "a").error().code, ErrorCode::kNotFound);
}

TEST_F(PersonRightsServiceTest, WithdrawingTheSignInConsentErasesThePerson) {
  const PersonPrincipal who = SignIn("18812342223");
  auto erased = rights_.Withdraw(who, "phone_sign_in", "a");
  ASSERT_TRUE(erased.ok());
  EXPECT_TRUE(*erased);
  EXPECT_FALSE(people_.FindPerson(who.person.id)->has_value());
  EXPECT_EQ(holder_->erased, std::vector<int64_t>{who.person.id});
  EXPECT_TRUE(outbox_.all().empty());
}

TEST_F(PersonRightsServiceTest, DeletionReachesEveryAreaAndKeepsOnlyAnonymousConsents) {
  const PersonPrincipal who = SignIn("18812342223");
  const PersonPrincipal other = SignIn("13900001111");
  ASSERT_TRUE(rights_.Erase(who, "a").ok());
  EXPECT_FALSE(people_.FindPersonByPhone("18812342223")->has_value());
  EXPECT_TRUE(people_.FindPersonByPhone("13900001111")->has_value());
  EXPECT_EQ(holder_->erased, std::vector<int64_t>{who.person.id});
  for (const Message& m : outbox_.all()) EXPECT_NE(m.phone, "18812342223");
  EXPECT_EQ(outbox_.all().size(), 1u);  // the other person's
  int anonymous = 0;
  for (const ConsentRecord& c : people_.all_consents()) anonymous += c.person_id == 0;
  EXPECT_EQ(anonymous, 1);
  EXPECT_FALSE(sign_in_.Authenticate("anything")->has_value());
  EXPECT_EQ(log_.entries().back().action, "person.erase");
  (void)other;
}

TEST_F(PersonRightsServiceTest, RetentionDeletesEachClassAfterItsPeriod) {
  const PersonPrincipal idle = SignIn("18812342223");
  clock_.Advance(std::chrono::hours(24 * 400));
  const PersonPrincipal active = SignIn("13900001111");
  // Day 400: the first person's code and its SMS are older than a day.
  auto round = rights_.ApplyRetention();
  ASSERT_TRUE(round.ok()) << round.error().message;
  EXPECT_EQ(round->sign_in_codes, 1);
  EXPECT_EQ(round->messages, 1);
  EXPECT_EQ(round->people, 0);
  EXPECT_EQ(round->sessions, 1);  // the first person's session, idle 400 days

  clock_.Advance(std::chrono::hours(24 * 340));  // day 740: the first person unseen 740 days
  ASSERT_TRUE(sign_in_.RequestCode("13900001111", 1, "a").ok());  // the second one is active
  round = rights_.ApplyRetention();
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->people, 1);
  EXPECT_FALSE(people_.FindPerson(idle.person.id)->has_value());
  EXPECT_TRUE(people_.FindPerson(active.person.id)->has_value());
  EXPECT_EQ(holder_->erased, std::vector<int64_t>{idle.person.id});
  EXPECT_EQ(log_.entries().back().actor, "system");
}

}  // namespace
}  // namespace yz
