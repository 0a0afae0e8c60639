#include "domain/accounts/account_service.h"

#include <gtest/gtest.h>

#include "domain/accounts/fake_account_store.h"
#include "domain/checkins/checkin.h"

namespace yz {
namespace {

using namespace std::chrono_literals;

const UtcTime kStart = FromEpochMillis(1'780'000'000'000);
constexpr std::string_view kPassword = "correct horse battery";

class AccountServiceTest : public ::testing::Test {
 protected:
  AccountServiceTest() : service_(store_, store_, store_, clock_, "test-key") {}

  void SetUp() override {
    auto alice =
        service_.CreateAccount({"alice", Role::kRegionAdmin, Scope{{"370783001"}, {}}}, kPassword);
    ASSERT_TRUE(alice.ok()) << alice.error().message;
  }

  Result<LoginSuccess> Login(std::string_view user, std::string_view password,
                             std::string_view previous = "") {
    return service_.Login(user, password, previous, "10.0.0.1");
  }

  testing::FakeAccountStore store_;
  FakeClock clock_{kStart};
  AccountService service_;
};

TEST_F(AccountServiceTest, StoresOnlyAnArgon2idHashOfThePassword) {
  auto stored = store_.FindAccountByUsername("alice");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_TRUE((*stored)->password_hash.starts_with("$argon2id$"));
  EXPECT_NE((*stored)->password_hash.find("m=19456,t=2"), std::string::npos);
  EXPECT_EQ((*stored)->password_hash.find(kPassword), std::string::npos);
}

TEST_F(AccountServiceTest, RejectsBadUsernamesScopesAndShortPasswords) {
  EXPECT_EQ(service_.CreateAccount({"Bob", Role::kCityAdmin, {}}, kPassword).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.CreateAccount({"bob", Role::kRegionAdmin, {}}, kPassword).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.CreateAccount({"bob", Role::kStationManager, {}}, kPassword).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.CreateAccount({"bob", Role::kRegionAdmin, Scope{{"37078"}, {}}}, kPassword)
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.CreateAccount({"bob", Role::kCityAdmin, {}}, "short").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.CreateAccount({"alice", Role::kCityAdmin, {}}, kPassword).error().code,
            ErrorCode::kConflict);
}

TEST_F(AccountServiceTest, ThePasswordPolicyIsASetting) {
  PasswordPolicy strict;
  strict.min_length = 12;
  strict.require_mixed = true;
  ASSERT_TRUE(service_.SetPolicy(strict).ok());
  EXPECT_FALSE(service_.CreateAccount({"bob", Role::kCityAdmin, {}}, "alllowercaseletters").ok());
  EXPECT_TRUE(service_.CreateAccount({"bob", Role::kCityAdmin, {}}, "Mixed-Case-And-1").ok());
  auto back = service_.Policy();
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->min_length, 12);
  EXPECT_TRUE(back->require_mixed);
}

TEST_F(AccountServiceTest, WrongPasswordAndUnknownUserFailTheSameWay) {
  auto wrong = Login("alice", "not the password");
  auto unknown = Login("nobody", "not the password");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(AccountServiceTest, LocksAfterFiveFailuresWhateverThePasswordThenUnlocks) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Login("alice", "wrong").error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(Login("alice", kPassword).error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(Login("alice", "wrong").error().code, ErrorCode::kRateLimited);
  clock_.Advance(16min);
  EXPECT_TRUE(Login("alice", kPassword).ok());
  const auto& log = store_.audit_entries();
  EXPECT_TRUE(std::any_of(log.begin(), log.end(),
                          [](const AuditEntry& e) { return e.action == "auth.lockout"; }));
}

TEST_F(AccountServiceTest, UnknownUsernamesLockLikeRealOnes) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Login("ghost", "wrong").error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(Login("ghost", "wrong").error().code, ErrorCode::kRateLimited);
}

TEST_F(AccountServiceTest, LoginStartsAFreshSessionAndEndsThePreviousOne) {
  auto first = Login("alice", kPassword);
  ASSERT_TRUE(first.ok());
  auto second = Login("alice", kPassword, first->session_token);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(first->session_token, second->session_token);
  EXPECT_NE(first->csrf_token, second->csrf_token);
  EXPECT_FALSE(service_.Authenticate(first->session_token)->has_value());
  auto who = service_.Authenticate(second->session_token);
  ASSERT_TRUE(who.ok() && who->has_value());
  EXPECT_EQ((*who)->account.username, "alice");
  EXPECT_EQ((*who)->csrf_token, second->csrf_token);
  EXPECT_TRUE((*who)->account.password_hash.empty());
}

TEST_F(AccountServiceTest, LogoutEndsTheSession) {
  auto s = Login("alice", kPassword);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(service_.Logout(s->session_token).ok());
  EXPECT_FALSE(service_.Authenticate(s->session_token)->has_value());
}

TEST_F(AccountServiceTest, SessionsEndAfterTheIdleTimeout) {
  auto s = Login("alice", kPassword);
  ASSERT_TRUE(s.ok());
  clock_.Advance(29min);
  EXPECT_TRUE(service_.Authenticate(s->session_token)->has_value());
  clock_.Advance(29min);  // used 29 minutes ago: still alive
  EXPECT_TRUE(service_.Authenticate(s->session_token)->has_value());
  clock_.Advance(31min);
  EXPECT_FALSE(service_.Authenticate(s->session_token)->has_value());
}

TEST_F(AccountServiceTest, SessionsEndAfterTheAbsoluteTimeoutEvenWhenUsed) {
  auto s = Login("alice", kPassword);
  ASSERT_TRUE(s.ok());
  while (clock_.Now() + 29min < kStart + 12h) {
    clock_.Advance(29min);
    EXPECT_TRUE(service_.Authenticate(s->session_token)->has_value());
  }
  clock_.Advance(29min);
  EXPECT_FALSE(service_.Authenticate(s->session_token)->has_value());
}

TEST_F(AccountServiceTest, TheStoreNeverSeesTheSessionToken) {
  auto s = Login("alice", kPassword);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(store_.FindSession(s->session_token)->has_value());
  EXPECT_EQ(store_.session_count(), 1u);
}

TEST_F(AccountServiceTest, ChangingThePasswordEndsOtherSessions) {
  auto mine = Login("alice", kPassword);
  auto other = Login("alice", kPassword);
  ASSERT_TRUE(mine.ok() && other.ok());
  auto who = service_.Authenticate(mine->session_token);
  ASSERT_TRUE(who.ok() && who->has_value());
  EXPECT_EQ(service_.ChangePassword(**who, "wrong", "another long password", "").error().code,
            ErrorCode::kForbidden);
  ASSERT_TRUE(service_.ChangePassword(**who, kPassword, "another long password", "").ok());
  EXPECT_TRUE(service_.Authenticate(mine->session_token)->has_value());
  EXPECT_FALSE(service_.Authenticate(other->session_token)->has_value());
  EXPECT_TRUE(Login("alice", "another long password").ok());
}

// A stolen session must not let a thief guess the password without the lockout.
TEST_F(AccountServiceTest, WrongCurrentPasswordsCountTowardsTheLockoutAndEndTheSessions) {
  auto mine = Login("alice", kPassword);
  ASSERT_TRUE(mine.ok());
  auto who = service_.Authenticate(mine->session_token);
  ASSERT_TRUE(who.ok() && who->has_value());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        service_.ChangePassword(**who, "guess " + std::to_string(i), "another long password", "")
            .error()
            .code,
        ErrorCode::kForbidden);
  }
  EXPECT_FALSE(service_.Authenticate(mine->session_token)->has_value()) << "locked: sessions end";
  EXPECT_EQ(Login("alice", kPassword).error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(service_.ChangePassword(**who, kPassword, "another long password", "").error().code,
            ErrorCode::kRateLimited);
  const auto& log = store_.audit_entries();
  EXPECT_TRUE(std::any_of(log.begin(), log.end(),
                          [](const AuditEntry& e) { return e.action == "auth.lockout"; }));
}

TEST_F(AccountServiceTest, ChangingThePasswordDoesNotExtendTheSessionsAbsoluteLifetime) {
  auto mine = Login("alice", kPassword);
  ASSERT_TRUE(mine.ok());
  for (int i = 0; i < 22; ++i) {  // in use all day: 10 h 38 min
    clock_.Advance(29min);
    ASSERT_TRUE(service_.Authenticate(mine->session_token)->has_value());
  }
  clock_.Advance(22min);  // 11 h after sign-in
  auto who = service_.Authenticate(mine->session_token);
  ASSERT_TRUE(who.ok() && who->has_value());
  ASSERT_TRUE(service_.ChangePassword(**who, kPassword, "another long password", "").ok());
  clock_.Advance(29min);
  EXPECT_TRUE(service_.Authenticate(mine->session_token)->has_value());
  clock_.Advance(29min);  // 11 h 58 min after sign-in: still within the 12 h
  EXPECT_TRUE(service_.Authenticate(mine->session_token)->has_value());
  clock_.Advance(5min);  // past 12 h since sign-in, not since the change
  EXPECT_FALSE(service_.Authenticate(mine->session_token)->has_value());
}

}  // namespace
}  // namespace yz
