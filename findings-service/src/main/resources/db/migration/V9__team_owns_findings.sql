-- A finding is one team's (or of no team): the same issue reported for two teams is two findings, never one that
-- moves between them. They share their fingerprint, which now also correlates them when no CVE does.
ALTER TABLE finding DROP CONSTRAINT finding_fingerprint_key;
CREATE UNIQUE INDEX finding_fingerprint_team_idx ON finding (fingerprint, (coalesce(team, '')));

ALTER TABLE finding DROP COLUMN correlation_key;
ALTER TABLE finding ADD COLUMN correlation_key text GENERATED ALWAYS AS (
    CASE WHEN vulnerabilities -> 0 ->> 'cve' IS NOT NULL AND resources -> 0 ->> 'uid' IS NOT NULL
         THEN upper(vulnerabilities -> 0 ->> 'cve') || '@' || (resources -> 0 ->> 'uid')
         ELSE fingerprint END) STORED;
CREATE INDEX finding_correlation_idx ON finding (correlation_key);

-- An import is for one team (or for findings of no team): who may read it follows.
ALTER TABLE import_job ADD COLUMN team varchar(100);
