// The outbox and its sender against an in-memory repository and a scripted gateway: at most one
// message per (purpose, object, recipient), retries with a doubling backoff, no retry after a
// refusal for good, give-up after the last attempt, notices delivered by being stored.
#include "domain/messages/message_sender.h"

#include <gtest/gtest.h>

#include <deque>

#include "domain/fakes/fake_people.h"
#include "domain/fakes/fake_registry.h"
#include "domain/messages/message_service.h"
#include "domain/messages/message_templates.h"

namespace yz {
namespace {

using namespace std::chrono_literals;
using testing::FakeMessages;

const UtcTime kT0 = UtcTime(std::chrono::milliseconds(1'782'864'000'000));

class ScriptedGateway final : public SmsGateway {
 public:
  Result<SmsReceipt> Send(const OutgoingSms& sms) override {
    sent.push_back(sms);
    if (script.empty()) return SmsReceipt{"serial-" + std::to_string(sent.size())};
    Result<SmsReceipt> next = script.front();
    script.pop_front();
    return next;
  }
  std::string_view Name() const override { return "scripted"; }
  std::deque<Result<SmsReceipt>> script;
  std::vector<OutgoingSms> sent;
};

class MessageSenderTest : public ::testing::Test {
 protected:
  MessageRequest Code(std::string object) {
    return MessageRequest{"sign_in_code", std::move(object), 0,
                          "18812342223",  "sign_in_code",    {"654321"}};
  }
  FakeClock clock_{kT0};
  FakeMessages outbox_;
  ScriptedGateway gateway_;
  MessageService service_{outbox_, clock_};
  MessageSender sender_{outbox_, gateway_, clock_};
};

TEST_F(MessageSenderTest, RendersTheChineseTemplateAndSendsOnce) {
  auto first = service_.SendSms(Code("code:1"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_FALSE(service_.SendSms(Code("code:1"))->created);  // the same purpose, object, phone
  auto round = sender_.RunOnce();
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->sent, 1);
  ASSERT_EQ(gateway_.sent.size(), 1u);
  EXPECT_EQ(gateway_.sent[0].phone, "18812342223");
  EXPECT_EQ(gateway_.sent[0].params, std::vector<std::string>{"654321"});
  EXPECT_EQ(gateway_.sent[0].text,
            "【职工驿站】您的登录验证码为 654321，5 分钟内有效。如非本人操作，请忽略本短信。");
  auto stored = *outbox_.FindMessage(first->id);
  EXPECT_EQ(stored->status, MessageStatus::kSent);
  EXPECT_EQ(stored->gateway, "scripted");
  EXPECT_EQ(stored->provider_id, "serial-1");
  // Nothing more to send, even after enqueueing the same message again.
  EXPECT_FALSE(service_.SendSms(Code("code:1"))->created);
  EXPECT_EQ(sender_.RunOnce()->sent, 0);
  EXPECT_EQ(gateway_.sent.size(), 1u);
}

TEST_F(MessageSenderTest, BadRequestsAreRefused) {
  EXPECT_EQ(service_.SendSms({"p", "o", 0, "", "sign_in_code", {"1"}}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.SendSms({"p", "o", 0, "188", "no_such_template", {}}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.SendSms({"p", "o", 0, "188", "sign_in_code", {}}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.Notify({"p", "o", 0, "", "consent_withdrawn", {"x"}}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(outbox_.all().empty());
}

TEST_F(MessageSenderTest, TransientFailuresAreRetriedWithADoublingBackoffThenGivenUp) {
  const int64_t id = service_.SendSms(Code("code:1"))->id;
  for (int i = 0; i < 6; ++i) gateway_.script.push_back(Error::Unavailable("provider timeout"));
  std::vector<std::chrono::seconds> waits;
  for (int attempt = 1; attempt <= 5; ++attempt) {
    auto round = sender_.RunOnce();
    ASSERT_TRUE(round.ok());
    EXPECT_EQ(round->retried, 1) << attempt;
    auto m = *outbox_.FindMessage(id);
    EXPECT_EQ(m->status, MessageStatus::kPending);
    EXPECT_EQ(m->attempts, attempt);
    EXPECT_EQ(m->last_error, "provider timeout");
    waits.push_back(
        std::chrono::duration_cast<std::chrono::seconds>(m->next_attempt_at - clock_.Now()));
    // Not before its time.
    clock_.Advance(waits.back() - 1s);
    EXPECT_EQ(sender_.RunOnce()->retried, 0);
    clock_.Advance(1s);
  }
  EXPECT_EQ(waits, (std::vector<std::chrono::seconds>{30s, 60s, 120s, 240s, 480s}));
  auto last = sender_.RunOnce();
  EXPECT_EQ(last->failed, 1);
  EXPECT_EQ((*outbox_.FindMessage(id))->status, MessageStatus::kFailed);
  EXPECT_EQ(gateway_.sent.size(), 6u);
  EXPECT_EQ(sender_.failed(), 1);
}

TEST_F(MessageSenderTest, ARefusalForGoodIsNotRetried) {
  const int64_t id = service_.SendSms(Code("code:1"))->id;
  gateway_.script.push_back(Error::InvalidArgument("invalid phone number"));
  EXPECT_EQ(sender_.RunOnce()->failed, 1);
  clock_.Advance(1h);
  EXPECT_EQ(sender_.RunOnce()->sent, 0);
  EXPECT_EQ(gateway_.sent.size(), 1u);
  EXPECT_EQ((*outbox_.FindMessage(id))->last_error, "invalid phone number");
}

TEST_F(MessageSenderTest, AClaimedMessageIsNotSentAgainWhileItsLeaseLives) {
  const int64_t id = service_.SendSms(Code("code:1"))->id;
  // Another server claimed it and died: nothing for 2 minutes, then it is sent.
  ASSERT_EQ(outbox_.ClaimDue(clock_.Now(), clock_.Now() + 120s, 10)->size(), 1u);
  EXPECT_EQ(sender_.RunOnce()->sent, 0);
  clock_.Advance(121s);
  EXPECT_EQ(sender_.RunOnce()->sent, 1);
  EXPECT_EQ((*outbox_.FindMessage(id))->status, MessageStatus::kSent);
}

TEST_F(MessageSenderTest, ANoticeIsDeliveredByBeingStored) {
  auto n = service_.Notify(
      {"consent_withdrawn", "sms_notices:1", 7, "", "consent_withdrawn", {"短信提醒"}});
  ASSERT_TRUE(n.ok());
  auto stored = *outbox_.FindMessage(n->id);
  EXPECT_EQ(stored->status, MessageStatus::kSent);
  EXPECT_EQ(stored->channel, MessageChannel::kNotice);
  EXPECT_NE(stored->text.find("短信提醒"), std::string::npos);
  EXPECT_EQ(sender_.RunOnce()->sent, 0);
  EXPECT_TRUE(gateway_.sent.empty());
}

TEST_F(MessageSenderTest, ReadingTheOutboxIsAuditedAndBounded) {
  testing::FakeAuditLog log;
  Auditor auditor(log, clock_);
  MessageService audited(outbox_, clock_, &auditor);
  ASSERT_TRUE(audited.SendSms(Code("code:1")).ok());
  const Principal boss = testing::MakePrincipal(Role::kCityAdmin, {}, "boss");
  auto page = audited.ListOutbox(Caller{boss, "10.0.0.7"}, MessageQuery{});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->size(), 1u);
  ASSERT_EQ(log.entries().size(), 1u);
  EXPECT_EQ(log.entries()[0].action, "message.outbox_view");
  EXPECT_EQ(log.entries()[0].actor, "boss");
  EXPECT_EQ(log.entries()[0].address, "10.0.0.7");
  MessageQuery too_many;
  too_many.limit = 5000;
  EXPECT_EQ(audited.ListOutbox(Caller{boss, ""}, too_many).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace yz
