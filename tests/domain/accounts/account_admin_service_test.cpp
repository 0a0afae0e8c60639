// The security administrator's account management against in-memory repositories: the
// separation of duties of ADR 0014, temporary passwords, sessions, and the audit trail.
#include "domain/accounts/account_admin_service.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>
#include <vector>

#include "domain/accounts/fake_account_store.h"
#include "domain/checkins/checkin.h"

namespace yz {
namespace {

using namespace std::chrono_literals;

const UtcTime kStart = FromEpochMillis(1'780'000'000'000);
constexpr std::string_view kPassword = "correct horse battery";

class AccountAdminServiceTest : public ::testing::Test {
 protected:
  AccountAdminServiceTest()
      : accounts_(store_, store_, store_, clock_, "test-key"),
        auditor_(store_, clock_),
        admin_(store_, store_, auditor_, clock_) {}

  void SetUp() override {
    for (const auto& [name, role, scope] : std::vector<std::tuple<std::string, Role, Scope>>{
             {"sec", Role::kSecurityAdmin, {}},
             {"sec2", Role::kSecurityAdmin, {}},
             {"boss", Role::kCityAdmin, {}},
             {"audit", Role::kAuditor, {}},
             {"worker", Role::kStationManager, Scope{{}, {"SG001"}}}}) {
      auto made = accounts_.CreateAccount({name, role, scope}, kPassword);
      ASSERT_TRUE(made.ok()) << made.error().message;
    }
    sec_ = SignIn("sec");
    boss_ = SignIn("boss");
  }

  Principal SignIn(std::string_view username) {
    auto login = accounts_.Login(username, kPassword, "", "10.0.0.1");
    EXPECT_TRUE(login.ok()) << login.error().message;
    tokens_[std::string(username)] = login->session_token;
    auto who = accounts_.Authenticate(login->session_token);
    EXPECT_TRUE(who.ok() && who->has_value());
    return **who;
  }

  Caller As(const Principal& p) { return Caller{p, "10.0.0.9"}; }

  std::optional<AuditEntry> LastAudit(std::string_view action) {
    const auto& all = store_.audit_entries();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
      if (it->action == action) return *it;
    }
    return std::nullopt;
  }

  testing::FakeAccountStore store_;
  FakeClock clock_{kStart};
  AccountService accounts_;
  Auditor auditor_;
  AccountAdminService admin_;
  Principal sec_, boss_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(AccountAdminServiceTest, OnlyTheSecurityAdminManagesAccounts) {
  const Caller boss = As(boss_);
  EXPECT_EQ(admin_.List(boss).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(admin_.Create(boss, {"newbie", Role::kVolunteer, Scope{{}, {"SG001"}}}).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(admin_.ResetPassword(boss, "worker").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(admin_.Change(boss, "worker", {.disabled = true}).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(admin_.Sessions(boss, "worker").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(admin_.EndSessions(boss, "worker", "").error().code, ErrorCode::kForbidden);
  const auto denied = LastAudit("account.sessions_end");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->outcome, AuditOutcome::kDenied);
  EXPECT_EQ(denied->actor, "boss");
}

TEST_F(AccountAdminServiceTest, CreatesAnAccountWithAStrongTemporaryPasswordShownOnce) {
  auto made = admin_.Create(As(sec_), {"newbie", Role::kVolunteer, Scope{{}, {"SG001"}}});
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_GE(made->password.size(), 16u);
  EXPECT_TRUE(made->account.password_hash.empty());
  EXPECT_TRUE(made->account.must_change_password);
  auto stored = store_.FindAccountByUsername("newbie");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_TRUE((*stored)->must_change_password);
  EXPECT_TRUE(VerifyPassword((*stored)->password_hash, made->password));
  // Two accounts never share a temporary password.
  auto other = admin_.Create(As(sec_), {"newbie2", Role::kVolunteer, Scope{{}, {"SG001"}}});
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->password, made->password);
  // The audit log names the account and the role, never the password.
  const auto entry = LastAudit("account.create");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->actor, "sec");
  EXPECT_EQ(entry->object, "account:newbie2");
  EXPECT_EQ(entry->outcome, AuditOutcome::kSuccess);
  for (const AuditEntry& e : store_.audit_entries()) {
    EXPECT_EQ(e.detail.find(made->password), std::string::npos);
    EXPECT_EQ(e.detail.find(other->password), std::string::npos);
  }
}

TEST_F(AccountAdminServiceTest, TheTemporaryPasswordSignsInButMustBeChanged) {
  auto made = admin_.Create(As(sec_), {"newbie", Role::kVolunteer, Scope{{}, {"SG001"}}});
  ASSERT_TRUE(made.ok());
  auto login = accounts_.Login("newbie", made->password, "", "10.0.0.2");
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_TRUE(login->account.must_change_password);
  auto who = accounts_.Authenticate(login->session_token);
  ASSERT_TRUE(who.ok() && who->has_value());
  EXPECT_TRUE((*who)->account.must_change_password);
  EXPECT_EQ(accounts_.ChangePassword(**who, made->password, made->password, "").error().code,
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(accounts_.ChangePassword(**who, made->password, "my own long password", "").ok());
  EXPECT_FALSE((*store_.FindAccountByUsername("newbie"))->must_change_password);
}

TEST_F(AccountAdminServiceTest, SecurityAndAuditAdminsAreMadeOnlyOnTheCommandLine) {
  for (const Role role : {Role::kSecurityAdmin, Role::kAuditor}) {
    auto made = admin_.Create(As(sec_), {"privileged", role, {}});
    ASSERT_FALSE(made.ok());
    EXPECT_EQ(made.error().code, ErrorCode::kForbidden);
    EXPECT_FALSE(store_.FindAccountByUsername("privileged")->has_value());
    // Nor may an existing account be promoted to one.
    auto promoted = admin_.Change(As(sec_), "worker", {.role = role});
    ASSERT_FALSE(promoted.ok());
    EXPECT_EQ(promoted.error().code, ErrorCode::kForbidden);
  }
  EXPECT_EQ((*store_.FindAccountByUsername("worker"))->role, Role::kStationManager);
  const auto entry = LastAudit("account.role");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->outcome, AuditOutcome::kDenied);
}

TEST_F(AccountAdminServiceTest, SecurityAndAuditAdminAccountsAreReadOnlyInTheConsole) {
  for (const std::string target : {"sec2", "audit"}) {
    SCOPED_TRACE(target);
    EXPECT_EQ(admin_.Change(As(sec_), target, {.disabled = true}).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(admin_.Change(As(sec_), target, {.role = Role::kVolunteer}).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(admin_.ResetPassword(As(sec_), target).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(admin_.EndSessions(As(sec_), target, "").error().code, ErrorCode::kForbidden);
    EXPECT_TRUE(admin_.Sessions(As(sec_), target).ok());
  }
  EXPECT_FALSE((*store_.FindAccountByUsername("audit"))->disabled);
}

TEST_F(AccountAdminServiceTest, NobodyChangesTheirOwnAccount) {
  const AccountChange changes[] = {
      {.role = Role::kCityAdmin}, {.scope = Scope{{"370783"}, {}}}, {.disabled = true}};
  for (const AccountChange& change : changes) {
    auto r = admin_.Change(As(sec_), "sec", change);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
    EXPECT_NE(r.error().message.find("自己"), std::string::npos) << r.error().message;
  }
  EXPECT_EQ(admin_.ResetPassword(As(sec_), "sec").error().code, ErrorCode::kForbidden);
  // Ending one's own sessions is allowed.
  EXPECT_TRUE(admin_.EndSessions(As(sec_), "sec", "").ok());
}

TEST_F(AccountAdminServiceTest, DisablingEndsTheSessionsAndEnablingLetsThemBackIn) {
  SignIn("worker");
  ASSERT_EQ((*admin_.Sessions(As(sec_), "worker")).size(), 1u);
  auto disabled = admin_.Change(As(sec_), "worker", {.disabled = true});
  ASSERT_TRUE(disabled.ok()) << disabled.error().message;
  EXPECT_TRUE(disabled->account.disabled);
  EXPECT_EQ(disabled->session_count, 0);
  EXPECT_FALSE(accounts_.Authenticate(tokens_["worker"])->has_value());
  EXPECT_EQ(accounts_.Login("worker", kPassword, "", "").error().code, ErrorCode::kUnauthenticated);
  ASSERT_TRUE(LastAudit("account.disable"));
  ASSERT_TRUE(admin_.Change(As(sec_), "worker", {.disabled = false}).ok());
  EXPECT_TRUE(accounts_.Login("worker", kPassword, "", "").ok());
  ASSERT_TRUE(LastAudit("account.enable"));
}

TEST_F(AccountAdminServiceTest, ResettingGivesANewTemporaryPasswordAndEndsSessions) {
  SignIn("worker");
  auto reset = admin_.ResetPassword(As(sec_), "worker");
  ASSERT_TRUE(reset.ok()) << reset.error().message;
  EXPECT_FALSE(accounts_.Authenticate(tokens_["worker"])->has_value());
  EXPECT_FALSE(accounts_.Login("worker", kPassword, "", "").ok());
  auto login = accounts_.Login("worker", reset->password, "", "");
  ASSERT_TRUE(login.ok());
  EXPECT_TRUE(login->account.must_change_password);
  const auto entry = LastAudit("account.password_reset");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->detail.find(reset->password), std::string::npos);
}

TEST_F(AccountAdminServiceTest, ChangesRoleAndScopeValidatedTogether) {
  EXPECT_EQ(admin_.Change(As(sec_), "worker", {.role = Role::kRegionAdmin}).error().code,
            ErrorCode::kInvalidArgument);  // a region admin needs a region
  EXPECT_EQ(admin_.Change(As(sec_), "worker", {.scope = Scope{{"37078x"}, {}}}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(admin_.Change(As(sec_), "worker", {}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(admin_.Change(As(sec_), "nobody", {.disabled = true}).error().code,
            ErrorCode::kNotFound);
  auto changed = admin_.Change(As(sec_), "worker",
                               {.role = Role::kRegionAdmin, .scope = Scope{{"370783001"}, {}}});
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->account.role, Role::kRegionAdmin);
  const auto entry = LastAudit("account.role");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->outcome, AuditOutcome::kSuccess);
  EXPECT_NE(entry->detail.find("station_manager→region_admin"), std::string::npos) << entry->detail;
}

TEST_F(AccountAdminServiceTest, ListsAccountsWithFlagsAndSessionCounts) {
  SignIn("worker");
  SignIn("worker");
  ASSERT_TRUE(admin_.Change(As(sec_), "boss", {.disabled = true}).ok());
  for (int i = 0; i < 5; ++i) (void)accounts_.Login("sec2", "wrong password!", "", "");
  auto list = admin_.List(As(sec_));
  ASSERT_TRUE(list.ok());
  std::map<std::string, AccountSummary> by_name;
  for (const auto& s : *list) {
    EXPECT_TRUE(s.account.password_hash.empty());
    by_name[s.account.username] = s;
  }
  EXPECT_EQ(by_name["worker"].session_count, 2);
  EXPECT_EQ(by_name["worker"].account.last_login_at, kStart);
  EXPECT_TRUE(by_name["boss"].account.disabled);
  EXPECT_EQ(by_name["boss"].session_count, 0);
  EXPECT_TRUE(by_name["sec2"].locked);
  EXPECT_FALSE(by_name["audit"].account.last_login_at.has_value());
}

TEST_F(AccountAdminServiceTest, SessionsAreShownWithoutTheirHashesAndEndOneByOne) {
  SignIn("worker");
  clock_.Advance(1min);
  SignIn("worker");
  auto sessions = admin_.Sessions(As(sec_), "worker");
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 2u);
  for (const SessionSummary& s : *sessions) {
    EXPECT_EQ(s.id.size(), 16u);
    EXPECT_EQ(s.address, "10.0.0.1");
    EXPECT_FALSE(s.current);
    auto stored = store_.ListSessionsOf((*store_.FindAccountByUsername("worker"))->id);
    for (const Session& raw : *stored) EXPECT_EQ(raw.token_hash.find(s.id), std::string::npos);
  }
  EXPECT_EQ(admin_.EndSessions(As(sec_), "worker", "0000000000000000").error().code,
            ErrorCode::kNotFound);
  auto one = admin_.EndSessions(As(sec_), "worker", (*sessions)[0].id);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(*one, 1);
  EXPECT_TRUE(accounts_.Authenticate(tokens_["worker"])->has_value());  // the newer one stays
  EXPECT_EQ(admin_.Sessions(As(sec_), "worker")->size(), 1u);
  auto all = admin_.EndSessions(As(sec_), "worker", "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, 1);
  EXPECT_TRUE(admin_.Sessions(As(sec_), "worker")->empty());
  // The caller's own session is marked.
  auto own = admin_.Sessions(As(sec_), "sec");
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->size(), 1u);
  EXPECT_TRUE((*own)[0].current);
}

}  // namespace
}  // namespace yz
