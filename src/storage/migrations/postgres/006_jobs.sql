-- Timed jobs: the table and meaning of sqlite/006_jobs.sql. The primary key starts with `job`,
-- the natural distribution column should the table ever be distributed (Citus, YugabyteDB);
-- claims are one INSERT … ON CONFLICT … DO UPDATE … WHERE, no advisory locks.
CREATE TABLE job_runs (
  job TEXT COLLATE "C" NOT NULL,
  period_key TEXT COLLATE "C" NOT NULL,
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
