-- The scope's open findings by severity on the snapshot's day: the trend of open findings beside the posture's.
ALTER TABLE posture_snapshot ADD COLUMN open_findings jsonb NOT NULL DEFAULT '{}';
