-- Principals from every identity source (AWS IAM, Keycloak realms): metadata only, never secrets.
CREATE TABLE principal (
    id            uuid          PRIMARY KEY,
    type          varchar(32)   NOT NULL,
    name          varchar(512)  NOT NULL,
    source        varchar(64)   NOT NULL,
    external_id   varchar(2048) NOT NULL,
    mfa_enabled   boolean,
    last_used_at  timestamptz,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (source, external_id)
);

CREATE INDEX principal_page_idx ON principal (created_at DESC, id DESC);

-- The platform's audit ledger: append-only, each entry chained to the previous one by SHA-256.
-- details is kept as the exact text that was hashed, so anyone can recompute the chain.
CREATE TABLE audit_entry (
    seq          bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     varchar(200)  NOT NULL UNIQUE,
    occurred_at  timestamptz   NOT NULL,
    source       varchar(200)  NOT NULL,
    actor        varchar(512)  NOT NULL,
    action       varchar(512)  NOT NULL,
    resource     varchar(2048) NOT NULL,
    outcome      varchar(16)   NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    source_ip    varchar(64),
    details      text          NOT NULL,
    prev_hash    char(64)      NOT NULL,
    hash         char(64)      NOT NULL,
    recorded_at  timestamptz   NOT NULL DEFAULT now()
);

CREATE RULE audit_entry_no_update AS ON UPDATE TO audit_entry DO INSTEAD NOTHING;
CREATE RULE audit_entry_no_delete AS ON DELETE TO audit_entry DO INSTEAD NOTHING;
