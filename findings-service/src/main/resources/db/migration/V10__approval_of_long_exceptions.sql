-- A suppression or false positive longer than the configured maximum waits, like a risk acceptance, for a second
-- person: the pending request says which status it asks for (null: risk_accepted, as every request before).
ALTER TABLE finding ADD COLUMN risk_request_status varchar(32)
    CHECK (risk_request_status IN ('risk_accepted', 'suppressed', 'false_positive'));
