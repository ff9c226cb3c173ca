-- What was done to a principal's credentials on request (DisableCredential): disabled at once through the
-- identity provider, or requested from an executor by a command on pillar.response.commands.
CREATE TABLE credential_action (
    id             uuid          PRIMARY KEY,
    principal_id   uuid          NOT NULL REFERENCES principal (id),
    credential_id  varchar(256)  NOT NULL,
    action         varchar(32)   NOT NULL CHECK (action IN ('disable')),
    status         varchar(16)   NOT NULL CHECK (status IN ('disabled', 'requested', 'failed')),
    actor          varchar(512)  NOT NULL,
    reason         text,
    incident_id    varchar(128),
    detail         text,
    created_at     timestamptz   NOT NULL
);
CREATE INDEX credential_action_principal_idx ON credential_action (principal_id, created_at);
