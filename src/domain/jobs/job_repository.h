// Durable bookkeeping of timed jobs: one row per (job, period) that says who runs it, until when
// their lease holds, and how it ended. It is what makes a job run once per period across every
// server sharing one database, and remember its runs across restarts.
//
// The rules, the same on every store (docs/decisions/0012-timed-jobs.md):
//   - A (job, period) is claimed by TryStartRun when no run of it has succeeded and no lease on it
//     is live (lease_until > now). Claiming is atomic with respect to every other caller, in this
//     process or another server: of two concurrent claims at most one is kClaimed.
//   - A holder that crashes simply stops; once its lease expires the next claim takes the period
//     over (attempts + 1). A lease must therefore outlast the longest run: a run still going when
//     its lease expires may be started a second time elsewhere, and its own FinishRun is then
//     refused (kConflict, "lease lost"), so the record always names the run that counts.
//   - A run that failed keeps the period open: FinishRun(ok = false) sets lease_until to
//     `retry_at`, so no server retries before then (the backoff is shared by all servers).
//   - A run that succeeded closes the period for good: it is never claimed again.
// Instants come from the caller (the scheduler's clock), so servers' clocks should agree to well
// within a lease; periods are keys chosen by the caller (the scheduler uses the period's start
// in UTC, e.g. "2026-07-01T00:30:00Z"), compared only for equality.
//
// Thread-safe: every method may be called from any thread. Errors of the store → kUnavailable
// (database unreachable; the caller retries at its next tick) or kInternal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_time.h"
#include "core/result.h"

namespace yz {

enum class JobRunState {
  kRunning,    // claimed; finished_at empty
  kSucceeded,  // the period is done
  kFailed,     // the period stays open for a retry from lease_until (the retry time) on
};

// "running", "succeeded", "failed": the stored codes.
std::string_view JobRunStateCode(JobRunState state);
std::optional<JobRunState> ParseJobRunState(std::string_view code);

struct JobRunRecord {
  std::string job;
  std::string period_key;
  std::string holder;  // who claimed it last
  JobRunState state = JobRunState::kRunning;
  int attempts = 0;    // claims of this period so far (1 for the first)
  UtcTime started_at;  // of the last claim
  UtcTime
      lease_until;  // kRunning: the lease's end; kFailed: the earliest retry; kSucceeded: unused
  std::optional<UtcTime> finished_at;  // of the last attempt, unless kRunning
  std::string detail;                  // the last attempt's message ("" when it said nothing)

  friend bool operator==(const JobRunRecord&, const JobRunRecord&) = default;
};

// What TryStartRun found.
enum class JobClaim {
  kClaimed,     // the caller now holds the period until lease_until and must run it
  kDone,        // a run of this period succeeded: nothing to do until the next period
  kLeased,      // another claim's lease is live (also a claim of the same holder)
  kBackingOff,  // the last attempt failed and its retry time has not come
};

struct JobClaimResult {
  JobClaim claim = JobClaim::kLeased;
  int attempts =
      0;  // the period's attempts including this claim when kClaimed; as stored otherwise
};

class JobRepository {
 public:
  virtual ~JobRepository() = default;

  // Claims (job, period_key) for `holder` until `lease_until` when no run of it succeeded and
  // its lease or retry time is not after `now`: kClaimed, the row now says kRunning, holder,
  // started_at = now. Otherwise changes nothing and says why.
  // REQUIRES: job, period_key and holder non-empty; lease_until > now.
  virtual Result<JobClaimResult> TryStartRun(std::string_view job, std::string_view period_key,
                                             std::string_view holder, UtcTime now,
                                             UtcTime lease_until) = 0;

  // Records the end of `holder`'s run of (job, period_key) at `at`: kSucceeded when ok, else
  // kFailed with lease_until = retry_at (ignored when ok). Only the current holder of a kRunning
  // row may finish it, even after its lease expired as long as nobody took over; otherwise (the
  // lease was lost to another holder, or the run was already finished) → kConflict and nothing
  // changes; no such row → kNotFound.
  virtual Result<void> FinishRun(std::string_view job, std::string_view period_key,
                                 std::string_view holder, UtcTime at, bool ok,
                                 std::string_view detail, UtcTime retry_at) = 0;

  // The most recently started run of `job` (any state), if any.
  virtual Result<std::optional<JobRunRecord>> LastRun(std::string_view job) = 0;
  // The most recently finished successful run of `job`, if any.
  virtual Result<std::optional<JobRunRecord>> LastSuccess(std::string_view job) = 0;
  // The most recently started run of every job that ever ran, ordered by job name.
  virtual Result<std::vector<JobRunRecord>> ListLastRuns() = 0;

  // Deletes the finished runs that finished before `cutoff`, except each job's latest success
  // (so LastSuccess survives). Returns how many were deleted. Running rows are kept whatever
  // their age. The caller keeps `cutoff` well before the start of any period still in use.
  virtual Result<int64_t> DeleteFinishedBefore(UtcTime cutoff) = 0;
};

}  // namespace yz
