// The PostgreSQL store's timed-job records (domain/jobs/job_repository.h), on a connection pool
// shared with the rest of the store. Every claim is one INSERT … ON CONFLICT … DO UPDATE … WHERE
// statement, atomic across servers (docs/decisions/0012-timed-jobs.md).
#pragma once

#include "domain/jobs/job_repository.h"
#include "storage/postgres/connection_pool.h"

namespace yz::pg {

class PostgresJobs final : public JobRepository {
 public:
  // REQUIRES: the schema of migrations/postgres/006_jobs.sql is applied; `pool` outlives this
  // object. Each call leases one connection for one short transaction.
  explicit PostgresJobs(ConnectionPool& pool) : pool_(pool) {}

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
  ConnectionPool& pool_;
};

}  // namespace yz::pg
