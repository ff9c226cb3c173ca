-- Each ledger entry's seal: an HMAC-SHA-256 of the entry's chain hash under a key derived from the checkpoint signing
-- key, which the database never holds. Whoever can write these tables can still not make an entry that verifies.
-- Kept beside audit_entry (which is owned by a role nobody logs in as and cannot be altered by the service).
CREATE TABLE audit_seal (
    seq     bigint    PRIMARY KEY,
    key_id  char(16)  NOT NULL,
    mac     char(64)  NOT NULL
);
CREATE RULE audit_seal_no_update AS ON UPDATE TO audit_seal DO INSTEAD NOTHING;
CREATE RULE audit_seal_no_delete AS ON DELETE TO audit_seal DO INSTEAD NOTHING;
