-- Incidents in full: what they are about, who works them, how they ended, and every event on their timeline.
ALTER TABLE incident ADD COLUMN description text;
ALTER TABLE incident ADD COLUMN created_by varchar(512);
ALTER TABLE incident ADD COLUMN assignees text[] NOT NULL DEFAULT '{}';
ALTER TABLE incident ADD COLUMN eradicated_at timestamptz;
ALTER TABLE incident ADD COLUMN recovered_at timestamptz;
ALTER TABLE incident ADD COLUMN closed_at timestamptz;
-- the post-incident review a closed incident carries: cause, lessons, follow-up actions
ALTER TABLE incident ADD COLUMN review jsonb;
-- what opened it when a trigger did, once per finding: the same trigger never opens two incidents for one finding
ALTER TABLE incident ADD COLUMN trigger_key varchar(300) UNIQUE;

CREATE INDEX incident_team_page_idx ON incident (team, created_at DESC, id DESC);

-- The findings, assets and principals an incident is about.
CREATE TABLE incident_link (
    incident_id  uuid          NOT NULL REFERENCES incident (id),
    kind         varchar(16)   NOT NULL CHECK (kind IN ('finding', 'asset', 'principal')),
    ref          varchar(2048) NOT NULL,
    PRIMARY KEY (incident_id, kind, ref)
);

-- The timeline: every change, comment and playbook event, in order.
CREATE TABLE incident_event (
    id           bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id  uuid          NOT NULL REFERENCES incident (id),
    at           timestamptz   NOT NULL,
    actor        varchar(512)  NOT NULL,
    kind         varchar(64)   NOT NULL,
    detail       jsonb         NOT NULL
);

CREATE INDEX incident_event_timeline_idx ON incident_event (incident_id, id);
