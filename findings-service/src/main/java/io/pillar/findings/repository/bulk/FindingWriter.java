package io.pillar.findings.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.pillar.findings.repository.FindingRow;
import io.pillar.platform.bulk.CopyRows;

/**
 * The import's write path, in COPY and batched SQL within the caller's transaction: far faster than one entity at a
 * time for reports of many thousand findings.
 */
@ApplicationScoped
public class FindingWriter {
    /** Every transaction that writes a batch of findings takes this lock: two never race on the same fingerprint. */
    private static final long IMPORT_LOCK = 7_002;

    @Inject
    AgroalDataSource dataSource;

    public record Existing(UUID id, String status, String contentHash, String team) {
    }

    public record HistoryRow(UUID findingId, Instant at, String actor, String change, String fromStatus,
            String toStatus, String reason) {
    }

    public void lockImports() {
        run(c -> {
            // the table grows faster than its statistics: without enable_seqscan off the planner, believing it small,
            // scans it whole for every batch's fingerprint lookup (quadratic time). One round trip for both.
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT pg_advisory_xact_lock(?), set_config('enable_seqscan', 'off', true)")) {
                s.setLong(1, IMPORT_LOCK);
                s.executeQuery().close();
            }
        });
    }

    /**
     * What makes a finding one: its team (none is a team of its own) and its fingerprint. The same issue reported for
     * two teams is two findings.
     */
    public static String key(String team, String fingerprint) {
        return (team == null ? "" : team) + "\n" + fingerprint;
    }

    /** The findings that already have these fingerprints, of any team, by {@link #key}; locked until the end. */
    public Map<String, Existing> lockExisting(Collection<String> fingerprints) {
        Map<String, Existing> found = new HashMap<>();
        run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT fingerprint, id, status, content_hash, team FROM finding WHERE fingerprint = ANY(?) "
                            + "FOR UPDATE")) {
                s.setArray(1, c.createArrayOf("text", fingerprints.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(key(r.getString(5), r.getString(1)), new Existing(r.getObject(2, UUID.class),
                                r.getString(3), r.getString(4), r.getString(5)));
                    }
                }
            }
        });
        return found;
    }

    /** New findings, in one COPY. */
    public void insert(List<FindingRow> rows, UUID importId, Instant now) {
        CopyRows copy = new CopyRows(29);
        for (FindingRow f : rows) {
            copy.row().uuid(f.id()).text(f.fingerprint()).int4(f.classUid()).text(f.title()).text(f.description())
                    .int2(f.severityId()).text(f.status()).text(f.product()).text(f.ruleUid()).text(f.team())
                    .time(f.firstSeen() != null && f.firstSeen().isBefore(now) ? f.firstSeen() : now).time(now)
                    .int4(1).time(now).time(now).text(f.format()).text(f.uid()).jsonb(f.resourcesJson())
                    .jsonb(f.vulnerabilitiesJson()).text(f.remediation()).textArray(f.compliance())
                    .textArray(f.bestPractices()).text(f.location()).text(f.scope()).text(f.contentHash())
                    .bytes(f.rawDeflated()).text(f.rawSha256()).uuid(importId).time(now);
        }
        run(c -> copy.copyInto(c, """
                finding (id, fingerprint, class_uid, title, description, severity_id, status, product, rule_uid, team,
                    first_seen, last_seen, occurrences, created_at, updated_at, format, uid, resources,
                    vulnerabilities, remediation, compliance, best_practices, location, scope, content_hash, raw,
                    raw_sha256, last_import_id, status_changed_at)"""));
    }

    /** Seen again, content and status unchanged: only when and how often move (one statement per batch). */
    public void touch(Map<UUID, Integer> timesSeen, UUID importId, Instant now) {
        if (timesSeen.isEmpty()) {
            return;
        }
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE finding f SET last_seen = ?, "
                    + "occurrences = f.occurrences + v.n, last_import_id = ? "
                    + "FROM unnest(CAST(? AS uuid[]), CAST(? AS int[])) AS v(id, n) WHERE f.id = v.id")) {
                s.setTimestamp(1, ts(now));
                s.setObject(2, importId);
                s.setArray(3, c.createArrayOf("uuid", timesSeen.keySet().toArray()));
                s.setArray(4, c.createArrayOf("integer", timesSeen.values().toArray()));
                s.executeUpdate();
            }
        });
    }

    /** Seen again with new content or a new status. */
    public void update(List<FindingRow> rows, Map<UUID, Integer> timesSeen, Map<UUID, String> statusChangedBy,
            UUID importId, Instant now) {
        batch("""
                UPDATE finding SET class_uid = ?, title = ?, description = ?, severity_id = ?, status = ?,
                    product = ?, rule_uid = ?, team = COALESCE(?, team), last_seen = ?,
                    occurrences = occurrences + ?, updated_at = ?, format = ?, uid = ?, resources = ?::jsonb,
                    vulnerabilities = ?::jsonb, remediation = ?, compliance = ?, best_practices = ?, location = ?,
                    scope = COALESCE(?, scope), content_hash = ?, raw = ?, raw_sha256 = ?, last_import_id = ?,
                    status_changed_by = CASE WHEN status <> ? THEN ? ELSE status_changed_by END,
                    status_changed_at = CASE WHEN status <> ? THEN ? ELSE status_changed_at END,
                    enriched_at = CASE WHEN resources IS DISTINCT FROM ?::jsonb THEN NULL ELSE enriched_at END
                WHERE id = ?""", rows, (c, s, f) -> {
            int i = 1;
            s.setInt(i++, f.classUid());
            s.setString(i++, f.title());
            s.setString(i++, f.description());
            s.setShort(i++, (short) f.severityId());
            s.setString(i++, f.status());
            s.setString(i++, f.product());
            s.setString(i++, f.ruleUid());
            s.setString(i++, f.team());
            s.setTimestamp(i++, ts(now));
            s.setInt(i++, timesSeen.getOrDefault(f.id(), 1));
            s.setTimestamp(i++, ts(now));
            i = content(c, s, i, f);
            s.setObject(i++, importId);
            s.setString(i++, f.status());
            s.setString(i++, statusChangedBy.get(f.id()));
            s.setString(i++, f.status());
            s.setTimestamp(i++, ts(now));
            s.setString(i++, f.resourcesJson());
            s.setObject(i, f.id());
        });
    }

    /** Records that an import reported these findings; each at most once per import (the caller sees to it). */
    public void linkImport(UUID importId, Collection<UUID> findingIds) {
        CopyRows copy = new CopyRows(2);
        for (UUID id : findingIds) {
            copy.row().uuid(importId).uuid(id);
        }
        run(c -> copy.copyInto(c, "import_finding (import_id, finding_id)"));
    }

    /** A status a suppression rule set at ingest: why, by which rule, until when. */
    public record RuleStatus(UUID findingId, String reason, String actor, Instant expiresAt) {
    }

    public void statusSetByRules(List<RuleStatus> rows, Instant now) {
        batch("UPDATE finding SET status_reason = ?, status_changed_by = ?, status_changed_at = ?, "
                + "status_expires_at = ? WHERE id = ?", rows, (c, s, r) -> {
                    s.setString(1, r.reason());
                    s.setString(2, r.actor());
                    s.setTimestamp(3, ts(now));
                    s.setTimestamp(4, r.expiresAt() == null ? null : ts(r.expiresAt()));
                    s.setObject(5, r.findingId());
                });
    }

    public void history(List<HistoryRow> rows) {
        batch("INSERT INTO finding_history (finding_id, at, actor, change, "
                + "from_status, to_status, reason) VALUES (?, ?, ?, ?, ?, ?, ?)", rows, (c, s, h) -> {
                    s.setObject(1, h.findingId());
                    s.setTimestamp(2, ts(h.at()));
                    s.setString(3, h.actor());
                    s.setString(4, h.change());
                    s.setString(5, h.fromStatus());
                    s.setString(6, h.toStatus());
                    s.setString(7, h.reason());
                });
    }

    /** The ids of the open findings of a scope and team (null: the findings of no team). */
    public List<UUID> openInScope(String scope, String team) {
        List<UUID> ids = new ArrayList<>();
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM finding WHERE scope = ? "
                    + "AND team IS NOT DISTINCT FROM ? AND status IN ('new', 'triaged', 'in_progress')")) {
                s.setString(1, scope);
                s.setString(2, team);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getObject(1, UUID.class));
                    }
                }
            }
        });
        return ids;
    }

    /** Resolves these findings, saying why and on whose behalf. */
    public void resolve(List<UUID> ids, String actor, String reason, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE finding SET status = 'resolved', status_reason = ?, "
                    + "status_changed_by = ?, status_changed_at = ?, updated_at = ? WHERE id = ANY(?)")) {
                s.setString(1, reason);
                s.setString(2, actor);
                s.setTimestamp(3, ts(now));
                s.setTimestamp(4, ts(now));
                s.setArray(5, c.createArrayOf("uuid", ids.toArray()));
                s.executeUpdate();
            }
        });
    }

    private static int content(Connection c, PreparedStatement s, int i, FindingRow f) throws SQLException {
        s.setString(i++, f.format());
        s.setString(i++, f.uid());
        s.setString(i++, f.resourcesJson());
        s.setString(i++, f.vulnerabilitiesJson());
        s.setString(i++, f.remediation());
        s.setArray(i++, c.createArrayOf("text", f.compliance()));
        s.setArray(i++, c.createArrayOf("text", f.bestPractices()));
        s.setString(i++, f.location());
        s.setString(i++, f.scope());
        s.setString(i++, f.contentHash());
        s.setBytes(i++, f.rawDeflated());
        s.setString(i++, f.rawSha256());
        return i;
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(Connection c, PreparedStatement s, T row) throws SQLException;
    }

    /** One statement, executed for every row as one JDBC batch; nothing when there are no rows. */
    private <T> void batch(String sql, Collection<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (T row : rows) {
                    binder.bind(c, s, row);
                    s.addBatch();
                }
                s.executeBatch();
            }
        });
    }

    @FunctionalInterface
    private interface Sql {
        void run(Connection c) throws SQLException;
    }

    private void run(Sql sql) {
        try (Connection c = dataSource.getConnection()) {
            sql.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("database write failed: " + e.getMessage(), e);
        }
    }
}
