-- Normalized content of a finding (OCSF-aligned), its raw evidence, and where it was last reported.
ALTER TABLE finding
    ADD COLUMN format           varchar(32),
    ADD COLUMN uid              text,
    ADD COLUMN resources        jsonb        NOT NULL DEFAULT '[]',
    ADD COLUMN vulnerabilities  jsonb        NOT NULL DEFAULT '[]',
    ADD COLUMN remediation      text,
    ADD COLUMN compliance       text[]       NOT NULL DEFAULT '{}',
    ADD COLUMN best_practices   text[]       NOT NULL DEFAULT '{}',
    ADD COLUMN location         text,
    ADD COLUMN scope            varchar(200),
    ADD COLUMN content_hash     char(64),
    ADD COLUMN raw              bytea,
    ADD COLUMN raw_sha256       char(64),
    ADD COLUMN status_reason    text,
    ADD COLUMN status_changed_by varchar(200),
    ADD COLUMN status_changed_at timestamptz,
    ADD COLUMN last_import_id   uuid;

CREATE INDEX finding_scope_open_idx ON finding (scope) WHERE status <> 'resolved';
CREATE INDEX finding_severity_idx ON finding (severity_id, created_at DESC, id DESC);
CREATE INDEX finding_status_idx ON finding (status, created_at DESC, id DESC);

-- One report import: what came in and what it did.
CREATE TABLE import_job (
    id            uuid         PRIMARY KEY,
    format        varchar(32),
    scope         varchar(200),
    status        varchar(16)  NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    received      integer      NOT NULL DEFAULT 0,
    created       integer      NOT NULL DEFAULT 0,
    updated       integer      NOT NULL DEFAULT 0,
    unchanged     integer      NOT NULL DEFAULT 0,
    resolved      integer      NOT NULL DEFAULT 0,
    rejected      integer      NOT NULL DEFAULT 0,
    errors        jsonb        NOT NULL DEFAULT '[]',
    failure       text,
    requested_by  varchar(200) NOT NULL,
    started_at    timestamptz  NOT NULL,
    finished_at   timestamptz
);

-- Which findings each import reported (GET /api/v1/findings?import_id=...).
CREATE TABLE import_finding (
    import_id   uuid NOT NULL REFERENCES import_job (id),
    finding_id  uuid NOT NULL REFERENCES finding (id),
    PRIMARY KEY (import_id, finding_id)
);

-- Every change of a finding's workflow state, who made it and why.
CREATE TABLE finding_history (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finding_id  uuid         NOT NULL REFERENCES finding (id),
    at          timestamptz  NOT NULL,
    actor       varchar(200) NOT NULL,
    change      varchar(32)  NOT NULL,
    from_status varchar(32),
    to_status   varchar(32),
    reason      text
);
CREATE INDEX finding_history_finding_idx ON finding_history (finding_id, id);

-- Transactional outbox: written with the change it announces, published to Kafka by the relay.
CREATE TABLE outbox (
    id            bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic         varchar(249) NOT NULL,
    record_key    varchar(200) NOT NULL,
    event_type    varchar(100) NOT NULL,
    payload       text         NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now()
);
