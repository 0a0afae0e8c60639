// The conformance suite of the timed-job repositories (domain/jobs/job_repository.h) on SQLite
// and PostgreSQL, each built from a raw handle as the composition root builds them, plus the
// scheduler run by two "servers" (separate repositories and connections) on one database.
//   sqlite      always: a fresh file in a temporary directory, the sqlite migrations applied;
//   postgresql  when YIZHAN_TEST_PG_URL is set (scripts/with-postgres.sh): schema public emptied,
//               the postgres migrations applied. Skipped without it, a failure under CI=true.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "domain/jobs/job_scheduler.h"
#include "storage/migrations.h"
#include "storage/postgres/connection_pool.h"
#include "storage/postgres/migrations.h"
#include "storage/postgres/postgres_jobs.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/sqlite/sqlite_jobs.h"
#include "storage/store_fixture.h"

namespace yz {
namespace {

using namespace std::chrono_literals;

const UtcTime kT0 = UtcTime(std::chrono::milliseconds(1'782'864'000'000));  // 2026-07-01T00:00Z

// One server's view of the database: its own connection (SQLite) or pool (PostgreSQL), and the
// repository on it.
struct Server {
  std::unique_ptr<sqlite::Database> db;
  std::mutex mutex;
  std::unique_ptr<pg::ConnectionPool> pool;
  std::unique_ptr<JobRepository> jobs;
};

class JobsConformanceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      pg_url_ = testing::Env("YIZHAN_TEST_PG_URL");
      if (pg_url_.empty()) {
        if (testing::Env("CI") == "true") {
          FAIL() << "CI=true but YIZHAN_TEST_PG_URL is not set: run the tests under "
                    "scripts/with-postgres.sh";
        }
        GTEST_SKIP() << "YIZHAN_TEST_PG_URL is not set; run under scripts/with-postgres.sh "
                        "to test the PostgreSQL store";
      }
      ASSERT_NO_THROW(testing::ResetPostgres(pg_url_)) << "cannot reset " << pg_url_;
      pg::ConnectionPool pool(pg_url_, 1, {});
      auto lease = pool.Acquire();
      ASSERT_TRUE(lease.ok()) << lease.error().message;
      const auto migrations = MigrationsFor("postgres");
      auto applied = pg::ApplyMigrations(**lease, migrations);
      ASSERT_TRUE(applied.ok()) << applied.error().message;
    } else {
      std::string pattern =
          (std::filesystem::temp_directory_path() / "yizhan-jobs-test.XXXXXX").string();
      ASSERT_NE(mkdtemp(pattern.data()), nullptr);
      dir_ = pattern;
      auto db = sqlite::Database::Open(Path());
      ASSERT_TRUE(db.ok()) << db.error().message;
      for (const auto& m : MigrationsFor("sqlite")) {
        auto done = db->Exec(m.sql);
        ASSERT_TRUE(done.ok()) << m.name << ": " << done.error().message;
      }
    }
    server_ = Connect();
  }

  void TearDown() override {
    server_.reset();
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }

  std::string Path() const { return dir_ + "/yizhan.db"; }

  // A new server on the same database: its own connection or pool and repository.
  std::unique_ptr<Server> Connect() {
    auto server = std::make_unique<Server>();
    if (GetParam() == "postgresql") {
      server->pool = std::make_unique<pg::ConnectionPool>(pg_url_, 4, nullptr);
      server->jobs = std::make_unique<pg::PostgresJobs>(*server->pool);
    } else {
      auto db = sqlite::Database::Open(Path());
      EXPECT_TRUE(db.ok()) << db.error().message;
      server->db = std::make_unique<sqlite::Database>(std::move(*db));
      EXPECT_TRUE(server->db->Exec("PRAGMA busy_timeout=10000").ok());
      EXPECT_TRUE(server->db->Exec("PRAGMA journal_mode=WAL").ok());
      EXPECT_TRUE(server->db->Exec("PRAGMA synchronous=OFF").ok());
      server->jobs = std::make_unique<sqlite::SqliteJobs>(*server->db, server->mutex);
    }
    return server;
  }

  JobRepository& jobs() { return *server_->jobs; }

  JobClaim Claim(std::string_view job, std::string_view period, std::string_view holder,
                 UtcTime now, std::chrono::milliseconds lease = 10min) {
    auto r = jobs().TryStartRun(job, period, holder, now, now + lease);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? r->claim : JobClaim::kLeased;
  }

  void Finish(std::string_view job, std::string_view period, std::string_view holder, UtcTime at,
              bool ok, std::string_view detail = "", UtcTime retry_at = kT0) {
    auto r = jobs().FinishRun(job, period, holder, at, ok, detail, retry_at);
    EXPECT_TRUE(r.ok()) << r.error().message;
  }

  JobRunRecord Last(std::string_view job) {
    auto r = jobs().LastRun(job);
    EXPECT_TRUE(r.ok()) << r.error().message;
    if (!r.ok() || !r->has_value()) {
      ADD_FAILURE() << "no last run of " << job;
      return {};
    }
    return **r;
  }

  std::string dir_;
  std::string pg_url_;
  std::unique_ptr<Server> server_;
};

TEST_P(JobsConformanceTest, ClaimsAPeriodOnce) {
  auto first = jobs().TryStartRun("cleanup", "P1", "a", kT0, kT0 + 10min);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->claim, JobClaim::kClaimed);
  EXPECT_EQ(first->attempts, 1);
  EXPECT_EQ(Claim("cleanup", "P1", "b", kT0 + 1min), JobClaim::kLeased);
  EXPECT_EQ(Claim("cleanup", "P1", "a", kT0 + 1min), JobClaim::kLeased);  // even its own
  EXPECT_EQ(Claim("cleanup", "P2", "b", kT0 + 1min), JobClaim::kClaimed);
  EXPECT_EQ(Claim("reports", "P1", "b", kT0 + 1min), JobClaim::kClaimed);

  const JobRunRecord r = Last("cleanup");
  EXPECT_EQ(r.period_key, "P2");
  EXPECT_EQ(r.holder, "b");
  EXPECT_EQ(r.state, JobRunState::kRunning);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.started_at, kT0 + 1min);
  EXPECT_EQ(r.lease_until, kT0 + 11min);
  EXPECT_FALSE(r.finished_at.has_value());
}

TEST_P(JobsConformanceTest, AnExpiredLeaseLetsAnotherHolderTakeOver) {
  ASSERT_EQ(Claim("cleanup", "P1", "a", kT0), JobClaim::kClaimed);
  EXPECT_EQ(Claim("cleanup", "P1", "b", kT0 + 10min - 1ms), JobClaim::kLeased);
  auto taken = jobs().TryStartRun("cleanup", "P1", "b", kT0 + 10min, kT0 + 20min);
  ASSERT_TRUE(taken.ok()) << taken.error().message;
  EXPECT_EQ(taken->claim, JobClaim::kClaimed);
  EXPECT_EQ(taken->attempts, 2);

  // The first holder comes back from its long run: its lease is lost, the record unchanged.
  auto late = jobs().FinishRun("cleanup", "P1", "a", kT0 + 12min, true, "", kT0);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Last("cleanup").state, JobRunState::kRunning);

  Finish("cleanup", "P1", "b", kT0 + 13min, true, "删除 12 条");
  const JobRunRecord r = Last("cleanup");
  EXPECT_EQ(r.holder, "b");
  EXPECT_EQ(r.state, JobRunState::kSucceeded);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.finished_at, kT0 + 13min);
  EXPECT_EQ(r.detail, "删除 12 条");
}

TEST_P(JobsConformanceTest, AHolderMayFinishAfterItsLeaseWhenNobodyTookOver) {
  ASSERT_EQ(Claim("cleanup", "P1", "a", kT0), JobClaim::kClaimed);
  Finish("cleanup", "P1", "a", kT0 + 30min, true);
  EXPECT_EQ(Last("cleanup").state, JobRunState::kSucceeded);
}

TEST_P(JobsConformanceTest, AFinishedPeriodIsNeverClaimedAgain) {
  ASSERT_EQ(Claim("cleanup", "P1", "a", kT0), JobClaim::kClaimed);
  Finish("cleanup", "P1", "a", kT0 + 1min, true);
  EXPECT_EQ(Claim("cleanup", "P1", "a", kT0 + 2min), JobClaim::kDone);
  EXPECT_EQ(Claim("cleanup", "P1", "b", kT0 + 24h * 365), JobClaim::kDone);

  auto again = jobs().FinishRun("cleanup", "P1", "a", kT0 + 3min, false, "", kT0 + 4min);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Last("cleanup").state, JobRunState::kSucceeded);

  auto unknown = jobs().FinishRun("cleanup", "P9", "a", kT0, true, "", kT0);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_P(JobsConformanceTest, AFailedRunIsRetriedFromItsRetryTime) {
  ASSERT_EQ(Claim("reminders", "P1", "a", kT0), JobClaim::kClaimed);
  Finish("reminders", "P1", "a", kT0 + 1min, false, "短信网关超时", kT0 + 6min);
  JobRunRecord r = Last("reminders");
  EXPECT_EQ(r.state, JobRunState::kFailed);
  EXPECT_EQ(r.finished_at, kT0 + 1min);
  EXPECT_EQ(r.lease_until, kT0 + 6min);
  EXPECT_EQ(r.detail, "短信网关超时");

  EXPECT_EQ(Claim("reminders", "P1", "b", kT0 + 6min - 1ms), JobClaim::kBackingOff);
  auto retry = jobs().TryStartRun("reminders", "P1", "b", kT0 + 6min, kT0 + 16min);
  ASSERT_TRUE(retry.ok()) << retry.error().message;
  EXPECT_EQ(retry->claim, JobClaim::kClaimed);
  EXPECT_EQ(retry->attempts, 2);
  r = Last("reminders");
  EXPECT_EQ(r.state, JobRunState::kRunning);
  EXPECT_FALSE(r.finished_at.has_value());
  Finish("reminders", "P1", "b", kT0 + 7min, true);
  EXPECT_EQ(Claim("reminders", "P1", "a", kT0 + 1h), JobClaim::kDone);
}

TEST_P(JobsConformanceTest, TheLastRunsSurviveReopening) {
  ASSERT_EQ(Claim("cleanup", "2026-07-01T00:00:00Z", "a", kT0), JobClaim::kClaimed);
  Finish("cleanup", "2026-07-01T00:00:00Z", "a", kT0 + 1min, true, "ok");
  ASSERT_EQ(Claim("cleanup", "2026-07-01T00:05:00Z", "a", kT0 + 5min), JobClaim::kClaimed);
  Finish("cleanup", "2026-07-01T00:05:00Z", "a", kT0 + 6min, false, "磁盘满", kT0 + 7min);
  ASSERT_EQ(Claim("monthly_report", "2026-06-30T18:00:00Z", "a", kT0), JobClaim::kClaimed);
  const JobRunRecord before = Last("cleanup");

  server_.reset();
  server_ = Connect();

  EXPECT_EQ(Last("cleanup"), before);
  auto success = jobs().LastSuccess("cleanup");
  ASSERT_TRUE(success.ok()) << success.error().message;
  ASSERT_TRUE(success->has_value());
  EXPECT_EQ((*success)->period_key, "2026-07-01T00:00:00Z");
  EXPECT_EQ((*success)->finished_at, kT0 + 1min);
  auto none = jobs().LastRun("never_ran");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  auto all = jobs().ListLastRuns();
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0], before);
  EXPECT_EQ((*all)[1].job, "monthly_report");
  EXPECT_EQ((*all)[1].state, JobRunState::kRunning);
  // The done period stays done for the new connection.
  EXPECT_EQ(Claim("cleanup", "2026-07-01T00:00:00Z", "b", kT0 + 1h), JobClaim::kDone);
}

TEST_P(JobsConformanceTest, PruningKeepsEachJobsLatestSuccessAndRunningRuns) {
  for (int i = 0; i < 3; ++i) {
    const std::string period = "P" + std::to_string(i);
    ASSERT_EQ(Claim("cleanup", period, "a", kT0 + i * 1h), JobClaim::kClaimed);
    Finish("cleanup", period, "a", kT0 + i * 1h + 1min, i != 1, "", kT0 + i * 1h + 2min);
  }
  ASSERT_EQ(Claim("cleanup", "P3", "a", kT0 + 3h), JobClaim::kClaimed);  // still running
  ASSERT_EQ(Claim("reports", "P0", "a", kT0), JobClaim::kClaimed);
  Finish("reports", "P0", "a", kT0 + 1min, true);

  auto deleted = jobs().DeleteFinishedBefore(kT0 + 10h);
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_EQ(*deleted, 2);  // cleanup P0 (a later success exists) and P1 (failed)
  EXPECT_EQ(Last("cleanup").period_key, "P3");
  auto success = jobs().LastSuccess("cleanup");
  ASSERT_TRUE(success.ok() && success->has_value());
  EXPECT_EQ((*success)->period_key, "P2");
  EXPECT_EQ(Last("reports").period_key, "P0");
  EXPECT_EQ(Claim("cleanup", "P2", "b", kT0 + 11h), JobClaim::kDone);
}

// Two servers, each with its own repository and connection(s) and three threads calling
// RunDue as fast as they can, while the shared clock moves through the periods: every period of
// every job runs exactly once, never twice at the same time, and a failed first attempt is
// retried into exactly one success.
TEST_P(JobsConformanceTest, TwoServersRunEachPeriodExactlyOnce) {
  constexpr int kPeriods = 20;
  FakeClock clock(kT0 + 30s);
  std::unique_ptr<Server> other = Connect();

  std::mutex mutex;
  std::map<UtcTime, int> tick_calls;   // per period start
  std::map<UtcTime, int> flaky_calls;  // per period start
  std::map<UtcTime, int> flaky_successes;
  std::atomic<int> in_flight{0};
  std::atomic<int> overlaps{0};
  auto enter = [&] {
    if (in_flight.fetch_add(1) != 0) ++overlaps;
  };
  auto tick = [&](UtcTime start) -> Result<void> {
    std::lock_guard lock(mutex);
    ++tick_calls[start];
    return Ok();
  };
  // Fails the first attempt of each period; a period lasts 2 clock steps, so there is time for
  // the retry (1 minute later).
  auto flaky = [&](UtcTime start) -> Result<void> {
    enter();
    std::this_thread::sleep_for(1ms);  // widen the window for a double run
    in_flight.fetch_sub(1);
    std::lock_guard lock(mutex);
    if (++flaky_calls[start] == 1) return Error::Unavailable("first attempt fails");
    ++flaky_successes[start];
    return Ok();
  };

  auto make = [&](JobRepository& repository, std::string holder) {
    JobSchedulerOptions options;
    options.holder = std::move(holder);
    options.retry_backoff = 1min;
    auto s = std::make_unique<JobScheduler>(repository, clock, options);
    EXPECT_TRUE(s->Register({"flaky", "重试任务", JobSchedule::Every(2min), flaky}).ok());
    EXPECT_TRUE(s->Register({"tick", "每分钟任务", JobSchedule::Every(1min), tick}).ok());
    return s;
  };
  auto a = make(jobs(), "server-a");
  auto b = make(*other->jobs, "server-b");

  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    JobScheduler& s = i % 2 == 0 ? *a : *b;
    threads.emplace_back([&] {
      while (!stop) s.RunDue(clock.Now());
    });
  }
  // The flaky job's attempts recorded by both servers, and whether one is still in progress.
  auto flaky_failures = [&](bool& running) {
    uint64_t failures = 0;
    running = false;
    for (const auto* s : {a.get(), b.get()}) {
      for (const auto& c : s->Snapshot()) {
        if (c.name != "flaky") continue;
        failures += c.failures;
        running = running || c.running;
      }
    }
    return failures;
  };
  // Moves the clock a minute on once this minute's tick ran and the flaky job's attempt of this
  // minute is recorded (on the first minute of its period the failure, so that its retry time
  // falls on the next minute; on the second, the success), or after 10 s: the checks below then
  // fail.
  for (int minute = 0; minute < kPeriods; ++minute) {
    const UtcTime now = clock.Now();
    const UtcTime flaky_start = JobSchedule::Every(2min).PeriodStart(now);
    const bool retry_minute = now - flaky_start >= 1min;
    auto settled = [&] {
      bool running = false;
      const uint64_t failures = flaky_failures(running);
      std::lock_guard lock(mutex);
      const bool ticked = tick_calls.count(JobSchedule::Every(1min).PeriodStart(now)) > 0;
      const bool flaky_done = retry_minute
                                  ? flaky_successes.count(flaky_start) > 0
                                  : failures == static_cast<uint64_t>(minute / 2 + 1) && !running;
      return ticked && flaky_done;
    };
    for (int wait = 0; wait < 10'000 && !settled(); ++wait) std::this_thread::sleep_for(1ms);
    if (minute + 1 < kPeriods) clock.Advance(1min);  // the threads stop in the last period
  }
  stop = true;
  for (auto& t : threads) t.join();

  EXPECT_EQ(tick_calls.size(), static_cast<std::size_t>(kPeriods));
  for (const auto& [start, n] : tick_calls) EXPECT_EQ(n, 1) << "tick " << PeriodKey(start);
  EXPECT_EQ(flaky_calls.size(), static_cast<std::size_t>(kPeriods / 2));
  for (const auto& [start, n] : flaky_calls) EXPECT_EQ(n, 2) << "flaky " << PeriodKey(start);
  for (const auto& [start, n] : flaky_successes) EXPECT_EQ(n, 1) << "flaky " << PeriodKey(start);
  EXPECT_EQ(flaky_successes.size(), static_cast<std::size_t>(kPeriods / 2));
  EXPECT_EQ(overlaps.load(), 0);

  uint64_t runs = 0, skipped = 0;
  for (const auto* s : {a.get(), b.get()}) {
    for (const auto& c : s->Snapshot()) {
      runs += c.runs;
      skipped += c.skipped_leased;
      EXPECT_EQ(c.store_errors, 0u) << c.name;
      EXPECT_EQ(c.lost_leases, 0u) << c.name;
    }
  }
  EXPECT_EQ(runs, static_cast<uint64_t>(kPeriods + kPeriods));  // tick 20, flaky 10 × 2
  a.reset();
  b.reset();
  std::cout << "[ info ] " << GetParam() << ": " << runs << " runs, " << skipped
            << " ticks found another server's lease\n";
}

INSTANTIATE_TEST_SUITE_P(Stores, JobsConformanceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace yz
