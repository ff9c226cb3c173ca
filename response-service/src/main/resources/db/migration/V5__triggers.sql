-- Trigger rules: a filter over a team's finding events that opens an incident and/or starts a playbook run,
-- once per finding (the incident's and run's trigger_key is the rule and the finding).
CREATE TABLE trigger_rule (
    id            uuid          PRIMARY KEY,
    team          varchar(100)  NOT NULL,
    name          text          NOT NULL,
    enabled       boolean       NOT NULL DEFAULT true,
    filter        jsonb         NOT NULL,
    open_incident boolean       NOT NULL,
    playbook_id   uuid          REFERENCES playbook (id),
    inputs        jsonb         NOT NULL DEFAULT '{}',
    created_by    varchar(512)  NOT NULL,
    created_at    timestamptz   NOT NULL,
    updated_at    timestamptz   NOT NULL
);

CREATE INDEX trigger_rule_team_idx ON trigger_rule (team) WHERE enabled;
