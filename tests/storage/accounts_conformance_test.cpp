// The conformance suite of the accounts area's repositories (domain/accounts/account.h,
// domain/audit/audit.h) on every store kind.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "storage/store_fixture.h"

namespace yz {
namespace {

using namespace std::chrono_literals;

const UtcTime kNoon = FromEpochMillis(1'780'000'000'000);

class AccountsConformanceTest : public testing::StoreTest {
 protected:
  AccountRepository& accounts() { return *store_->accounts; }
  SessionRepository& sessions() { return *store_->sessions; }
  AuditRepository& audit() { return *store_->audit; }

  static Account Make(std::string username, Role role) {
    Account a;
    a.username = std::move(username);
    a.role = role;
    a.scope.regions = {"370783", "370783001"};
    a.scope.stations = {"SG001", "SG-002"};
    a.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    a.created_at = kNoon;
    return a;
  }

  int64_t Add(const Account& a) {
    auto id = accounts().AddAccount(a);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }

  // Runs `sql` directly on the store's database; returns the error text, or "" when it worked.
  std::string RawExec(const std::string& sql) {
    if (GetParam() == "postgresql") {
      try {
        pqxx::connection c(pg_url_);
        pqxx::work txn(c);
        txn.exec(sql);
        txn.commit();
        return "";
      } catch (const std::exception& e) {
        return e.what();
      }
    }
    sqlite3* db = nullptr;
    const std::string path = data_dir_ + "/yizhan.db";
    sqlite3_open(path.c_str(), &db);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    std::string error = rc == SQLITE_OK ? "" : (message ? message : "error");
    sqlite3_free(message);
    sqlite3_close(db);
    return error;
  }
};

TEST_P(AccountsConformanceTest, StoresAnAccountAndFindsItByIdAndUsername) {
  Account a = Make("alice", Role::kRegionAdmin);
  a.id = Add(a);
  ASSERT_GT(a.id, 0);
  auto by_id = accounts().FindAccount(a.id);
  ASSERT_TRUE(by_id.ok());
  ASSERT_TRUE(by_id->has_value());
  EXPECT_EQ(**by_id, a);
  auto by_name = accounts().FindAccountByUsername("alice");
  ASSERT_TRUE(by_name.ok());
  ASSERT_TRUE(by_name->has_value());
  EXPECT_EQ(**by_name, a);
  auto missing = accounts().FindAccountByUsername("bob");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_P(AccountsConformanceTest, RefusesATakenUsernameWithConflict) {
  Add(Make("alice", Role::kCityAdmin));
  auto again = accounts().AddAccount(Make("alice", Role::kAuditor));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto listed = accounts().ListAccounts();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().role, Role::kCityAdmin);
}

TEST_P(AccountsConformanceTest, ListsAccountsByIdAndUpdatesThem) {
  Account a = Make("alice", Role::kCityAdmin);
  a.scope = {};
  a.id = Add(a);
  Account b = Make("bob", Role::kStationManager);
  b.id = Add(b);
  b.role = Role::kMaintainer;
  b.scope.stations = {"X1"};
  b.scope.regions = {};
  b.password_hash = "other";
  b.disabled = true;
  b.must_change_password = true;
  ASSERT_TRUE(accounts().UpdateAccount(b).ok());
  auto listed = accounts().ListAccounts();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0], a);
  EXPECT_EQ((*listed)[1], b);
  Account ghost = b;
  ghost.id = 9999;
  auto missing = accounts().UpdateAccount(ghost);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(AccountsConformanceTest, LocksAfterTheThresholdAndStartsCountingAgain) {
  const int64_t id = Add(Make("alice", Role::kCityAdmin));
  const UtcTime until = kNoon + 15min;
  for (int i = 1; i <= 2; ++i) {
    auto after = accounts().RecordLoginFailure(id, 3, until);
    ASSERT_TRUE(after.ok()) << after.error().message;
    EXPECT_EQ(after->failed_logins, i);
    EXPECT_FALSE(after->locked_until.has_value());
  }
  auto locked = accounts().RecordLoginFailure(id, 3, until);
  ASSERT_TRUE(locked.ok());
  EXPECT_EQ(locked->failed_logins, 0);
  ASSERT_TRUE(locked->locked_until.has_value());
  EXPECT_EQ(*locked->locked_until, until);
  ASSERT_TRUE(accounts().RecordLoginSuccess(id, kNoon).ok());
  auto cleared = accounts().FindAccount(id);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ((*cleared)->failed_logins, 0);
  EXPECT_FALSE((*cleared)->locked_until.has_value());
  EXPECT_EQ((*cleared)->last_login_at, kNoon);
  EXPECT_EQ(accounts().RecordLoginFailure(9999, 3, until).error().code, ErrorCode::kNotFound);
}

TEST_P(AccountsConformanceTest, ConcurrentFailuresAreEachCounted) {
  const int64_t id = Add(Make("alice", Role::kCityAdmin));
  constexpr int kThreads = 4, kEach = 5;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i)
        EXPECT_TRUE(accounts().RecordLoginFailure(id, 1000, kNoon).ok());
    });
  }
  for (auto& t : threads) t.join();
  auto after = accounts().FindAccount(id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)->failed_logins, kThreads * kEach);
}

TEST_P(AccountsConformanceTest, SettingsAreStoredAndReplaced) {
  auto none = accounts().Setting("password_policy");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(accounts().SetSetting("password_policy", "min_length=12").ok());
  ASSERT_TRUE(accounts().SetSetting("password_policy", "min_length=14").ok());
  auto value = accounts().Setting("password_policy");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value->value_or(""), "min_length=14");
}

TEST_P(AccountsConformanceTest, SessionsAreAddedFoundTouchedAndDeleted) {
  const int64_t id = Add(Make("alice", Role::kCityAdmin));
  const Session s{"hash-1", id, kNoon, kNoon, "127.0.0.1"};
  ASSERT_TRUE(sessions().AddSession(s).ok());
  EXPECT_EQ(sessions().AddSession(s).error().code, ErrorCode::kConflict);
  auto found = sessions().FindSession("hash-1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, s);
  ASSERT_TRUE(sessions().TouchSession("hash-1", kNoon + 5min).ok());
  EXPECT_EQ((*sessions().FindSession("hash-1"))->last_seen_at, kNoon + 5min);
  ASSERT_TRUE(sessions().DeleteSession("hash-1").ok());
  ASSERT_TRUE(sessions().DeleteSession("hash-1").ok());
  EXPECT_FALSE(sessions().FindSession("hash-1")->has_value());
}

TEST_P(AccountsConformanceTest, KeepsTheMustChangeFlagAndTheLastSignIn) {
  Account a = Make("alice", Role::kStationManager);
  a.must_change_password = true;
  a.last_login_at = kNoon - 1h;
  a.id = Add(a);
  auto stored = accounts().FindAccountByUsername("alice");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ(**stored, a);
  a.must_change_password = false;
  ASSERT_TRUE(accounts().UpdateAccount(a).ok());
  EXPECT_FALSE((*accounts().FindAccount(a.id))->must_change_password);
  const Account fresh = Make("bob", Role::kCityAdmin);
  const int64_t b = Add(fresh);
  EXPECT_FALSE((*accounts().FindAccount(b))->must_change_password);
  EXPECT_FALSE((*accounts().FindAccount(b))->last_login_at.has_value());
}

TEST_P(AccountsConformanceTest, ListsAndCountsTheSessionsOfEachAccount) {
  const int64_t a = Add(Make("alice", Role::kCityAdmin));
  const int64_t b = Add(Make("bob", Role::kCityAdmin));
  Add(Make("carol", Role::kCityAdmin));
  const Session late{"a-late", a, kNoon + 1h, kNoon + 2h, "10.0.0.2"};
  const Session early{"a-early", a, kNoon, kNoon + 3h, "10.0.0.1"};
  ASSERT_TRUE(sessions().AddSession(late).ok());
  ASSERT_TRUE(sessions().AddSession(early).ok());
  ASSERT_TRUE(sessions().AddSession({"b-1", b, kNoon, kNoon, ""}).ok());
  auto of_a = sessions().ListSessionsOf(a);
  ASSERT_TRUE(of_a.ok()) << of_a.error().message;
  ASSERT_EQ(of_a->size(), 2u);
  EXPECT_EQ((*of_a)[0], early);
  EXPECT_EQ((*of_a)[1], late);
  EXPECT_TRUE(sessions().ListSessionsOf(9999)->empty());
  auto counts = sessions().CountSessionsByAccount();
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  const std::vector<std::pair<int64_t, int64_t>> expected{{a, 2}, {b, 1}};
  EXPECT_EQ(*counts, expected);
}

TEST_P(AccountsConformanceTest, DeletesTheSessionsOfOneAccountAndExpiredOnes) {
  const int64_t a = Add(Make("alice", Role::kCityAdmin));
  const int64_t b = Add(Make("bob", Role::kCityAdmin));
  ASSERT_TRUE(sessions().AddSession({"a1", a, kNoon, kNoon, ""}).ok());
  ASSERT_TRUE(sessions().AddSession({"a2", a, kNoon, kNoon, ""}).ok());
  ASSERT_TRUE(sessions().AddSession({"b-idle", b, kNoon, kNoon, ""}).ok());
  ASSERT_TRUE(sessions().AddSession({"b-old", b, kNoon - 13h, kNoon + 1h, ""}).ok());
  ASSERT_TRUE(sessions().AddSession({"b-fresh", b, kNoon, kNoon + 1h, ""}).ok());
  ASSERT_TRUE(sessions().DeleteSessionsOf(a).ok());
  EXPECT_FALSE(sessions().FindSession("a1")->has_value());
  EXPECT_FALSE(sessions().FindSession("a2")->has_value());
  auto deleted = sessions().DeleteExpiredSessions(kNoon + 30min, kNoon - 12h);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 2);
  EXPECT_TRUE(sessions().FindSession("b-fresh")->has_value());
}

TEST_P(AccountsConformanceTest, AuditEntriesAreAppendedAndListedNewestFirstWithFilters) {
  for (int i = 0; i < 5; ++i) {
    AuditEntry e;
    e.at = kNoon + std::chrono::minutes(i);
    e.actor = i % 2 ? "alice" : "bob";
    e.role = "city_admin";
    e.action = i < 3 ? "station.update" : "auth.login";
    e.object = "station:SG00" + std::to_string(i);
    e.address = "10.0.0.1";
    e.outcome = i == 4 ? AuditOutcome::kDenied : AuditOutcome::kSuccess;
    e.detail = "它's \"quoted\"";
    auto id = audit().Append(e);
    ASSERT_TRUE(id.ok()) << id.error().message;
  }
  auto all = audit().List({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 5u);
  EXPECT_GT((*all)[0].id, (*all)[1].id);
  EXPECT_EQ((*all)[0].object, "station:SG004");
  EXPECT_EQ((*all)[0].outcome, AuditOutcome::kDenied);
  EXPECT_EQ((*all)[0].detail, "它's \"quoted\"");
  EXPECT_EQ((*all)[0].at, kNoon + 4min);
  AuditQuery by_actor;
  by_actor.actor = "alice";
  auto alice = audit().List(by_actor);
  ASSERT_EQ(alice->size(), 2u);
  AuditQuery by_action;
  by_action.action_prefix = "station.";
  auto stations = audit().List(by_action);
  ASSERT_EQ(stations->size(), 3u);
  AuditQuery paged;
  paged.before_id = (*all)[1].id;
  paged.limit = 2;
  auto page = audit().List(paged);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, (*all)[2].id);
}

TEST_P(AccountsConformanceTest, TheDatabaseRefusesToChangeOrDeleteAuditRows) {
  AuditEntry e;
  e.at = kNoon;
  e.action = "station.update";
  ASSERT_TRUE(audit().Append(e).ok());
  EXPECT_NE(RawExec("UPDATE audit_log SET actor = 'mallory'"), "");
  EXPECT_NE(RawExec("DELETE FROM audit_log"), "");
  auto kept = audit().List({});
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_EQ(kept->front().actor, "");
}

TEST_P(AccountsConformanceTest, CountsTheCheckinsSinceAnInstantPerStation) {
  Station a, b;
  a.code = "A1";
  a.name = "甲站";
  b.code = "B2";
  b.name = "乙站";
  ASSERT_TRUE(store_->stations->SaveStations(std::vector<Station>{a, b}).ok());
  const auto record = [&](std::string id, std::string station, UtcTime at) {
    std::promise<Result<CheckinOutcome>> done;
    store_->checkins->RecordCheckin(
        Checkin{id, station, WorkerCategory::kCourier, "", "h-" + id, at}, 30min,
        [&](Result<CheckinOutcome> x) { done.set_value(std::move(x)); });
    ASSERT_TRUE(done.get_future().get().ok());
  };
  record("c1", "A1", kNoon - 1h);
  record("c2", "A1", kNoon);
  record("c3", "A1", kNoon + 1h);
  record("c4", "B2", kNoon + 2h);
  auto counts = store_->checkins->CheckinCountsSince(kNoon);
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->size(), 2u);
  EXPECT_EQ(counts->at("A1"), 2);
  EXPECT_EQ(counts->at("B2"), 1);
}

YZ_INSTANTIATE_STORE_TESTS(AccountsConformanceTest);

}  // namespace
}  // namespace yz
