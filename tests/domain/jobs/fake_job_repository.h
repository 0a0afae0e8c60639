// An in-memory JobRepository with the rules of domain/jobs/job_repository.h, thread-safe, for the
// scheduler's tests. `fail_next` makes the next calls fail as an unreachable store would.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <utility>

#include "domain/jobs/job_repository.h"

namespace yz::testing {

class FakeJobRepository final : public JobRepository {
 public:
  Result<JobClaimResult> TryStartRun(std::string_view job, std::string_view period_key,
                                     std::string_view holder, UtcTime now,
                                     UtcTime lease_until) override {
    std::lock_guard lock(mutex_);
    if (fail_next_ > 0) return Fail();
    auto [it, inserted] = runs_.try_emplace({std::string(job), std::string(period_key)});
    JobRunRecord& r = it->second;
    if (!inserted) {
      if (r.state == JobRunState::kSucceeded) return JobClaimResult{JobClaim::kDone, r.attempts};
      if (r.lease_until > now) {
        return JobClaimResult{
            r.state == JobRunState::kFailed ? JobClaim::kBackingOff : JobClaim::kLeased,
            r.attempts};
      }
    }
    r.job = job;
    r.period_key = period_key;
    r.holder = holder;
    r.state = JobRunState::kRunning;
    r.attempts += 1;
    r.started_at = now;
    r.lease_until = lease_until;
    r.finished_at.reset();
    return JobClaimResult{JobClaim::kClaimed, r.attempts};
  }

  Result<void> FinishRun(std::string_view job, std::string_view period_key, std::string_view holder,
                         UtcTime at, bool ok, std::string_view detail, UtcTime retry_at) override {
    std::lock_guard lock(mutex_);
    if (fail_next_ > 0) return Fail();
    auto it = runs_.find({std::string(job), std::string(period_key)});
    if (it == runs_.end()) return Error::NotFound("no run");
    JobRunRecord& r = it->second;
    if (r.holder != holder || r.state != JobRunState::kRunning)
      return Error::Conflict("lease lost");
    r.state = ok ? JobRunState::kSucceeded : JobRunState::kFailed;
    r.finished_at = at;
    r.detail = detail;
    if (!ok) r.lease_until = retry_at;
    return Ok();
  }

  Result<std::optional<JobRunRecord>> LastRun(std::string_view job) override {
    std::lock_guard lock(mutex_);
    if (fail_next_ > 0) return Fail();
    std::optional<JobRunRecord> best;
    for (const auto& [key, r] : runs_) {
      if (key.first == job && (!best || r.started_at >= best->started_at)) best = r;
    }
    return best;
  }

  Result<std::optional<JobRunRecord>> LastSuccess(std::string_view job) override {
    std::lock_guard lock(mutex_);
    if (fail_next_ > 0) return Fail();
    std::optional<JobRunRecord> best;
    for (const auto& [key, r] : runs_) {
      if (key.first == job && r.state == JobRunState::kSucceeded &&
          (!best || *r.finished_at >= *best->finished_at)) {
        best = r;
      }
    }
    return best;
  }

  Result<std::vector<JobRunRecord>> ListLastRuns() override {
    std::map<std::string, JobRunRecord> last;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [key, r] : runs_) {
        auto it = last.find(key.first);
        if (it == last.end() || r.started_at >= it->second.started_at) last[key.first] = r;
      }
    }
    std::vector<JobRunRecord> out;
    for (auto& [job, r] : last) out.push_back(std::move(r));
    return out;
  }

  Result<int64_t> DeleteFinishedBefore(UtcTime) override { return int64_t{0}; }

  // The next `n` calls fail with kUnavailable.
  void FailNext(int n) {
    std::lock_guard lock(mutex_);
    fail_next_ = n;
  }

 private:
  Error Fail() {
    --fail_next_;
    return Error::Unavailable("store unreachable (fake)");
  }

  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, JobRunRecord> runs_;
  int fail_next_ = 0;
};

}  // namespace yz::testing
