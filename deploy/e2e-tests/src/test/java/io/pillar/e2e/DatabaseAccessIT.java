package io.pillar.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The stack's PostgreSQL asks everyone for a password, and each service's role reaches its own database only. */
class DatabaseAccessIT {

    @Test
    void everyConnectionAuthenticatesAndEachServiceReachesOnlyItsDatabase() throws SQLException {
        Map<String, String> env = PlatformUnderTest.env();
        String url = env.get("PILLAR_POSTGRES_URL");
        String findingsPassword = env.get("PILLAR_FINDINGS_DB_PASSWORD");

        assertThrows(SQLException.class, () -> DriverManager.getConnection(url + "postgres", "postgres", ""),
                "the superuser without its password");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url + "findings", "findings", "wrong"));
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url + "inventory", "findings",
                findingsPassword), "another service's database");

        try (Connection c = DriverManager.getConnection(url + "findings", "findings", findingsPassword);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
                        + "WHERE rolname = current_user")) {
            r.next();
            assertEquals("false false false", r.getBoolean(1) + " " + r.getBoolean(2) + " " + r.getBoolean(3),
                    "a service's role has no power beyond its own database");
        }
        try (Connection c = DriverManager.getConnection(url + "postgres", "postgres",
                env.get("PILLAR_POSTGRES_PASSWORD"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_hba_file_rules "
                        + "WHERE auth_method NOT IN ('scram-sha-256', 'reject')")) {
            r.next();
            assertEquals(0, r.getInt(1), "every pg_hba.conf rule asks for a SCRAM password");
        }
    }

    @Test
    void theIdentityServiceAppendsToTheAuditLedgerAndCannotRewriteIt() throws SQLException {
        Map<String, String> env = PlatformUnderTest.env();
        try (Connection c = DriverManager.getConnection(env.get("PILLAR_POSTGRES_URL") + "identity", "identity",
                env.get("PILLAR_IDENTITY_DB_PASSWORD")); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_entry'")) {
                r.next();
                assertEquals("audit_ledger_owner", r.getString(1));
            }
            s.executeQuery("SELECT count(*) FROM audit_entry").close();
            for (String rewrite : new String[]{"TRUNCATE audit_entry", "DROP RULE audit_entry_no_delete ON audit_entry",
                    "ALTER TABLE audit_entry DISABLE RULE audit_entry_no_update", "DROP TABLE audit_entry",
                    "ALTER TABLE audit_entry OWNER TO identity"}) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(rewrite), rewrite);
                assertEquals("42501", refused.getSQLState(), rewrite + ": " + refused.getMessage());
            }
        }
    }
}
