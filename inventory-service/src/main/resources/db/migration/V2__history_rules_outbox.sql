-- The asset's current state as one JSON document (what rules see and what history versions), its status, and the
-- fields set by hand that tag mapping at import must not overwrite.
ALTER TABLE asset
    ADD COLUMN status     varchar(16)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
    ADD COLUMN document   jsonb        NOT NULL DEFAULT '{}',
    ADD COLUMN pinned     text[]       NOT NULL DEFAULT '{}',
    ADD COLUMN changed_by varchar(200);
CREATE INDEX asset_account_idx ON asset (account, created_at DESC, id DESC);
CREATE INDEX asset_owner_idx ON asset (owner_team, created_at DESC, id DESC);

-- Every natural identifier of an asset (ARN, resource id, hostname, IP, image digest, URL, path) resolves to it.
CREATE TABLE asset_identifier (
    identifier  varchar(2048) PRIMARY KEY,
    asset_id    uuid          NOT NULL REFERENCES asset (id)
);
CREATE INDEX asset_identifier_asset_idx ON asset_identifier (asset_id);
INSERT INTO asset_identifier (identifier, asset_id) SELECT natural_id, id FROM asset;

-- Relationships from an asset to another one named by any of its identifiers (the target may be imported later).
CREATE TABLE asset_relationship (
    asset_id  uuid          NOT NULL REFERENCES asset (id),
    kind      varchar(16)   NOT NULL CHECK (kind IN ('contains', 'attached-to', 'member-of', 'routes-to')),
    target    varchar(2048) NOT NULL,
    PRIMARY KEY (asset_id, kind, target)
);
CREATE INDEX asset_relationship_target_idx ON asset_relationship (target);

-- Configuration history: every version's full document and the RFC 6902 JSON Patch from the previous one.
CREATE TABLE asset_version (
    asset_id    uuid         NOT NULL REFERENCES asset (id),
    version     integer      NOT NULL,
    valid_from  timestamptz  NOT NULL,
    changed_by  varchar(200) NOT NULL,
    source      varchar(64)  NOT NULL,
    document    jsonb        NOT NULL,
    patch       jsonb        NOT NULL,
    PRIMARY KEY (asset_id, version)
);
CREATE INDEX asset_version_at_idx ON asset_version (asset_id, valid_from DESC, version DESC);

-- The rules an asset currently violates: a finding is published when one starts and its resolution when it ends.
CREATE TABLE rule_violation (
    asset_id  uuid         NOT NULL REFERENCES asset (id),
    rule_id   varchar(100) NOT NULL,
    title     varchar(300) NOT NULL,
    severity  varchar(16)  NOT NULL,
    since     timestamptz  NOT NULL,
    PRIMARY KEY (asset_id, rule_id)
);

-- Transactional outbox: inventory events, rule findings and audit events, written with the change they announce.
CREATE TABLE outbox (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic       varchar(249) NOT NULL,
    record_key  varchar(2048) NOT NULL,
    event_type  varchar(100) NOT NULL,
    payload     text         NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
