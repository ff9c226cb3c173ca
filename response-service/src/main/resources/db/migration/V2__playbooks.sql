-- CACAO 2.0 playbooks, per team (team null: shared with every team, imported by an admin or shipped with Pillar).
-- A playbook is known by its CACAO id within its team; each different document imported under that id is a version.
CREATE TABLE playbook (
    id              uuid          PRIMARY KEY,
    team            varchar(100),
    cacao_id        varchar(200)  NOT NULL,
    name            text          NOT NULL,
    latest_version  integer       NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL
);

CREATE UNIQUE INDEX playbook_cacao_idx ON playbook (coalesce(team, ''), cacao_id);
CREATE INDEX playbook_page_idx ON playbook (updated_at DESC, id DESC);

-- Each version kept as imported, byte for byte (what export returns), with its digest.
CREATE TABLE playbook_version (
    playbook_id   uuid          NOT NULL REFERENCES playbook (id),
    version       integer       NOT NULL,
    document      text          NOT NULL,
    sha256        char(64)      NOT NULL,
    modified      varchar(40),
    containment   boolean       NOT NULL,
    signature     varchar(20)   NOT NULL,
    imported_by   varchar(512)  NOT NULL,
    imported_at   timestamptz   NOT NULL,
    PRIMARY KEY (playbook_id, version),
    UNIQUE (playbook_id, sha256)
);
