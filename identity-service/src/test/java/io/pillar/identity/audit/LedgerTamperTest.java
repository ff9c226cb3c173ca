package io.pillar.identity.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.service.AuditChain;
import io.pillar.identity.service.AuditLedger;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Someone with write access to the database tampers with the ledger, the way the table's owner can (rules disabled):
 * each kind of tampering is detected against the real database and the real checkpoint topic, the first bad entry
 * or the missing range is named, and once the rows are put back the ledger verifies again.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "identity"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class LedgerTamperTest {
    private static final String COLUMNS = "seq, event_id, occurred_at, source, actor, action, resource, outcome, "
            + "source_ip, details, prev_hash, hash, recorded_at";

    @Inject
    AuditLedger ledger;
    @Inject
    LedgerVerifier verifier;
    @Inject
    Checkpointer checkpointer;
    @Inject
    CheckpointLog checkpoints;
    @Inject
    AgroalDataSource db;

    private final List<Long> seqs = new ArrayList<>();

    @BeforeEach
    void sixSignedEntries() throws SQLException {
        String run = UUID.randomUUID().toString();
        for (int i = 1; i <= 6; i++) {
            assertTrue(ledger.append(new AuditRecord(run + "-" + i, Instant.parse("2026-12-02T08:00:00Z"),
                    "/pillar/test", "alice", "finding.status_changed", "finding/" + i, "success", "10.0.0.1",
                    "{\"n\":" + i + "}")));
        }
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT seq FROM audit_entry WHERE event_id LIKE '" + run
                        + "-%' ORDER BY seq")) {
            while (r.next()) {
                seqs.add(r.getLong(1));
            }
            s.execute("ALTER TABLE audit_entry DISABLE RULE audit_entry_no_update");
            s.execute("ALTER TABLE audit_entry DISABLE RULE audit_entry_no_delete");
            s.execute("ALTER TABLE audit_seal DISABLE RULE audit_seal_no_delete");
        }
        assertEquals(seq(6), checkpointer.checkpoint().seq());
        assertValid();
    }

    @AfterEach
    void rulesBack() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_entry ENABLE RULE audit_entry_no_update");
            s.execute("ALTER TABLE audit_entry ENABLE RULE audit_entry_no_delete");
            s.execute("ALTER TABLE audit_seal ENABLE RULE audit_seal_no_delete");
        }
        assertValid();
    }

    @Test
    void aModifiedEntryIsNamed() throws SQLException {
        sql("UPDATE audit_entry SET actor = 'mallory' WHERE seq = " + seq(3));
        assertProblem("modified", seq(3));
        sql("UPDATE audit_entry SET actor = 'alice' WHERE seq = " + seq(3));
    }

    @Test
    void aDeletedEntryIsNamedByItsRange() throws SQLException {
        Map<String, Object> row = row(seq(3));
        sql("DELETE FROM audit_entry WHERE seq = " + seq(3));
        LedgerVerifier.Problem p = assertProblem("deleted-or-reordered", seq(4));
        assertEquals(seq(3), p.missingFrom());
        assertEquals(seq(3), p.missingTo());
        insert(row);
    }

    @Test
    void reorderedEntriesAreFound() throws SQLException {
        Map<String, Object> second = row(seq(2));
        Map<String, Object> fourth = row(seq(4));
        sql("DELETE FROM audit_entry WHERE seq IN (" + seq(2) + ", " + seq(4) + ")");
        second.put("seq", seq(4));
        fourth.put("seq", seq(2));
        insert(second);
        insert(fourth);
        assertProblem("deleted-or-reordered", seq(2));
        sql("DELETE FROM audit_entry WHERE seq IN (" + seq(2) + ", " + seq(4) + ")");
        second.put("seq", seq(2));
        fourth.put("seq", seq(4));
        insert(second);
        insert(fourth);
    }

    @Test
    void entriesCutOffAtTheTailAreNamedByTheCheckpoint() throws SQLException {
        Map<String, Object> fifth = row(seq(5));
        Map<String, Object> sixth = row(seq(6));
        sql("DELETE FROM audit_entry WHERE seq >= " + seq(5));
        LedgerVerifier.Problem p = assertProblem("truncated", seq(5));
        assertEquals(seq(5), p.missingFrom());
        assertEquals(seq(6), p.missingTo());
        insert(fifth);
        insert(sixth);
    }

    @Test
    void aChainRewrittenWithRecomputedHashesIsCaughtByItsSeals() throws SQLException {
        List<Map<String, Object>> saved = new ArrayList<>();
        for (int i = 2; i <= 6; i++) {
            saved.add(row(seq(i)));
        }
        // the whole chain from entry 2 on made consistent again, as whoever rewrites it from scratch would
        String prev = (String) row(seq(1)).get("hash");
        sql("DELETE FROM audit_entry WHERE seq >= " + seq(2));
        for (Map<String, Object> original : saved) {
            Map<String, Object> forged = new LinkedHashMap<>(original);
            forged.put("actor", "mallory");
            forged.put("prev_hash", prev);
            forged.put("hash", hash(forged));
            insert(forged);
            prev = (String) forged.get("hash");
        }
        assertProblem("forged", seq(2));
        LedgerVerifier.Verification v = verifier.verify(true);
        assertTrue(v.problems().stream().anyMatch(p -> p.kind().equals("checkpoint-mismatch") && p.seq() == seq(6)),
                v.problems().toString());
        sql("DELETE FROM audit_entry WHERE seq >= " + seq(2));
        for (Map<String, Object> original : saved) {
            insert(original);
        }
    }

    @Test
    void aForgedAppendIsNeitherSignedNorAccepted() throws SQLException {
        Map<String, Object> last = row(seq(6));
        Map<String, Object> forged = new LinkedHashMap<>(last);
        long next = seq(6) + 1_000;
        forged.put("seq", next);
        forged.put("event_id", "forged-" + UUID.randomUUID());
        forged.put("prev_hash", last.get("hash"));
        forged.put("hash", hash(forged));
        insert(forged);
        sql("INSERT INTO audit_seal (seq, key_id, mac) VALUES (" + next + ", '0000000000000000', '" + "ab".repeat(32)
                + "')");
        assertProblem("forged", next);
        assertEquals(seq(6), checkpointer.checkpoint().seq(), "a forged entry must not be signed");
        sql("DELETE FROM audit_seal WHERE seq = " + next);
        assertProblem("unsealed", next);
        sql("DELETE FROM audit_entry WHERE seq = " + next);
    }

    @Test
    void aCheckpointNotSignedByTheLedgerIsReported() throws Exception {
        Checkpoint genuine = checkpointer.checkpoint();
        LedgerKeys other = new LedgerKeys(java.util.Optional.empty(), true);
        checkpoints.publish(Checkpoint.sign(genuine.seq(), genuine.hash(), Instant.now(), other));
        assertProblem("bad-checkpoint-signature", genuine.seq());
        checkpoints.publish(genuine);
    }

    @Test
    void verificationAfterAWholeOneIsIncremental() {
        assertEquals("full", verifier.verify(true).mode());
        LedgerVerifier.Verification v = verifier.verify(false);
        assertEquals("incremental", v.mode());
        assertTrue(v.valid());
        assertTrue(v.entriesChecked() < v.entries(), v.toString());
    }

    private long seq(int i) {
        return seqs.get(i - 1);
    }

    private void assertValid() {
        LedgerVerifier.Verification v = verifier.verify(true);
        assertTrue(v.valid(), v.problems().toString());
    }

    private LedgerVerifier.Problem assertProblem(String kind, long seq) {
        LedgerVerifier.Verification v = verifier.verify(true);
        assertFalse(v.valid());
        LedgerVerifier.Problem first = v.problems().stream().filter(p -> p.seq() > 0)
                .min((a, b) -> Long.compare(a.seq(), b.seq())).orElseThrow();
        assertEquals(kind, first.kind(), v.problems().toString());
        assertEquals(seq, first.seq(), v.problems().toString());
        assertEquals(seq, v.firstBadSeq());
        return first;
    }

    private static String hash(Map<String, Object> row) {
        return AuditChain.hash((String) row.get("prev_hash"), (String) row.get("event_id"),
                instant(row.get("occurred_at")), (String) row.get("source"),
                (String) row.get("actor"), (String) row.get("action"), (String) row.get("resource"),
                (String) row.get("outcome"), (String) row.get("source_ip"), (String) row.get("details"));
    }

    private static Instant instant(Object time) {
        return time instanceof java.sql.Timestamp t ? t.toInstant() : ((java.time.OffsetDateTime) time).toInstant();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private Map<String, Object> row(long seq) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT " + COLUMNS + " FROM audit_entry WHERE seq = " + seq)) {
            assertTrue(r.next(), "no entry " + seq);
            Map<String, Object> row = new LinkedHashMap<>();
            for (String column : COLUMNS.split(", ")) {
                row.put(column, r.getObject(column));
            }
            return row;
        }
    }

    private void insert(Map<String, Object> row) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO audit_entry ("
                        + COLUMNS + ") OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            for (String column : COLUMNS.split(", ")) {
                s.setObject(i++, row.get(column));
            }
            s.executeUpdate();
        }
    }
}
