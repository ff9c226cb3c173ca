-- REST imports of assets as jobs: a client whose connection was cut finds its import, and one cut off by a crash is
-- closed as failed (platform RunningJobs) instead of saying running forever.
CREATE TABLE asset_import (
    id uuid PRIMARY KEY,
    format varchar(50),
    scope varchar(200),
    team varchar(100),
    status varchar(20) NOT NULL,
    received integer NOT NULL DEFAULT 0,
    created integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    unchanged integer NOT NULL DEFAULT 0,
    rejected integer NOT NULL DEFAULT 0,
    errors jsonb NOT NULL DEFAULT '[]',
    failure text,
    requested_by varchar(200),
    started_at timestamptz NOT NULL,
    finished_at timestamptz,
    instance text,
    heartbeat_at timestamptz
);
CREATE INDEX asset_import_page_idx ON asset_import (started_at DESC, id DESC);
CREATE INDEX asset_import_team_idx ON asset_import (team, started_at DESC, id DESC);
CREATE INDEX asset_import_running_idx ON asset_import (heartbeat_at) WHERE status = 'running';
