-- Suppression and risk acceptance expire; a risk acceptance is requested by one person and approved by another.
ALTER TABLE finding
    ADD COLUMN status_expires_at       timestamptz,
    ADD COLUMN risk_requested_by       varchar(200),
    ADD COLUMN risk_requested_at       timestamptz,
    ADD COLUMN risk_request_reason     text,
    ADD COLUMN risk_request_expires_at timestamptz,
    -- cross-tool correlation: the same vulnerability on the same resource, whichever tool reported it
    ADD COLUMN correlation_key         text GENERATED ALWAYS AS (
        CASE WHEN vulnerabilities -> 0 ->> 'cve' IS NOT NULL AND resources -> 0 ->> 'uid' IS NOT NULL
             THEN upper(vulnerabilities -> 0 ->> 'cve') || '@' || (resources -> 0 ->> 'uid') END) STORED;
CREATE INDEX finding_expiry_idx ON finding (status_expires_at) WHERE status_expires_at IS NOT NULL;
CREATE INDEX finding_correlation_idx ON finding (correlation_key) WHERE correlation_key IS NOT NULL;

-- Suppression rules: findings matching the criteria get the rule's status (on ingest and when the rule is created).
CREATE TABLE suppression_rule (
    id          uuid         PRIMARY KEY,
    name        varchar(200) NOT NULL,
    criteria    jsonb        NOT NULL,
    status      varchar(32)  NOT NULL CHECK (status IN ('suppressed', 'false_positive')),
    reason      text         NOT NULL,
    expires_at  timestamptz,
    created_by  varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL,
    enabled     boolean      NOT NULL DEFAULT true
);
