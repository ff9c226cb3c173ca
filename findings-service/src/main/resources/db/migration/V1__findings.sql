-- Normalized findings, aligned with OCSF (class_uid 2002 vulnerability, 2003 compliance, 2004 detection).
CREATE TABLE finding (
    id           uuid         PRIMARY KEY,
    fingerprint  varchar(64)  NOT NULL UNIQUE,
    class_uid    integer      NOT NULL,
    title        text         NOT NULL,
    description  text,
    severity_id  smallint     NOT NULL CHECK (severity_id BETWEEN 0 AND 99),
    status       varchar(32)  NOT NULL,
    product      varchar(200) NOT NULL,
    rule_uid     varchar(500),
    team         varchar(100),
    first_seen   timestamptz  NOT NULL,
    last_seen    timestamptz  NOT NULL,
    occurrences  integer      NOT NULL DEFAULT 1,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);

-- keyset pagination, newest first, optionally within a team
CREATE INDEX finding_page_idx ON finding (created_at DESC, id DESC);
CREATE INDEX finding_team_page_idx ON finding (team, created_at DESC, id DESC);
