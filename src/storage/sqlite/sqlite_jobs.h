// The embedded store's timed-job records (domain/jobs/job_repository.h), on a connection and lock
// shared with the rest of the store: construct it from the store's Database and mutex.
#pragma once

#include <mutex>
#include <optional>
#include <utility>

#include "domain/jobs/job_repository.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

class SqliteJobs final : public JobRepository {
 public:
  // REQUIRES: the schema of migrations/sqlite/006_jobs.sql is applied; `db` and `mutex` outlive
  // this object, and every user of `db` takes `mutex`.
  SqliteJobs(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  Result<JobClaimResult> TryStartRun(std::string_view job, std::string_view period_key,
                                     std::string_view holder, UtcTime now,
                                     UtcTime lease_until) override;
  Result<void> FinishRun(std::string_view job, std::string_view period_key, std::string_view holder,
                         UtcTime at, bool ok, std::string_view detail, UtcTime retry_at) override;
  Result<std::optional<JobRunRecord>> LastRun(std::string_view job) override;
  Result<std::optional<JobRunRecord>> LastSuccess(std::string_view job) override;
  Result<std::vector<JobRunRecord>> ListLastRuns() override;
  Result<int64_t> DeleteFinishedBefore(UtcTime cutoff) override;

 private:
  // REQUIRES: mutex_ held. The row's state, and what a claim at `now` would find (kClaimed:
  // claimable).
  Result<std::optional<std::pair<JobRunState, JobClaimResult>>> ReadClaim(
      std::string_view job, std::string_view period_key, UtcTime now);
  // REQUIRES: mutex_ held.
  Result<std::optional<JobRunRecord>> FindOne(std::string_view sql, std::string_view job);

  Database& db_;
  std::mutex& mutex_;
};

}  // namespace yz::sqlite
