#include "storage/postgres/postgres_jobs.h"

#include <fmt/format.h>

namespace yz::pg {
namespace {

int64_t Millis(UtcTime t) { return t.time_since_epoch().count(); }
UtcTime FromMillis(int64_t ms) { return UtcTime(std::chrono::milliseconds(ms)); }

#define YZ_JOB_COLUMNS                                                                        \
  "job, period_key, holder, state, attempts, started_at_ms, lease_until_ms, finished_at_ms, " \
  "detail"

JobRunRecord ReadRun(const pqxx::row& r) {
  JobRunRecord out;
  out.job = r[0].as<std::string>();
  out.period_key = r[1].as<std::string>();
  out.holder = r[2].as<std::string>();
  out.state = ParseJobRunState(r[3].as<std::string>()).value_or(JobRunState::kFailed);
  out.attempts = r[4].as<int>();
  out.started_at = FromMillis(r[5].as<int64_t>());
  out.lease_until = FromMillis(r[6].as<int64_t>());
  if (!r[7].is_null()) out.finished_at = FromMillis(r[7].as<int64_t>());
  out.detail = r[8].as<std::string>();
  return out;
}

Result<std::optional<JobRunRecord>> FindOne(ConnectionPool& pool, std::string_view what,
                                            const char* sql, std::string_view job) {
  return pool.Run<std::optional<JobRunRecord>>(
      what, [&](pqxx::connection& c) -> Result<std::optional<JobRunRecord>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params(sql, std::string(job));
        if (r.empty()) return std::optional<JobRunRecord>{};
        return std::optional<JobRunRecord>{ReadRun(r[0])};
      });
}

}  // namespace

Result<JobClaimResult> PostgresJobs::TryStartRun(std::string_view job, std::string_view period_key,
                                                 std::string_view holder, UtcTime now,
                                                 UtcTime lease_until) {
  return pool_.Run<
      JobClaimResult>("claim job run", [&](pqxx::connection& c) -> Result<JobClaimResult> {
    pqxx::work txn(c);
    // Under READ COMMITTED a conflicting row is locked and the WHERE re-checked on its latest
    // version, so of concurrent claims (from any server) at most one updates it.
    const pqxx::result claimed = txn.exec_params(
        "INSERT INTO job_runs (job, period_key, holder, state, attempts, started_at_ms,"
        " lease_until_ms, finished_at_ms, detail) VALUES ($1, $2, $3, 'running', 1, $4, $5, NULL, "
        "'')"
        " ON CONFLICT (job, period_key) DO UPDATE SET holder = EXCLUDED.holder, state = 'running',"
        " attempts = job_runs.attempts + 1, started_at_ms = EXCLUDED.started_at_ms,"
        " lease_until_ms = EXCLUDED.lease_until_ms, finished_at_ms = NULL"
        " WHERE job_runs.state <> 'succeeded' AND job_runs.lease_until_ms <= EXCLUDED.started_at_ms"
        " RETURNING attempts",
        std::string(job), std::string(period_key), std::string(holder), Millis(now),
        Millis(lease_until));
    JobClaimResult result;
    if (!claimed.empty()) {
      result.claim = JobClaim::kClaimed;
      result.attempts = claimed[0][0].as<int>();
      txn.commit();
      return result;
    }
    // Not claimed: the row exists and this transaction's row lock from the upsert still holds it.
    const pqxx::result seen =
        txn.exec_params("SELECT state, attempts FROM job_runs WHERE job = $1 AND period_key = $2",
                        std::string(job), std::string(period_key));
    if (seen.empty()) return Error::Internal("job run vanished while being claimed");
    const auto state =
        ParseJobRunState(seen[0][0].as<std::string>()).value_or(JobRunState::kFailed);
    result.attempts = seen[0][1].as<int>();
    result.claim = state == JobRunState::kSucceeded ? JobClaim::kDone
                   : state == JobRunState::kFailed  ? JobClaim::kBackingOff
                                                    : JobClaim::kLeased;
    txn.commit();
    return result;
  });
}

Result<void> PostgresJobs::FinishRun(std::string_view job, std::string_view period_key,
                                     std::string_view holder, UtcTime at, bool ok,
                                     std::string_view detail, UtcTime retry_at) {
  return pool_.Run<void>("finish job run", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "UPDATE job_runs SET state = $1, finished_at_ms = $2, detail = $3,"
        " lease_until_ms = CASE WHEN $4 THEN lease_until_ms ELSE $5 END"
        " WHERE job = $6 AND period_key = $7 AND holder = $8 AND state = 'running'",
        std::string(JobRunStateCode(ok ? JobRunState::kSucceeded : JobRunState::kFailed)),
        Millis(at), std::string(detail), ok, Millis(retry_at), std::string(job),
        std::string(period_key), std::string(holder));
    if (r.affected_rows() == 0) {
      const pqxx::result seen =
          txn.exec_params("SELECT holder, state FROM job_runs WHERE job = $1 AND period_key = $2",
                          std::string(job), std::string(period_key));
      if (seen.empty())
        return Error::NotFound(fmt::format("no run of job {} for {}", job, period_key));
      return Error::Conflict(fmt::format("lease lost: job {} for {} is {} by {}", job, period_key,
                                         seen[0][1].as<std::string>(),
                                         seen[0][0].as<std::string>()));
    }
    txn.commit();
    return Ok();
  });
}

Result<std::optional<JobRunRecord>> PostgresJobs::LastRun(std::string_view job) {
  return FindOne(pool_, "read last job run",
                 "SELECT " YZ_JOB_COLUMNS
                 " FROM job_runs WHERE job = $1"
                 " ORDER BY started_at_ms DESC, period_key DESC LIMIT 1",
                 job);
}

Result<std::optional<JobRunRecord>> PostgresJobs::LastSuccess(std::string_view job) {
  return FindOne(pool_, "read last job success",
                 "SELECT " YZ_JOB_COLUMNS
                 " FROM job_runs WHERE job = $1 AND state = 'succeeded'"
                 " ORDER BY finished_at_ms DESC, period_key DESC LIMIT 1",
                 job);
}

Result<std::vector<JobRunRecord>> PostgresJobs::ListLastRuns() {
  return pool_.Run<std::vector<JobRunRecord>>(
      "list job runs", [&](pqxx::connection& c) -> Result<std::vector<JobRunRecord>> {
        pqxx::read_transaction txn(c);
        std::vector<JobRunRecord> out;
        // DISTINCT ON is plain PostgreSQL (Citus and YugabyteDB run it).
        for (const auto& row : txn.exec("SELECT DISTINCT ON (job) " YZ_JOB_COLUMNS " FROM job_runs"
                                        " ORDER BY job, started_at_ms DESC, period_key DESC")) {
          out.push_back(ReadRun(row));
        }
        return out;
      });
}

Result<int64_t> PostgresJobs::DeleteFinishedBefore(UtcTime cutoff) {
  return pool_.Run<int64_t>("prune job runs", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    // A success is kept while it is its job's latest (LastSuccess must survive pruning).
    const pqxx::result r = txn.exec_params(
        "DELETE FROM job_runs WHERE state <> 'running' AND finished_at_ms < $1 AND (state <>"
        " 'succeeded' OR EXISTS (SELECT 1 FROM job_runs later WHERE later.job = job_runs.job AND"
        " later.state = 'succeeded' AND (later.finished_at_ms > job_runs.finished_at_ms OR"
        " (later.finished_at_ms = job_runs.finished_at_ms AND later.period_key >"
        " job_runs.period_key))))",
        Millis(cutoff));
    txn.commit();
    return static_cast<int64_t>(r.affected_rows());
  });
}

}  // namespace yz::pg
