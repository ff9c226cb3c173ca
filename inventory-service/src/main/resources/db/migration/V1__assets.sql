-- Assets: one row per thing Pillar knows, resolved from its natural identifier (ARN, image digest, hostname, URL, path).
CREATE TABLE asset (
    id                   uuid          PRIMARY KEY,
    type                 varchar(64)   NOT NULL,
    natural_id           varchar(2048) NOT NULL UNIQUE,
    name                 varchar(512),
    provider             varchar(32),
    account              varchar(64),
    region               varchar(64),
    owner_team           varchar(100),
    environment          varchar(32),
    criticality          varchar(16),
    data_classification  varchar(16)   CHECK (data_classification IN ('public', 'internal', 'confidential', 'restricted')),
    internet_exposed     boolean       NOT NULL DEFAULT false,
    quarantined          boolean       NOT NULL DEFAULT false,
    version              integer       NOT NULL DEFAULT 1,
    created_at           timestamptz   NOT NULL DEFAULT now(),
    updated_at           timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX asset_page_idx ON asset (created_at DESC, id DESC);
CREATE INDEX asset_type_idx ON asset (type, created_at DESC, id DESC);
