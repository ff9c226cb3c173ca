-- Hands the audit ledger of database identity to a role nobody logs in as, once the identity-service's migrations
-- created it: the service's own role may then only read and append (no UPDATE, DELETE, TRUNCATE, no dropping the
-- rules that turn changes into nothing). Run as a superuser; running it again changes nothing. The indexes serve
-- GET /api/v1/audit's filters; they are made here because, once sealed, the service's migrations cannot index the
-- ledger any more.
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'audit_ledger_owner') THEN
        CREATE ROLE audit_ledger_owner NOLOGIN;
    END IF;
END $$;

CREATE INDEX IF NOT EXISTS audit_entry_actor_idx ON audit_entry (actor text_pattern_ops, seq);
CREATE INDEX IF NOT EXISTS audit_entry_action_idx ON audit_entry (action text_pattern_ops, seq);
CREATE INDEX IF NOT EXISTS audit_entry_resource_idx ON audit_entry (resource text_pattern_ops, seq);
CREATE INDEX IF NOT EXISTS audit_entry_occurred_idx ON audit_entry (occurred_at, seq);

ALTER TABLE audit_entry OWNER TO audit_ledger_owner;
REVOKE ALL ON audit_entry FROM identity;
GRANT SELECT, INSERT ON audit_entry TO identity;
ALTER TABLE audit_seal OWNER TO audit_ledger_owner;
REVOKE ALL ON audit_seal FROM identity;
GRANT SELECT, INSERT ON audit_seal TO identity;
