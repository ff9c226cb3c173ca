-- Import jobs are listed newest first, per team, by status and scope: a client whose connection was cut finds its job.
CREATE INDEX import_job_page_idx ON import_job (started_at DESC, id DESC);
CREATE INDEX import_job_team_idx ON import_job (team, started_at DESC, id DESC);
