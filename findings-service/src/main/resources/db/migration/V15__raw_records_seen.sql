-- The records of pillar.findings.raw already imported, by digest of their key, value and headers: a record delivered
-- again (a redelivery after a crash, a producer's retry, a replay of the topic) is recognised and changes nothing.
CREATE TABLE raw_record_seen (
    digest   bytea        PRIMARY KEY,
    seen_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX raw_record_seen_at_idx ON raw_record_seen (seen_at);
