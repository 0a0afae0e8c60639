-- Timed jobs: one row per (job, period) saying who runs it, until when the lease holds, and how
-- it ended (docs/decisions/0012-timed-jobs.md, domain/jobs/job_repository.h). Instants are
-- milliseconds since the Unix epoch (UTC). `state` is running, succeeded or failed; while failed,
-- lease_until_ms is the earliest retry.
CREATE TABLE job_runs (
  job TEXT NOT NULL,
  period_key TEXT NOT NULL,
  holder TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 1,
  started_at_ms BIGINT NOT NULL,
  lease_until_ms BIGINT NOT NULL,
  finished_at_ms BIGINT,
  detail TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job, period_key)
);
CREATE INDEX job_runs_by_start ON job_runs(job, started_at_ms);
CREATE INDEX job_runs_by_finish ON job_runs(job, state, finished_at_ms);
