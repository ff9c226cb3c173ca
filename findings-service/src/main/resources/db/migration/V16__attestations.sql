-- Attestations: a person's statement that a best practice is met (or does not apply) in a scope, for practices no
-- machine observes. It counts until it expires or is revoked; both are kept (nothing is deleted).
CREATE TABLE attestation (
    id             uuid          PRIMARY KEY,
    scope          varchar(400)  NOT NULL,
    -- the team the scope belongs to (team scopes), null for organisation, account and tag scopes
    team           varchar(100),
    best_practice  varchar(32)   NOT NULL,
    status         varchar(16)   NOT NULL CHECK (status IN ('met', 'not_applicable')),
    statement      text          NOT NULL,
    owner          varchar(200)  NOT NULL,
    evidence_url   varchar(2000),
    expires_at     timestamptz   NOT NULL,
    created_by     varchar(200)  NOT NULL,
    created_at     timestamptz   NOT NULL,
    revoked_by     varchar(200),
    revoked_at     timestamptz
);

CREATE INDEX attestation_scope_idx ON attestation (scope, best_practice, created_at DESC) WHERE revoked_at IS NULL;
