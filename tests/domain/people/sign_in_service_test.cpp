// The sign-in by phone against in-memory repositories: codes, their limits and tries, consent,
// sessions and their timeouts. The code is read from the outbox, as a person reads their SMS.
#include "domain/people/sign_in_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "domain/fakes/fake_people.h"
#include "domain/fakes/fake_registry.h"
#include "domain/people/consent.h"
#include "domain/people/phone_number.h"

namespace yz {
namespace {

using namespace std::chrono_literals;
using testing::FakeAuditLog;
using testing::FakeMessages;
using testing::FakePeople;

const UtcTime kT0 = UtcTime(std::chrono::milliseconds(1'782'864'000'000));

class SignInServiceTest : public ::testing::Test {
 protected:
  FakeClock clock_{kT0};
  FakePeople people_;
  FakeMessages outbox_;
  FakeAuditLog log_;
  Auditor auditor_{log_, clock_};
  MessageService messages_{outbox_, clock_};
  SignInService service_{people_, messages_, auditor_, clock_, "secret-key"};
  const int version_ = CurrentPurposeText(kPhoneSignInPurpose)->version;

  // The digits of the newest SMS to `phone`.
  std::string LastCode(std::string_view phone = "18812342223") {
    std::string code;
    for (const Message& m : outbox_.all()) {
      if (m.phone == phone && m.template_name == "sign_in_code") code = m.params.at(0);
    }
    return code;
  }
  std::string WrongCode() { return LastCode() == "000000" ? "111111" : "000000"; }
};

TEST(PhoneNumberTest, AcceptsTheWaysPeopleWriteAMainlandMobile) {
  EXPECT_EQ(NormalizeMainlandMobile("18812342223"), "18812342223");
  EXPECT_EQ(NormalizeMainlandMobile("188 1234 2223"), "18812342223");
  EXPECT_EQ(NormalizeMainlandMobile("188-1234-2223"), "18812342223");
  EXPECT_EQ(NormalizeMainlandMobile("+86 188 1234 2223"), "18812342223");
  EXPECT_EQ(NormalizeMainlandMobile("8618812342223"), "18812342223");
  EXPECT_EQ(NormalizeMainlandMobile("008618812342223"), "18812342223");
  EXPECT_FALSE(NormalizeMainlandMobile(""));
  EXPECT_FALSE(NormalizeMainlandMobile("1881234222"));      // 10 digits
  EXPECT_FALSE(NormalizeMainlandMobile("188123422231"));    // 12
  EXPECT_FALSE(NormalizeMainlandMobile("12812342223"));     // 12x is no mobile prefix
  EXPECT_FALSE(NormalizeMainlandMobile("053612345678"));    // a landline
  EXPECT_FALSE(NormalizeMainlandMobile("+852 9123 4567"));  // Hong Kong
  EXPECT_FALSE(NormalizeMainlandMobile("188l2342223"));
  EXPECT_FALSE(NormalizeMainlandMobile("+1 188 1234 2223"));
}

TEST_F(SignInServiceTest, ACodeSentThroughTheOutboxSignsInOnceAndRecordsConsent) {
  auto sent = service_.RequestCode("188 1234 2223", version_, "10.0.0.1");
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->expires_in, 300s);
  const std::string code = LastCode();
  ASSERT_EQ(code.size(), 6u);
  // Only a keyed hash of the code is kept.
  ASSERT_EQ(people_.codes().size(), 1u);
  EXPECT_EQ(people_.codes()[0].code_hash.find(code), std::string::npos);
  EXPECT_EQ(outbox_.all()[0].text.find(code) != std::string::npos, true);

  auto in = service_.SignIn("18812342223", code, version_, "10.0.0.1", "");
  ASSERT_TRUE(in.ok()) << in.error().message;
  EXPECT_TRUE(in->new_person);
  EXPECT_EQ(in->person.phone, "18812342223");
  auto consents = people_.ListConsents(in->person.id);
  ASSERT_EQ(consents->size(), 1u);
  EXPECT_EQ((*consents)[0].purpose, "phone_sign_in");
  EXPECT_EQ((*consents)[0].version, version_);
  EXPECT_EQ((*consents)[0].text_hash, PurposeTextHash(*CurrentPurposeText("phone_sign_in")));

  auto who = service_.Authenticate(in->session_token);
  ASSERT_TRUE(who.ok() && who->has_value());
  EXPECT_EQ((*who)->person.id, in->person.id);

  // The same code again: used.
  auto replay = service_.SignIn("18812342223", code, version_, "10.0.0.1", "");
  EXPECT_EQ(replay.error().code, ErrorCode::kUnauthenticated);

  // The audit log names the person by pseudonym, never the phone.
  for (const AuditEntry& e : log_.entries()) {
    EXPECT_EQ(e.actor.find("2223"), std::string::npos) << e.actor;
    EXPECT_EQ(e.detail.find("2223"), std::string::npos) << e.detail;
  }

  // A second sign-in of the same number: same person, no second consent record.
  clock_.Advance(2min);
  ASSERT_TRUE(service_.RequestCode("18812342223", version_, "10.0.0.1").ok());
  auto second = service_.SignIn("18812342223", LastCode(), version_, "10.0.0.1", in->session_token);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->new_person);
  EXPECT_EQ(second->person.id, in->person.id);
  EXPECT_EQ(people_.ListConsents(in->person.id)->size(), 1u);
  // The browser's earlier session ended.
  EXPECT_FALSE(service_.Authenticate(in->session_token)->has_value());
}

TEST_F(SignInServiceTest, BadNumbersAndMissingConsentAreRefusedBeforeAnythingIsSent) {
  EXPECT_EQ(service_.RequestCode("12345", version_, "a").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.RequestCode("18812342223", 0, "a").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.RequestCode("18812342223", version_ + 1, "a").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(outbox_.all().empty());
  EXPECT_TRUE(people_.codes().empty());
}

TEST_F(SignInServiceTest, FiveWrongTriesKillTheCode) {
  ASSERT_TRUE(service_.RequestCode("18812342223", version_, "a").ok());
  const std::string right = LastCode();
  for (int i = 1; i <= 4; ++i) {
    auto r = service_.SignIn("18812342223", WrongCode(), version_, "a", "");
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated) << i;
    EXPECT_NE(r.error().message.find(std::to_string(5 - i)), std::string::npos)
        << r.error().message;
  }
  EXPECT_EQ(service_.SignIn("18812342223", WrongCode(), version_, "a", "").error().code,
            ErrorCode::kRateLimited);
  // Even the right code no longer works.
  EXPECT_EQ(service_.SignIn("18812342223", right, version_, "a", "").error().code,
            ErrorCode::kRateLimited);
  EXPECT_EQ(people_.people_count(), 0u);
}

TEST_F(SignInServiceTest, ACodeExpiresAfterFiveMinutes) {
  ASSERT_TRUE(service_.RequestCode("18812342223", version_, "a").ok());
  clock_.Advance(5min);
  auto r = service_.SignIn("18812342223", LastCode(), version_, "a", "");
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(r.error().message.find("过期"), std::string::npos);
}

TEST_F(SignInServiceTest, CodesAreLimitedPerNumberAndPerAddress) {
  ASSERT_TRUE(service_.RequestCode("18812342223", version_, "a").ok());
  // Within the minute: refused, nothing sent.
  clock_.Advance(30s);
  EXPECT_EQ(service_.RequestCode("18812342223", version_, "a").error().code,
            ErrorCode::kRateLimited);
  EXPECT_EQ(outbox_.all().size(), 1u);
  // Five an hour per number.
  for (int i = 0; i < 4; ++i) {
    clock_.Advance(61s);
    ASSERT_TRUE(service_.RequestCode("18812342223", version_, "a").ok()) << i;
  }
  clock_.Advance(61s);
  auto sixth = service_.RequestCode("18812342223", version_, "a");
  EXPECT_EQ(sixth.error().code, ErrorCode::kRateLimited);
  // Ten a day.
  for (int i = 0; i < 5; ++i) {
    clock_.Advance(61min);
    ASSERT_TRUE(service_.RequestCode("18812342223", version_, "b").ok()) << i;
  }
  clock_.Advance(61min);
  EXPECT_EQ(service_.RequestCode("18812342223", version_, "b").error().code,
            ErrorCode::kRateLimited);

  // Twenty an hour from one address, whatever the numbers.
  clock_.Advance(25h);
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(service_.RequestCode(fmt::format("139{:08}", i), version_, "c").ok()) << i;
  }
  EXPECT_EQ(service_.RequestCode("13900009999", version_, "c").error().code,
            ErrorCode::kRateLimited);
  EXPECT_TRUE(service_.RequestCode("13900009999", version_, "d").ok());
}

TEST_F(SignInServiceTest, SessionsEndWhenIdleOrTooOldAndOnSignOut) {
  ASSERT_TRUE(service_.RequestCode("18812342223", version_, "a").ok());
  auto in = service_.SignIn("18812342223", LastCode(), version_, "a", "");
  ASSERT_TRUE(in.ok());
  clock_.Advance(std::chrono::hours(24 * 29));
  EXPECT_TRUE(service_.Authenticate(in->session_token)->has_value());  // touched: idle restarts
  clock_.Advance(std::chrono::hours(24 * 29));
  EXPECT_TRUE(service_.Authenticate(in->session_token)->has_value());
  clock_.Advance(std::chrono::hours(24 * 31));
  EXPECT_FALSE(service_.Authenticate(in->session_token)->has_value());  // idle 31 days

  clock_.Advance(1h);
  ASSERT_TRUE(service_.RequestCode("18812342223", version_, "a").ok());
  auto again = service_.SignIn("18812342223", LastCode(), version_, "a", "");
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(service_.SignOut(again->session_token).ok());
  EXPECT_FALSE(service_.Authenticate(again->session_token)->has_value());
  EXPECT_FALSE(service_.Authenticate("")->has_value());
  EXPECT_FALSE(service_.Authenticate("made-up")->has_value());
}

TEST_F(SignInServiceTest, AbsoluteTimeoutEndsEvenABusySession) {
  ASSERT_TRUE(service_.RequestCode("18812342223", version_, "a").ok());
  auto in = service_.SignIn("18812342223", LastCode(), version_, "a", "");
  ASSERT_TRUE(in.ok());
  for (int week = 1; week <= 25; ++week) {  // used weekly for 175 days
    clock_.Advance(std::chrono::hours(24 * 7));
    EXPECT_TRUE(service_.Authenticate(in->session_token)->has_value()) << week;
  }
  clock_.Advance(std::chrono::hours(24 * 6));  // 181 days after sign-in
  EXPECT_FALSE(service_.Authenticate(in->session_token)->has_value());
}

}  // namespace
}  // namespace yz
