-- AWS accounts whose identities were imported, and the team each belongs to (its findings are that team's).
CREATE TABLE aws_account (
    id                       varchar(12)  PRIMARY KEY,
    team                     varchar(64),
    iam_imported_at          timestamptz,
    credentials_imported_at  timestamptz,
    credentials_generated_at timestamptz
);

-- A principal's full picture as imported (kind, policies, groups, trust policy, credential metadata): never secrets.
ALTER TABLE principal ADD COLUMN account    varchar(64);
ALTER TABLE principal ADD COLUMN team       varchar(64);
ALTER TABLE principal ADD COLUMN document   jsonb NOT NULL DEFAULT '{}';
ALTER TABLE principal ADD COLUMN removed_at timestamptz;
CREATE INDEX principal_account_idx ON principal (account) WHERE removed_at IS NULL;

-- Managed policies of an account (the default version's document).
CREATE TABLE iam_policy (
    account      varchar(12)   NOT NULL REFERENCES aws_account (id),
    arn          varchar(2048) NOT NULL,
    name         varchar(512)  NOT NULL,
    aws_managed  boolean       NOT NULL,
    version      varchar(64),
    document     jsonb         NOT NULL,
    PRIMARY KEY (account, arn)
);

-- What each import changed about a principal: its picture before and after.
CREATE TABLE principal_change (
    id            bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    principal_id  uuid         NOT NULL REFERENCES principal (id),
    import_id     uuid         NOT NULL,
    change        varchar(16)  NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
    before        jsonb,
    after         jsonb,
    changed_at    timestamptz  NOT NULL
);
CREATE INDEX principal_change_principal_idx ON principal_change (principal_id, id);

-- Imports of identity exports, shaped like the findings imports.
CREATE TABLE identity_import (
    id             uuid          PRIMARY KEY,
    status         varchar(16)   NOT NULL,
    format         varchar(64)   NOT NULL,
    account        varchar(12),
    team           varchar(64),
    received       int           NOT NULL DEFAULT 0,
    created        int           NOT NULL DEFAULT 0,
    updated        int           NOT NULL DEFAULT 0,
    unchanged      int           NOT NULL DEFAULT 0,
    removed        int           NOT NULL DEFAULT 0,
    rejected       int           NOT NULL DEFAULT 0,
    findings       int           NOT NULL DEFAULT 0,
    resolved       int           NOT NULL DEFAULT 0,
    errors         jsonb         NOT NULL DEFAULT '[]',
    warnings       jsonb         NOT NULL DEFAULT '[]',
    requested_by   varchar(512)  NOT NULL,
    started_at     timestamptz   NOT NULL,
    finished_at    timestamptz
);

-- Open violations of the identity checks: a finding was published when each opened, its resolution when it ends.
CREATE TABLE identity_violation (
    account     varchar(12)   NOT NULL,
    check_id    varchar(128)  NOT NULL,
    resource    varchar(2048) NOT NULL,
    team        varchar(64),
    severity    varchar(16)   NOT NULL,
    detail      text          NOT NULL,
    opened_at   timestamptz   NOT NULL,
    PRIMARY KEY (account, check_id, resource)
);
