-- A rule that suppresses for longer than the configured maximum, or marks false positives for longer (or for ever),
-- applies only once a second person approved it.
ALTER TABLE suppression_rule
    ADD COLUMN awaiting_approval boolean      NOT NULL DEFAULT false,
    ADD COLUMN approved_by       varchar(200),
    ADD COLUMN approved_at       timestamptz;
