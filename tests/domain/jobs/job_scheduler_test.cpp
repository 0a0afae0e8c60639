// The scheduler against an in-memory repository and a fake clock: periods, once-per-period runs,
// retries, several schedulers ("servers") on one repository, counters.
#include "domain/jobs/job_scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>
#include <vector>

#include "domain/jobs/fake_job_repository.h"

namespace yz {
namespace {

using namespace std::chrono_literals;
using testing::FakeJobRepository;

UtcTime At(std::string_view rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.has_value()) << rfc3339;
  return t.value_or(UtcTime{});
}

JobSchedulerOptions Options(std::string holder) {
  JobSchedulerOptions options;
  options.holder = std::move(holder);
  options.lease = 10min;
  options.retry_backoff = 1min;
  options.max_retry_backoff = 4min;
  return options;
}

// A job that records the period starts it was called with and answers with `outcome`.
struct Recorder {
  std::mutex mutex;
  std::vector<UtcTime> calls;
  std::function<Result<void>(UtcTime)> outcome = [](UtcTime) { return Ok(); };

  std::function<Result<void>(UtcTime)> Fn() {
    return [this](UtcTime period_start) {
      {
        std::lock_guard lock(mutex);
        calls.push_back(period_start);
      }
      return outcome(period_start);
    };
  }
  std::size_t count() {
    std::lock_guard lock(mutex);
    return calls.size();
  }
};

JobCounters CountersOf(const JobScheduler& scheduler, std::string_view name) {
  for (const auto& c : scheduler.Snapshot()) {
    if (c.name == name) return c;
  }
  ADD_FAILURE() << "no job " << name;
  return {};
}

class JobSchedulerTest : public ::testing::Test {
 protected:
  void Add(JobScheduler& scheduler, std::string name, JobSchedule schedule, Recorder& recorder) {
    auto added = scheduler.Register({std::move(name), "测试任务", schedule, recorder.Fn()});
    ASSERT_TRUE(added.ok()) << added.error().message;
  }

  FakeJobRepository repository_;
  FakeClock clock_{At("2026-07-01T00:01:00Z")};
};

TEST(JobScheduleTest, EveryAlignsPeriodsOnTheEpoch) {
  const auto every5 = JobSchedule::Every(5min);
  EXPECT_EQ(every5.PeriodStart(At("2026-07-01T00:07:59.999Z")), At("2026-07-01T00:05:00Z"));
  EXPECT_EQ(every5.PeriodStart(At("2026-07-01T00:10:00Z")), At("2026-07-01T00:10:00Z"));
  EXPECT_EQ(every5.NextPeriodStart(At("2026-07-01T00:07:00Z")), At("2026-07-01T00:10:00Z"));
  EXPECT_EQ(every5.Describe(), "每 5 分钟");
  EXPECT_THROW(JobSchedule::Every(10ms), std::invalid_argument);
}

TEST(JobScheduleTest, DailyAtIsStationTimeInShanghai) {
  const auto daily = JobSchedule::DailyAt(8, 30, TimeZone::Shanghai());
  // 08:29:59 in Shanghai is still yesterday's period, which began at 08:30 yesterday (00:30 UTC).
  EXPECT_EQ(daily.PeriodStart(At("2026-07-01T08:29:59+08:00")), At("2026-06-30T08:30:00+08:00"));
  EXPECT_EQ(daily.PeriodStart(At("2026-07-01T08:30:00+08:00")), At("2026-07-01T00:30:00Z"));
  // Across the UTC date line: 02:00 in Shanghai is 18:00 UTC the day before.
  EXPECT_EQ(daily.PeriodStart(At("2026-07-02T02:00:00+08:00")), At("2026-07-01T00:30:00Z"));
  EXPECT_EQ(daily.NextPeriodStart(At("2026-07-01T09:00:00+08:00")), At("2026-07-02T00:30:00Z"));
  EXPECT_EQ(PeriodKey(daily.PeriodStart(At("2026-07-01T12:00:00+08:00"))), "2026-07-01T00:30:00Z");
  EXPECT_EQ(daily.Describe(), "每天 08:30 (Asia/Shanghai)");
  EXPECT_THROW(JobSchedule::DailyAt(24, 0, TimeZone::Shanghai()), std::invalid_argument);
}

TEST(JobScheduleTest, DailyAtFollowsTheZoneOffset) {
  const auto urumqi = JobSchedule::DailyAt(2, 0, *TimeZone::FromName("Asia/Urumqi"));
  EXPECT_EQ(urumqi.PeriodStart(At("2026-07-01T01:59:00+06:00")), At("2026-06-29T20:00:00Z"));
  EXPECT_EQ(urumqi.PeriodStart(At("2026-07-01T02:00:00+06:00")), At("2026-06-30T20:00:00Z"));
}

TEST(JobScheduleTest, MonthlyAtStartsOnTheLocalDayOfTheMonth) {
  const auto monthly = JobSchedule::MonthlyAt(1, 2, 0, TimeZone::Shanghai());
  EXPECT_EQ(monthly.PeriodStart(At("2026-03-01T01:59:00+08:00")), At("2026-02-01T02:00:00+08:00"));
  EXPECT_EQ(monthly.PeriodStart(At("2026-03-01T02:00:00+08:00")), At("2026-03-01T02:00:00+08:00"));
  EXPECT_EQ(monthly.PeriodStart(At("2026-01-15T00:00:00+08:00")), At("2026-01-01T02:00:00+08:00"));
  EXPECT_EQ(monthly.NextPeriodStart(At("2026-12-20T00:00:00+08:00")),
            At("2027-01-01T02:00:00+08:00"));
  EXPECT_EQ(PeriodKey(monthly.PeriodStart(At("2026-03-05T00:00:00Z"))), "2026-02-28T18:00:00Z");
  EXPECT_THROW(JobSchedule::MonthlyAt(29, 0, 0, TimeZone::Shanghai()), std::invalid_argument);
}

TEST_F(JobSchedulerTest, RunsOncePerPeriod) {
  JobScheduler scheduler(repository_, clock_, Options("a"));
  Recorder job;
  Add(scheduler, "cleanup", JobSchedule::Every(5min), job);

  EXPECT_EQ(scheduler.RunDue(clock_.Now()), 1);
  for (int i = 0; i < 4; ++i) {
    clock_.Advance(1min);  // 00:02 … 00:05
    scheduler.RunDue(clock_.Now());
  }
  clock_.Advance(4min);  // 00:09
  EXPECT_EQ(scheduler.RunDue(clock_.Now()), 0);
  clock_.Advance(1min);  // 00:10
  scheduler.RunDue(clock_.Now());

  ASSERT_EQ(job.count(), 3u);
  EXPECT_EQ(job.calls[0], At("2026-07-01T00:00:00Z"));
  EXPECT_EQ(job.calls[1], At("2026-07-01T00:05:00Z"));
  EXPECT_EQ(job.calls[2], At("2026-07-01T00:10:00Z"));
  auto last = repository_.LastRun("cleanup");
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->period_key, "2026-07-01T00:10:00Z");
  EXPECT_EQ((*last)->state, JobRunState::kSucceeded);
}

TEST_F(JobSchedulerTest, RetriesAFailedRunInTheSamePeriodAfterABackoff) {
  JobScheduler scheduler(repository_, clock_, Options("a"));
  Recorder job;
  int failures_left = 2;
  job.outcome = [&](UtcTime) -> Result<void> {
    if (failures_left-- > 0) return Error::Unavailable("短信网关不可用");
    return Ok();
  };
  Add(scheduler, "reminders", JobSchedule::DailyAt(8, 0, TimeZone::Shanghai()), job);

  scheduler.RunDue(clock_.Now());  // fails
  EXPECT_EQ(job.count(), 1u);
  clock_.Advance(59s);
  scheduler.RunDue(clock_.Now());  // within the 1-minute backoff
  EXPECT_EQ(job.count(), 1u);
  clock_.Advance(1s);
  scheduler.RunDue(clock_.Now());  // fails again: the next wait is 2 minutes
  EXPECT_EQ(job.count(), 2u);
  clock_.Advance(119s);
  scheduler.RunDue(clock_.Now());
  EXPECT_EQ(job.count(), 2u);
  clock_.Advance(1s);
  scheduler.RunDue(clock_.Now());  // succeeds
  clock_.Advance(10min);
  scheduler.RunDue(clock_.Now());  // done for the day

  ASSERT_EQ(job.count(), 3u);
  EXPECT_EQ(job.calls[0], job.calls[2]);  // the same period each time
  const auto c = CountersOf(scheduler, "reminders");
  EXPECT_EQ(c.runs, 3u);
  EXPECT_EQ(c.failures, 2u);
  EXPECT_EQ(c.successes, 1u);
  EXPECT_EQ(c.last_error, "短信网关不可用");
  auto last = repository_.LastRun("reminders");
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->attempts, 3);
}

TEST_F(JobSchedulerTest, BackoffStopsGrowingAtTheMaximum) {
  JobScheduler scheduler(repository_, clock_, Options("a"));  // 1, 2, 4, 4 … minutes
  Recorder job;
  job.outcome = [](UtcTime) -> Result<void> { return Error::Internal("always"); };
  Add(scheduler, "flaky", JobSchedule::DailyAt(8, 0, TimeZone::Shanghai()), job);
  // One tick a minute for 15 minutes: attempts at 0, 1, 3, 7, 11, 15.
  for (int minute = 0; minute <= 15; ++minute) {
    scheduler.RunDue(clock_.Now());
    clock_.Advance(1min);
  }
  EXPECT_EQ(job.count(), 6u);
}

TEST_F(JobSchedulerTest, ASecondSchedulerOnTheSameRepositoryNeverRunsAPeriodAgain) {
  JobScheduler a(repository_, clock_, Options("server-a"));
  JobScheduler b(repository_, clock_, Options("server-b"));
  Recorder job;
  Add(a, "expiry_alerts", JobSchedule::Every(5min), job);
  Add(b, "expiry_alerts", JobSchedule::Every(5min), job);

  for (int minute = 0; minute < 30; ++minute) {
    a.RunDue(clock_.Now());
    b.RunDue(clock_.Now());
    clock_.Advance(1min);
  }
  // Ticks at 00:01 … 00:30: periods 00:00, 00:05 … 00:30.
  EXPECT_EQ(job.count(), 7u);
  EXPECT_EQ(CountersOf(a, "expiry_alerts").runs + CountersOf(b, "expiry_alerts").runs, 7u);
}

TEST_F(JobSchedulerTest, ASchedulerFindsTheOtherHoldingTheLeaseWhileItRuns) {
  JobScheduler a(repository_, clock_, Options("server-a"));
  JobScheduler b(repository_, clock_, Options("server-b"));
  Recorder in_b;
  int b_ran_during_a = -1;
  Recorder in_a;
  bool a_running_inside = false;
  in_a.outcome = [&](UtcTime) {
    a_running_inside = CountersOf(a, "monthly_report").running;
    b_ran_during_a = b.RunDue(clock_.Now());  // "meanwhile, on the other server"
    return Ok();
  };
  Add(a, "monthly_report", JobSchedule::MonthlyAt(1, 2, 0, TimeZone::Shanghai()), in_a);
  Add(b, "monthly_report", JobSchedule::MonthlyAt(1, 2, 0, TimeZone::Shanghai()), in_b);

  EXPECT_EQ(a.RunDue(clock_.Now()), 1);
  EXPECT_EQ(b_ran_during_a, 0);
  EXPECT_TRUE(a_running_inside);
  EXPECT_FALSE(CountersOf(a, "monthly_report").running);
  EXPECT_FALSE(CountersOf(b, "monthly_report").running);
  EXPECT_EQ(CountersOf(b, "monthly_report").skipped_leased, 1u);
  EXPECT_EQ(b.RunDue(clock_.Now()), 0);  // now done
  EXPECT_EQ(in_b.count(), 0u);
  EXPECT_EQ(CountersOf(b, "monthly_report").skipped_leased, 1u);
}

TEST_F(JobSchedulerTest, ACrashedHoldersLeaseExpiresAndAnotherServerTakesOver) {
  const UtcTime now = clock_.Now();
  const std::string key = PeriodKey(JobSchedule::Every(1h).PeriodStart(now));
  // A server claimed the period and died without finishing it.
  auto claimed = repository_.TryStartRun("retention", key, "crashed", now, now + 10min);
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->claim, JobClaim::kClaimed);

  JobScheduler b(repository_, clock_, Options("server-b"));
  Recorder job;
  Add(b, "retention", JobSchedule::Every(1h), job);
  b.RunDue(clock_.Now());
  EXPECT_EQ(job.count(), 0u);
  clock_.Advance(10min);
  b.RunDue(clock_.Now());
  EXPECT_EQ(job.count(), 1u);
  auto last = repository_.LastRun("retention");
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->holder, "server-b");
  EXPECT_EQ((*last)->attempts, 2);
  EXPECT_EQ((*last)->state, JobRunState::kSucceeded);
}

TEST_F(JobSchedulerTest, ARunThatOutlivesItsLeaseIsCountedAsLost) {
  JobScheduler a(repository_, clock_, Options("server-a"));
  JobScheduler b(repository_, clock_, Options("server-b"));
  Recorder in_b;
  Recorder in_a;
  in_a.outcome = [&](UtcTime) {
    clock_.Advance(11min);  // longer than the 10-minute lease
    b.RunDue(clock_.Now());
    return Ok();
  };
  Add(a, "sla_timers", JobSchedule::DailyAt(0, 0, TimeZone::Shanghai()), in_a);
  Add(b, "sla_timers", JobSchedule::DailyAt(0, 0, TimeZone::Shanghai()), in_b);

  a.RunDue(clock_.Now());
  EXPECT_EQ(in_b.count(), 1u);  // the documented cost of a too-short lease
  EXPECT_EQ(CountersOf(a, "sla_timers").lost_leases, 1u);
  auto last = repository_.LastRun("sla_timers");
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->holder, "server-b");
  EXPECT_EQ((*last)->state, JobRunState::kSucceeded);
}

TEST_F(JobSchedulerTest, ARestartedSchedulerRemembersTheLastSuccessAndSkipsTheDonePeriod) {
  Recorder job;
  {
    JobScheduler before(repository_, clock_, Options("server-a"));
    Add(before, "cleanup", JobSchedule::Every(5min), job);
    before.RunDue(clock_.Now());
  }
  const UtcTime finished = clock_.Now();
  clock_.Advance(1min);
  JobScheduler after(repository_, clock_, Options("server-a-restarted"));
  Add(after, "cleanup", JobSchedule::Every(5min), job);
  EXPECT_EQ(after.RunDue(clock_.Now()), 0);
  EXPECT_EQ(job.count(), 1u);
  EXPECT_EQ(CountersOf(after, "cleanup").last_success_at, finished);
  EXPECT_EQ(CountersOf(after, "cleanup").runs, 0u);
}

TEST_F(JobSchedulerTest, CountsStoreErrorsAndExceptionsAndKeepsGoing) {
  JobScheduler scheduler(repository_, clock_, Options("a"));
  Recorder job;
  bool throw_once = true;
  job.outcome = [&](UtcTime) -> Result<void> {
    if (throw_once) {
      throw_once = false;
      throw std::runtime_error("bug");
    }
    return Ok();
  };
  Add(scheduler, "cleanup", JobSchedule::Every(5min), job);

  repository_.FailNext(2);  // the history read and the claim
  EXPECT_EQ(scheduler.RunDue(clock_.Now()), 0);
  auto c = CountersOf(scheduler, "cleanup");
  EXPECT_EQ(c.store_errors, 2u);
  EXPECT_FALSE(c.last_success_at.has_value());

  EXPECT_EQ(scheduler.RunDue(clock_.Now()), 1);  // throws: a failure
  c = CountersOf(scheduler, "cleanup");
  EXPECT_EQ(c.failures, 1u);
  EXPECT_EQ(c.last_error, "job threw: bug");
  EXPECT_EQ(c.last_failure_at, clock_.Now());

  clock_.Advance(1min);
  EXPECT_EQ(scheduler.RunDue(clock_.Now()), 1);
  c = CountersOf(scheduler, "cleanup");
  EXPECT_EQ(c.runs, 2u);
  EXPECT_EQ(c.successes, 1u);
  EXPECT_EQ(c.last_success_at, clock_.Now());
  EXPECT_FALSE(c.running);
  EXPECT_EQ(c.label, "测试任务");
  EXPECT_EQ(c.schedule, "每 5 分钟");
}

TEST_F(JobSchedulerTest, RefusesBadRegistrations) {
  JobScheduler scheduler(repository_, clock_, Options("a"));
  Recorder job;
  const auto every = JobSchedule::Every(5min);
  EXPECT_FALSE(scheduler.Register({"Bad-Name", "x", every, job.Fn()}).ok());
  EXPECT_FALSE(scheduler.Register({"no_function", "x", every, nullptr}).ok());
  EXPECT_TRUE(scheduler.Register({"ok", "x", every, job.Fn()}).ok());
  EXPECT_FALSE(scheduler.Register({"ok", "x", every, job.Fn()}).ok());
  scheduler.RunDue(clock_.Now());
  auto late = scheduler.Register({"late", "x", every, job.Fn()});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(JobSchedulerTest, ManyThreadsOfTwoSchedulersRunEachPeriodOnce) {
  JobScheduler a(repository_, clock_, Options("server-a"));
  JobScheduler b(repository_, clock_, Options("server-b"));
  std::mutex mutex;
  std::map<UtcTime, int> calls;
  auto count = [&](UtcTime period_start) -> Result<void> {
    std::lock_guard lock(mutex);
    ++calls[period_start];
    return Ok();
  };
  ASSERT_TRUE(a.Register({"tick", "x", JobSchedule::Every(1min), count}).ok());
  ASSERT_TRUE(b.Register({"tick", "x", JobSchedule::Every(1min), count}).ok());

  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    JobScheduler& s = i % 2 == 0 ? a : b;
    threads.emplace_back([&] {
      while (!stop) s.RunDue(clock_.Now());
    });
  }
  for (int period = 0; period < 50; ++period) {
    // Let each period be seen by the threads before moving on.
    for (int spin = 0; spin < 20'000; ++spin) {
      {
        std::lock_guard lock(mutex);
        if (calls.size() > static_cast<std::size_t>(period)) break;
      }
      std::this_thread::sleep_for(50us);
    }
    if (period + 1 < 50) clock_.Advance(1min);  // the threads stop in the last period
  }
  stop = true;
  for (auto& t : threads) t.join();
  for (const auto& [start, n] : calls) EXPECT_EQ(n, 1) << PeriodKey(start);
  EXPECT_EQ(calls.size(), 50u);
}

TEST_F(JobSchedulerTest, TheBackgroundThreadRunsDueJobs) {
  auto options = Options("a");
  options.tick = 5ms;
  JobScheduler scheduler(repository_, clock_, options);
  Recorder job;
  Add(scheduler, "cleanup", JobSchedule::Every(5min), job);
  scheduler.Start();
  for (int i = 0; i < 2000 && job.count() == 0; ++i) std::this_thread::sleep_for(1ms);
  scheduler.Stop();
  EXPECT_EQ(job.count(), 1u);
  scheduler.Stop();  // idempotent
}

}  // namespace
}  // namespace yz
