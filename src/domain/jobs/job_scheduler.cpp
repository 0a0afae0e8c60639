#include "domain/jobs/job_scheduler.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

namespace yz {
namespace {

bool IsValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Cuts `text` to at most `max` bytes without splitting a UTF-8 sequence.
std::string Truncate(std::string text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

}  // namespace

JobScheduler::JobScheduler(JobRepository& repository, const Clock& clock,
                           JobSchedulerOptions options)
    : repository_(repository), clock_(clock), options_(std::move(options)) {}

JobScheduler::~JobScheduler() { Stop(); }

Result<void> JobScheduler::Register(JobDefinition job) {
  std::lock_guard lock(mutex_);
  if (sealed_) return Error::InvalidArgument("jobs must be registered before the scheduler runs");
  if (!IsValidName(job.name)) {
    return Error::InvalidArgument(fmt::format("job name '{}' is not [a-z0-9_]{{1,64}}", job.name));
  }
  if (!job.run) return Error::InvalidArgument(fmt::format("job '{}' has no function", job.name));
  for (const auto& existing : jobs_) {
    if (existing->definition.name == job.name) {
      return Error::InvalidArgument(fmt::format("job '{}' is registered twice", job.name));
    }
  }
  auto entry = std::make_unique<Job>(Job{std::move(job), {}, std::nullopt, false, false});
  entry->counters.name = entry->definition.name;
  entry->counters.label = entry->definition.label;
  entry->counters.schedule = entry->definition.schedule.Describe();
  jobs_.push_back(std::move(entry));
  return Ok();
}

int JobScheduler::RunDue(UtcTime now) {
  {
    std::lock_guard lock(mutex_);
    sealed_ = true;
  }
  int ran = 0;
  for (const auto& job : jobs_) RunOne(*job, now, ran);
  return ran;
}

void JobScheduler::RunOne(Job& job, UtcTime now, int& ran) {
  const JobDefinition& def = job.definition;
  const UtcTime period_start = def.schedule.PeriodStart(now);
  bool load_history = false;
  {
    std::lock_guard lock(mutex_);
    if (job.busy) return;
    if (job.done_period && *job.done_period == period_start) return;
    job.busy = true;  // keeps other threads of this process off the job
    load_history = !job.history_loaded;
  }
  // Clears `busy` and `running` however this function returns.
  struct Release {
    JobScheduler* scheduler;
    Job* job;
    ~Release() {
      std::lock_guard lock(scheduler->mutex_);
      job->busy = false;
      job->counters.running = false;
    }
  } release{this, &job};

  if (load_history) {
    auto last = repository_.LastSuccess(def.name);
    std::lock_guard lock(mutex_);
    if (!last.ok()) {
      ++job.counters.store_errors;
    } else {
      job.history_loaded = true;
      if (*last && (*last)->finished_at &&
          (!job.counters.last_success_at ||
           *job.counters.last_success_at < *(*last)->finished_at)) {
        job.counters.last_success_at = (*last)->finished_at;
      }
    }
  }

  const std::string key = PeriodKey(period_start);
  auto claim = repository_.TryStartRun(def.name, key, options_.holder, now, now + options_.lease);
  if (!claim.ok()) {
    std::lock_guard lock(mutex_);
    ++job.counters.store_errors;
    return;
  }
  switch (claim->claim) {
    case JobClaim::kDone: {
      std::lock_guard lock(mutex_);
      job.done_period = period_start;
      return;
    }
    case JobClaim::kLeased: {
      std::lock_guard lock(mutex_);
      ++job.counters.skipped_leased;
      return;
    }
    case JobClaim::kBackingOff:
      return;
    case JobClaim::kClaimed:
      break;
  }

  {
    std::lock_guard lock(mutex_);
    ++job.counters.runs;
    job.counters.running = true;
  }
  ++ran;
  Result<void> outcome = Ok();
  try {
    outcome = def.run(period_start);
  } catch (const std::exception& e) {
    outcome = Error::Internal(fmt::format("job threw: {}", e.what()));
  } catch (...) {
    outcome = Error::Internal("job threw a non-standard exception");
  }

  const UtcTime finished = clock_.Now();
  const bool ok = outcome.ok();
  const std::string detail =
      ok ? std::string() : Truncate(outcome.error().message, options_.max_detail);
  const UtcTime retry_at = finished + Backoff(claim->attempts);
  auto recorded =
      repository_.FinishRun(def.name, key, options_.holder, finished, ok, detail, retry_at);

  std::lock_guard lock(mutex_);
  if (ok) {
    ++job.counters.successes;
    job.counters.last_success_at = finished;
  } else {
    ++job.counters.failures;
    job.counters.last_failure_at = finished;
    job.counters.last_error = detail;
  }
  if (!recorded.ok()) {
    if (recorded.error().code == ErrorCode::kConflict) {
      ++job.counters.lost_leases;
    } else {
      ++job.counters.store_errors;
    }
    // Unrecorded: the next tick asks the store again (it may still hold our lease, or not).
    return;
  }
  if (ok) job.done_period = period_start;
}

std::chrono::milliseconds JobScheduler::Backoff(int attempts) const {
  std::chrono::milliseconds wait = options_.retry_backoff;
  for (int i = 1; i < attempts && wait < options_.max_retry_backoff; ++i) wait *= 2;
  return std::min(wait, options_.max_retry_backoff);
}

void JobScheduler::Start() {
  {
    std::lock_guard lock(mutex_);
    sealed_ = true;
  }
  ticker_ = std::make_unique<PeriodicTask>(options_.tick, [this] { RunDue(clock_.Now()); });
}

void JobScheduler::Stop() { ticker_.reset(); }

std::vector<JobCounters> JobScheduler::Snapshot() const {
  std::lock_guard lock(mutex_);
  std::vector<JobCounters> out;
  out.reserve(jobs_.size());
  for (const auto& job : jobs_) out.push_back(job->counters);
  return out;
}

}  // namespace yz
