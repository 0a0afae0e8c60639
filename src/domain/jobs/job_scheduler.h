// Timed jobs (data retention, service-level timers, expiry alerts, reminders, monthly reports):
// each registered job runs at most once per period of its schedule across every server that
// shares the JobRepository's database, and is retried within the period when it fails.
//
// How: RunDue(now) computes each job's current period from `now` (so every server names the
// same period), claims it through JobRepository::TryStartRun with a lease of
// `options.lease` and, when claimed, calls the job with the period's start and records the end
// with FinishRun. A failed attempt may be retried from `retry_backoff` × 2^(attempts − 1) (at
// most `max_retry_backoff`) later, by any server. A period that succeeded, here or elsewhere, is
// remembered in memory so later ticks of the same period cost no database round trip.
//
// Thread-safety: Register before Start or the first RunDue; after that every method is
// thread-safe. Concurrent RunDue calls (the background thread and a test, or several threads)
// never run one job twice at once in this process; distinct jobs run one after the other in the
// calling thread. A job's function runs without any scheduler lock held.
//
// Errors: a job returns Result<void>; an exception escaping it is a bug, counted and recorded
// as a failure with its what(). Store errors are counted and retried at the next tick. A lost
// lease (FinishRun → kConflict: the run outlived its lease and another server took the period
// over) is counted; the other server's run is the one recorded.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/periodic_task.h"
#include "core/result.h"
#include "domain/jobs/job_repository.h"
#include "domain/jobs/job_schedule.h"

namespace yz {

struct JobSchedulerOptions {
  // Names this process in the job records; unique per running process and stable for its life
  // (e.g. "host:pid:random"). REQUIRES: non-empty.
  std::string holder;
  // How long a claim holds before another server may take the period over. Must exceed the
  // longest run of any job (see the header comment).
  std::chrono::milliseconds lease = std::chrono::minutes(15);
  // The wait before the first retry of a failed period; doubled after each further failure.
  std::chrono::milliseconds retry_backoff = std::chrono::minutes(1);
  // The longest wait between retries.
  std::chrono::milliseconds max_retry_backoff = std::chrono::minutes(30);
  // How often the background thread (Start) calls RunDue.
  std::chrono::milliseconds tick = std::chrono::seconds(30);
  // Longest `detail` stored per run (bytes, cut on a UTF-8 boundary).
  std::size_t max_detail = 1000;
};

struct JobDefinition {
  std::string name;   // [a-z0-9_]+, unique: the key in the store and in metric names
  std::string label;  // for people, in Chinese: "过期会话清理"
  JobSchedule schedule;
  // Does the period's work. `period_start` is the start of the period being run (not now): a
  // daily report for the day that begins there, a retention cut-off computed from it.
  std::function<Result<void>(UtcTime period_start)> run;
};

// Counters of one job since this process started, plus what the store remembers.
struct JobCounters {
  std::string name;
  std::string label;
  std::string schedule;                    // JobSchedule::Describe()
  uint64_t runs = 0;                       // attempts started here (claims won)
  uint64_t successes = 0;                  // attempts here that succeeded
  uint64_t failures = 0;                   // attempts here that failed (their FinishRun included)
  uint64_t skipped_leased = 0;             // ticks that found another holder's live lease
  uint64_t lost_leases = 0;                // runs here whose FinishRun found the period taken over
  uint64_t store_errors = 0;               // repository calls that failed
  bool running = false;                    // a run is in progress in this process
  std::optional<UtcTime> last_success_at;  // the latest success by any server, once known
  std::optional<UtcTime> last_failure_at;  // the latest failure here
  std::optional<std::string> last_error;   // its detail
};

class JobScheduler {
 public:
  // `repository` and `clock` must outlive the scheduler. The clock gives the instants of
  // FinishRun and of the background thread's ticks; RunDue takes `now` explicitly.
  JobScheduler(JobRepository& repository, const Clock& clock, JobSchedulerOptions options);
  // Stops the background thread, letting a run in progress finish.
  ~JobScheduler();
  JobScheduler(const JobScheduler&) = delete;
  JobScheduler& operator=(const JobScheduler&) = delete;

  // Adds a job. A bad name, a duplicate name or an empty function → kInvalidArgument.
  // REQUIRES: not started and RunDue not yet called.
  Result<void> Register(JobDefinition job);

  // Runs every job whose current period (at `now`) is not yet done and can be claimed; returns
  // how many job functions it called. Never fails: problems are counted (Snapshot).
  int RunDue(UtcTime now);

  // Starts the background thread calling RunDue(clock.Now()) every options.tick.
  // REQUIRES: not started.
  void Start();
  // Stops the background thread (idempotent); the destructor does it too.
  void Stop();

  // The counters of every job, in registration order. The first RunDue fills last_success_at
  // from the store, so it survives restarts.
  std::vector<JobCounters> Snapshot() const;

  const JobSchedulerOptions& options() const { return options_; }

 private:
  struct Job {
    JobDefinition definition;
    JobCounters counters;
    std::optional<UtcTime> done_period;  // a period known to have succeeded
    bool history_loaded = false;
    bool busy = false;  // a thread of this process is claiming or running it
  };

  void RunOne(Job& job, UtcTime now, int& ran);
  std::chrono::milliseconds Backoff(int attempts) const;

  JobRepository& repository_;
  const Clock& clock_;
  const JobSchedulerOptions options_;
  mutable std::mutex mutex_;                // guards each Job's mutable fields
  std::vector<std::unique_ptr<Job>> jobs_;  // the set is fixed once running
  bool sealed_ = false;                     // guarded by mutex_: Register refused from here on
  std::unique_ptr<PeriodicTask> ticker_;
};

}  // namespace yz
