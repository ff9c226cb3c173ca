-- A team's subscription: matching finding events of that team are copied to pillar.team.<team>.findings.
CREATE TABLE subscription (
    id           uuid         PRIMARY KEY,
    team         varchar(63)  NOT NULL,
    severity_ids smallint[]   NOT NULL DEFAULT '{}',
    statuses     text[]       NOT NULL DEFAULT '{}',
    products     text[]       NOT NULL DEFAULT '{}',
    controls     text[]       NOT NULL DEFAULT '{}',
    created_by   varchar(200) NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX subscription_team_idx ON subscription (team);

-- deleting or looking up a finding's imports must not scan every import's links
CREATE INDEX import_finding_finding_idx ON import_finding (finding_id);
