-- Evidence: what was known of an asset or principal at a moment (its configuration, the incident's findings, the
-- audit entries about it), kept as captured with its SHA-256, never changed; and who captured and read it.
CREATE TABLE evidence (
    id            uuid          PRIMARY KEY,
    team          varchar(100)  NOT NULL,
    incident_id   uuid          REFERENCES incident (id),
    run_id        uuid          REFERENCES run (id),
    step_key      varchar(2000),
    subject_kind  varchar(16)   NOT NULL CHECK (subject_kind IN ('asset', 'principal')),
    subject_id    varchar(200)  NOT NULL,
    as_of         timestamptz   NOT NULL,
    captured_at   timestamptz   NOT NULL,
    captured_by   varchar(512)  NOT NULL,
    content       text          NOT NULL,
    sha256        char(64)      NOT NULL,
    -- one capture per run step, however often the step runs again
    UNIQUE (run_id, step_key)
);

CREATE INDEX evidence_incident_idx ON evidence (incident_id, captured_at);

CREATE TABLE evidence_access (
    id           bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    evidence_id  uuid          NOT NULL REFERENCES evidence (id),
    at           timestamptz   NOT NULL,
    actor        varchar(512)  NOT NULL,
    client       varchar(200),
    action       varchar(16)   NOT NULL CHECK (action IN ('captured', 'read')),
    -- whether the content still had its digest when it was read
    intact       boolean       NOT NULL
);

CREATE INDEX evidence_access_idx ON evidence_access (evidence_id, id);

-- evidence and its custody log are append-only
CREATE FUNCTION evidence_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'evidence is immutable: % on % refused', TG_OP, TG_TABLE_NAME;
END $$;

CREATE TRIGGER evidence_no_change BEFORE UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_is_immutable();
CREATE TRIGGER evidence_access_no_change BEFORE UPDATE OR DELETE ON evidence_access
    FOR EACH ROW EXECUTE FUNCTION evidence_is_immutable();
