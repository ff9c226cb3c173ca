-- A running import is marked alive by its instance (platform RunningJobs): one whose instance died is closed as failed
-- instead of saying running forever.
ALTER TABLE import_job ADD COLUMN heartbeat_at timestamptz;
ALTER TABLE import_job ADD COLUMN instance text;
CREATE INDEX import_job_running_idx ON import_job (heartbeat_at) WHERE status = 'running';
