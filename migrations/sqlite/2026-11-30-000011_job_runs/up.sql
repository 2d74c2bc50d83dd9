-- Background jobs, one row per named job: the record of its runs, and a lease so that among
-- several instances one runs a job at a time (a crashed instance's lease runs out).
CREATE TABLE job_runs (
  name TEXT PRIMARY KEY NOT NULL,
  running_until TIMESTAMP,
  last_started_at TIMESTAMP,
  last_finished_at TIMESTAMP,
  last_outcome TEXT NOT NULL DEFAULT '',
  last_failed BOOLEAN NOT NULL DEFAULT 0,
  runs BIGINT NOT NULL DEFAULT 0
);
