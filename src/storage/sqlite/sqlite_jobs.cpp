#include "storage/sqlite/sqlite_jobs.h"

#include <fmt/format.h>

namespace yz::sqlite {
namespace {

int64_t Millis(UtcTime t) { return t.time_since_epoch().count(); }
UtcTime FromMillis(int64_t ms) { return UtcTime(std::chrono::milliseconds(ms)); }

constexpr std::string_view kColumns =
    "job, period_key, holder, state, attempts, started_at_ms, lease_until_ms, finished_at_ms, "
    "detail";

JobRunRecord ReadRun(const Statement& s) {
  JobRunRecord r;
  r.job = s.Text(0);
  r.period_key = s.Text(1);
  r.holder = s.Text(2);
  r.state = ParseJobRunState(s.Text(3)).value_or(JobRunState::kFailed);
  r.attempts = static_cast<int>(s.Int(4));
  r.started_at = FromMillis(s.Int(5));
  r.lease_until = FromMillis(s.Int(6));
  if (!s.IsNull(7)) r.finished_at = FromMillis(s.Int(7));
  r.detail = s.Text(8);
  return r;
}

}  // namespace

// Reads the period's row: nullopt when there is none.
Result<std::optional<std::pair<JobRunState, JobClaimResult>>> SqliteJobs::ReadClaim(
    std::string_view job, std::string_view period_key, UtcTime now) {
  auto read = db_.Prepare(
      "SELECT state, attempts, lease_until_ms FROM job_runs WHERE job = ? AND period_key = ?");
  if (!read) return read.error();
  read->Bind(1, job);
  read->Bind(2, period_key);
  auto row = read->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::pair<JobRunState, JobClaimResult>>{};
  const auto state = ParseJobRunState(read->Text(0)).value_or(JobRunState::kFailed);
  JobClaimResult result;
  result.attempts = static_cast<int>(read->Int(1));
  if (state == JobRunState::kSucceeded) {
    result.claim = JobClaim::kDone;
  } else if (FromMillis(read->Int(2)) > now) {
    result.claim = state == JobRunState::kFailed ? JobClaim::kBackingOff : JobClaim::kLeased;
  } else {
    result.claim = JobClaim::kClaimed;  // claimable
  }
  return std::optional<std::pair<JobRunState, JobClaimResult>>{{state, result}};
}

Result<JobClaimResult> SqliteJobs::TryStartRun(std::string_view job, std::string_view period_key,
                                               std::string_view holder, UtcTime now,
                                               UtcTime lease_until) {
  std::lock_guard lock(mutex_);
  // Most calls find the period done or held: answer those from a read, which in WAL mode takes
  // no lock, so that polling servers (processes) never queue for the write lock.
  auto seen = ReadClaim(job, period_key, now);
  if (!seen) return seen.error();
  if (*seen && (*seen)->second.claim != JobClaim::kClaimed) return (*seen)->second;

  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  // The same upsert as on PostgreSQL: its WHERE re-checks under the write lock (BEGIN
  // IMMEDIATE), so of two processes that both read "claimable" one claims.
  auto claim = db_.Prepare(
      "INSERT INTO job_runs (job, period_key, holder, state, attempts, started_at_ms, "
      "lease_until_ms, finished_at_ms, detail) VALUES (?, ?, ?, 'running', 1, ?, ?, NULL, '') "
      "ON CONFLICT (job, period_key) DO UPDATE SET holder = excluded.holder, state = 'running', "
      "attempts = job_runs.attempts + 1, started_at_ms = excluded.started_at_ms, "
      "lease_until_ms = excluded.lease_until_ms, finished_at_ms = NULL "
      "WHERE job_runs.state <> 'succeeded' AND job_runs.lease_until_ms <= excluded.started_at_ms");
  if (!claim) return claim.error();
  claim->Bind(1, job);
  claim->Bind(2, period_key);
  claim->Bind(3, holder);
  claim->Bind(4, Millis(now));
  claim->Bind(5, Millis(lease_until));
  YZ_TRY(claim->Run());
  const bool claimed = sqlite3_changes(db_.handle()) > 0;
  auto after = ReadClaim(job, period_key, now);
  if (!after) return after.error();
  if (!*after) return Error::Internal("job run vanished while being claimed");
  JobClaimResult result = (*after)->second;
  if (claimed) {
    result.claim = JobClaim::kClaimed;
  } else if (result.claim == JobClaim::kClaimed) {
    result.claim = JobClaim::kLeased;  // cannot happen under the write lock; never claim twice
  }
  YZ_TRY(tx->Commit());
  return result;
}

Result<void> SqliteJobs::FinishRun(std::string_view job, std::string_view period_key,
                                   std::string_view holder, UtcTime at, bool ok,
                                   std::string_view detail, UtcTime retry_at) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  auto update = db_.Prepare(
      "UPDATE job_runs SET state = ?, finished_at_ms = ?, detail = ?, "
      "lease_until_ms = CASE WHEN ? THEN lease_until_ms ELSE ? END "
      "WHERE job = ? AND period_key = ? AND holder = ? AND state = 'running'");
  if (!update) return update.error();
  update->Bind(1, JobRunStateCode(ok ? JobRunState::kSucceeded : JobRunState::kFailed));
  update->Bind(2, Millis(at));
  update->Bind(3, detail);
  update->Bind(4, int64_t{ok ? 1 : 0});
  update->Bind(5, Millis(retry_at));
  update->Bind(6, job);
  update->Bind(7, period_key);
  update->Bind(8, holder);
  YZ_TRY(update->Run());
  if (sqlite3_changes(db_.handle()) == 0) {
    auto found = db_.Prepare("SELECT holder, state FROM job_runs WHERE job = ? AND period_key = ?");
    if (!found) return found.error();
    found->Bind(1, job);
    found->Bind(2, period_key);
    auto row = found->Step();
    if (!row) return row.error();
    if (!*row) return Error::NotFound(fmt::format("no run of job {} for {}", job, period_key));
    return Error::Conflict(fmt::format("lease lost: job {} for {} is {} by {}", job, period_key,
                                       found->Text(1), found->Text(0)));
  }
  return tx->Commit();
}

Result<std::optional<JobRunRecord>> SqliteJobs::FindOne(std::string_view sql,
                                                        std::string_view job) {
  auto stmt = db_.Prepare(sql);
  if (!stmt) return stmt.error();
  stmt->Bind(1, job);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<JobRunRecord>{};
  return std::optional<JobRunRecord>{ReadRun(*stmt)};
}

Result<std::optional<JobRunRecord>> SqliteJobs::LastRun(std::string_view job) {
  std::lock_guard lock(mutex_);
  return FindOne(fmt::format("SELECT {} FROM job_runs WHERE job = ? "
                             "ORDER BY started_at_ms DESC, period_key DESC LIMIT 1",
                             kColumns),
                 job);
}

Result<std::optional<JobRunRecord>> SqliteJobs::LastSuccess(std::string_view job) {
  std::lock_guard lock(mutex_);
  return FindOne(fmt::format("SELECT {} FROM job_runs WHERE job = ? AND state = 'succeeded' "
                             "ORDER BY finished_at_ms DESC, period_key DESC LIMIT 1",
                             kColumns),
                 job);
}

Result<std::vector<JobRunRecord>> SqliteJobs::ListLastRuns() {
  std::lock_guard lock(mutex_);
  // Per job, the row no other row of the job started after (ties: the greater period).
  auto stmt = db_.Prepare(fmt::format(
      "SELECT {} FROM job_runs r WHERE NOT EXISTS (SELECT 1 FROM job_runs n WHERE n.job = r.job "
      "AND (n.started_at_ms > r.started_at_ms OR (n.started_at_ms = r.started_at_ms "
      "AND n.period_key > r.period_key))) ORDER BY job",
      kColumns));
  if (!stmt) return stmt.error();
  std::vector<JobRunRecord> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(ReadRun(*stmt));
  }
  return out;
}

Result<int64_t> SqliteJobs::DeleteFinishedBefore(UtcTime cutoff) {
  std::lock_guard lock(mutex_);
  // A success is kept while it is its job's latest (LastSuccess must survive pruning).
  auto stmt = db_.Prepare(
      "DELETE FROM job_runs WHERE state <> 'running' AND finished_at_ms < ? AND (state <> "
      "'succeeded' OR EXISTS (SELECT 1 FROM job_runs later WHERE later.job = job_runs.job AND "
      "later.state = 'succeeded' AND (later.finished_at_ms > job_runs.finished_at_ms OR "
      "(later.finished_at_ms = job_runs.finished_at_ms AND later.period_key > "
      "job_runs.period_key))))");
  if (!stmt) return stmt.error();
  stmt->Bind(1, Millis(cutoff));
  YZ_TRY(stmt->Run());
  return static_cast<int64_t>(sqlite3_changes(db_.handle()));
}

}  // namespace yz::sqlite
