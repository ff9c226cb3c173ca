package io.pillar.inventory.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.pillar.contracts.api.Cursor;
import io.pillar.inventory.mapping.AssetFilter;
import io.pillar.platform.json.Json;

/**
 * Assets, their identifiers, relationships, versions and rule violations, read and written in batches over JDBC
 * (inside the caller's transaction: Agroal hands out the transaction's connection).
 */
@ApplicationScoped
public class AssetStore {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String COLUMNS = "a.id, a.version, v.document, a.pinned, a.changed_by, a.created_at, "
            + "a.updated_at";
    /** The current document is the current version's: stored once, in the history. */
    private static final String CURRENT = " JOIN asset_version v ON v.asset_id = a.id AND v.version = a.version";

    @Inject
    AgroalDataSource dataSource;

    /** A new current state to write, with the version row and the JSON Patch that led to it. */
    public record Write(UUID id, int version, ObjectNode document, List<String> pinned, String changedBy,
            String source, JsonNode patch, Instant at, boolean created, boolean identifiersChanged,
            boolean relationshipsChanged) {
    }

    /** The assets holding any of the identifiers, by identifier (each asset read once, however many it holds). */
    public Map<String, StoredAsset> byIdentifiers(Collection<String> identifiers) {
        Map<String, StoredAsset> out = new HashMap<>();
        if (identifiers.isEmpty()) {
            return out;
        }
        Map<String, UUID> owners = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT identifier, asset_id FROM asset_identifier WHERE identifier = ANY(?)")) {
                s.setArray(1, c.createArrayOf("varchar", identifiers.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        owners.put(r.getString(1), (UUID) r.getObject(2));
                    }
                }
            }
            if (owners.isEmpty()) {
                return out;
            }
            Map<UUID, StoredAsset> assets = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM asset a" + CURRENT
                    + " WHERE a.id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("uuid", owners.values().stream().distinct().toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        StoredAsset a = read(r, 1);
                        assets.put(a.id(), a);
                    }
                }
            }
            owners.forEach((identifier, id) -> {
                StoredAsset a = assets.get(id);
                if (a != null) {
                    out.put(identifier, a);
                }
            });
        } catch (SQLException e) {
            throw failed("reading assets by identifier", e);
        }
        return out;
    }

    public Optional<StoredAsset> byId(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c
                        .prepareStatement("SELECT " + COLUMNS + " FROM asset a" + CURRENT + " WHERE a.id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("reading asset " + id, e);
        }
    }

    /** The same asset, locked for update until the transaction ends. */
    public Optional<StoredAsset> lock(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM asset a" + CURRENT + " WHERE a.id = ? FOR UPDATE OF a")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("locking asset " + id, e);
        }
    }

    /** Assets whose relationships point at any of the identifiers (an instance attached to a changed group). */
    public List<StoredAsset> relatedTo(Collection<String> identifiers) {
        List<StoredAsset> out = new ArrayList<>();
        if (identifiers.isEmpty()) {
            return out;
        }
        String sql = "SELECT " + COLUMNS + " FROM asset a" + CURRENT + " WHERE a.id IN "
                + "(SELECT asset_id FROM asset_relationship WHERE target = ANY(?))";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", identifiers.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(read(r, 1));
                }
            }
        } catch (SQLException e) {
            throw failed("reading related assets", e);
        }
        return out;
    }

    /** Documents of the assets with a {@code routes-to} relationship to any of the identifiers, by identifier. */
    public Map<String, List<ObjectNode>> routingTo(Collection<String> identifiers) {
        Map<String, List<ObjectNode>> out = new HashMap<>();
        if (identifiers.isEmpty()) {
            return out;
        }
        String sql = "SELECT r.target, v.document FROM asset_relationship r JOIN asset a ON a.id = r.asset_id" + CURRENT
                + " WHERE r.kind = 'routes-to' AND r.target = ANY(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", identifiers.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add((ObjectNode) parse(r.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw failed("reading routing assets", e);
        }
        return out;
    }

    /**
     * Serializes imports: one at a time changes the inventory (held until the transaction ends). Index scans are
     * forced for the transaction: in a first import into empty tables the planner's statistics say "empty" while the
     * transaction fills them, and sequential scans would grow with every batch.
     */
    public void lockForChanges() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(4242001)");
                PreparedStatement noSeqScan = c.prepareStatement("SET LOCAL enable_seqscan = off")) {
            s.execute();
            noSeqScan.execute();
        } catch (SQLException e) {
            throw failed("waiting for other changes", e);
        }
    }

    /** Writes new current states: asset rows, identifiers, relationships and one version row each. */
    public void write(List<Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            // new assets are inserted, known ones updated: no failed insert before each update
            List<Write> created = writes.stream().filter(Write::created).toList();
            List<Write> changed = writes.stream().filter(w -> !w.created()).toList();
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO asset (type, natural_id, name, provider, account, region, owner_team, environment,
                        criticality, data_classification, internet_exposed, quarantined, version, status, pinned,
                        changed_by, updated_at, created_at, id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (Write w : created) {
                    int i = bindAsset(c, s, w);
                    s.setTimestamp(i++, Timestamp.from(w.at()));
                    s.setObject(i, w.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE asset SET type = ?, natural_id = ?, name = ?, provider = ?, account = ?, region = ?,
                        owner_team = ?, environment = ?, criticality = ?, data_classification = ?,
                        internet_exposed = ?, quarantined = ?, version = ?, status = ?, pinned = ?, changed_by = ?,
                        updated_at = ?
                    WHERE id = ?""")) {
                for (Write w : changed) {
                    int i = bindAsset(c, s, w);
                    s.setObject(i, w.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            List<Write> renamed = writes.stream().filter(Write::identifiersChanged).toList();
            List<Write> related = writes.stream().filter(Write::relationshipsChanged).toList();
            try (PreparedStatement s = c.prepareStatement("DELETE FROM asset_identifier WHERE asset_id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("uuid", renamed.stream().map(Write::id).toArray()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO asset_identifier (identifier, asset_id) VALUES (?, ?)
                    ON CONFLICT (identifier) DO UPDATE SET asset_id = excluded.asset_id""")) {
                for (Write w : renamed) {
                    for (JsonNode identifier : w.document().path("identifiers")) {
                        s.setString(1, identifier.asText());
                        s.setObject(2, w.id());
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM asset_relationship WHERE asset_id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("uuid", related.stream().map(Write::id).toArray()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    """
                            INSERT INTO asset_relationship (asset_id, kind, target) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""")) {
                for (Write w : related) {
                    for (JsonNode rel : w.document().path("relationships")) {
                        s.setObject(1, w.id());
                        s.setString(2, rel.path("type").asText());
                        s.setString(3, rel.path("target").asText());
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO asset_version (asset_id, version, valid_from, changed_by, source, document, patch)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                for (Write w : writes) {
                    s.setObject(1, w.id());
                    s.setInt(2, w.version());
                    s.setTimestamp(3, Timestamp.from(w.at()));
                    s.setString(4, w.changedBy());
                    s.setString(5, w.source());
                    s.setString(6, json(w.document()));
                    s.setString(7, json(w.patch()));
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw failed("writing assets", e);
        }
    }

    /** Binds the asset columns from type to updated_at; returns the next parameter index. */
    private static int bindAsset(Connection c, PreparedStatement s, Write w) throws SQLException {
        JsonNode d = w.document();
        int i = 1;
        s.setString(i++, d.path("type").asText());
        s.setString(i++, d.path("natural_id").asText());
        s.setString(i++, text(d, "name"));
        s.setString(i++, text(d, "provider"));
        s.setString(i++, text(d, "account"));
        s.setString(i++, text(d, "region"));
        s.setString(i++, text(d, "owner_team"));
        s.setString(i++, text(d, "environment"));
        s.setString(i++, text(d, "criticality"));
        s.setString(i++, text(d, "data_classification"));
        s.setBoolean(i++, d.path("internet_exposed").asBoolean(false));
        s.setBoolean(i++, d.path("quarantine").path("quarantined").asBoolean(false));
        s.setInt(i++, w.version());
        s.setString(i++, d.path("status").asText("active"));
        s.setArray(i++, c.createArrayOf("text", w.pinned().toArray()));
        s.setString(i++, w.changedBy());
        s.setTimestamp(i++, Timestamp.from(w.at()));
        return i;
    }

    /** Up to {@code limit} assets after the cursor, newest first. */
    public List<StoredAsset> page(AssetFilter f, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM asset a" + CURRENT + " WHERE true");
        List<Object> params = new ArrayList<>();
        condition(sql, params, "a.type = ?", f.type());
        condition(sql, params, "a.account = ?", f.account());
        condition(sql, params, "a.owner_team = ?", f.ownerTeam());
        condition(sql, params, "a.data_classification = ?", f.classification());
        condition(sql, params, "a.internet_exposed = ?", f.exposed());
        condition(sql, params, "a.status = ?", f.status());
        if (f.q() != null) {
            String like = "%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" AND (a.name ILIKE ? OR a.natural_id ILIKE ? OR EXISTS (SELECT 1 FROM asset_identifier i "
                    + "WHERE i.asset_id = a.id AND i.identifier ILIKE ?))");
            params.addAll(List.of(like, like, like));
        }
        if (after != null) {
            sql.append(" AND (a.created_at, a.id) < (?, ?)");
            params.add(Timestamp.from(after.time()));
            params.add(after.id());
        }
        sql.append(" ORDER BY a.created_at DESC, a.id DESC LIMIT ?");
        params.add(limit);
        List<StoredAsset> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(read(r, 1));
                }
            }
        } catch (SQLException e) {
            throw failed("listing assets", e);
        }
        return out;
    }

    /** Active assets in id order after {@code after} (null: from the start), for walks over the whole inventory. */
    public List<StoredAsset> activeAfter(UUID after, int limit) {
        List<StoredAsset> out = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM asset a" + CURRENT
                + " WHERE a.status = 'active' AND a.id > ? ORDER BY a.id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, after == null ? new UUID(0, 0) : after);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(read(r, 1));
                }
            }
        } catch (SQLException e) {
            throw failed("walking the inventory", e);
        }
        return out;
    }

    /** One version row: the document as it was and how it got there. */
    public record Version(int version, Instant validFrom, String changedBy, String source, ObjectNode document,
            JsonNode patch) {
    }

    /** The version in force at an instant: the newest that started at or before it. */
    public Optional<Version> versionAt(UUID id, Instant at) {
        return oneVersion("SELECT version, valid_from, changed_by, source, document, patch FROM asset_version "
                + "WHERE asset_id = ? AND valid_from <= ? ORDER BY valid_from DESC, version DESC LIMIT 1", id,
                Timestamp.from(at));
    }

    public Optional<Version> version(UUID id, int version) {
        return oneVersion("SELECT version, valid_from, changed_by, source, document, patch FROM asset_version "
                + "WHERE asset_id = ? AND version = ?", id, version);
    }

    /** Versions newest first, below {@code before} when given. */
    public List<Version> history(UUID id, Integer before, int limit) {
        List<Version> out = new ArrayList<>();
        String sql = "SELECT version, valid_from, changed_by, source, NULL, patch FROM asset_version "
                + "WHERE asset_id = ? AND version < ? ORDER BY version DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.setInt(2, before == null ? Integer.MAX_VALUE : before);
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(readVersion(r));
                }
            }
        } catch (SQLException e) {
            throw failed("reading the history of " + id, e);
        }
        return out;
    }

    /** The rules each asset currently violates, by rule id. */
    public Map<UUID, Map<String, Violation>> violations(Collection<UUID> assetIds) {
        Map<UUID, Map<String, Violation>> out = new HashMap<>();
        if (assetIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT asset_id, rule_id, title, severity FROM rule_violation WHERE asset_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", assetIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Violation v = new Violation((UUID) r.getObject(1), r.getString(2), r.getString(3), r.getString(4));
                    out.computeIfAbsent(v.assetId(), k -> new java.util.TreeMap<>()).put(v.ruleId(), v);
                }
            }
        } catch (SQLException e) {
            throw failed("reading rule violations", e);
        }
        return out;
    }

    /** A rule an asset violates, with the rule's title and severity when the violation started. */
    public record Violation(UUID assetId, String ruleId, String title, String severity) {
    }

    public void recordViolations(List<Violation> started, List<Violation> ended, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            if (!started.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO rule_violation (asset_id, rule_id, title, "
                        + "severity, since) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (Violation v : started) {
                        s.setObject(1, v.assetId());
                        s.setString(2, v.ruleId());
                        s.setString(3, v.title());
                        s.setString(4, v.severity());
                        s.setTimestamp(5, Timestamp.from(at));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            if (!ended.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM rule_violation WHERE asset_id = ? AND rule_id = ?")) {
                    for (Violation v : ended) {
                        s.setObject(1, v.assetId());
                        s.setString(2, v.ruleId());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw failed("recording rule violations", e);
        }
    }

    private Optional<Version> oneVersion(String sql, UUID id, Object second) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.setObject(2, second);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(readVersion(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("reading a version of " + id, e);
        }
    }

    private static Version readVersion(ResultSet r) throws SQLException {
        String doc = r.getString(5);
        return new Version(r.getInt(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4),
                doc == null ? null : (ObjectNode) parse(doc), parse(r.getString(6)));
    }

    private static StoredAsset read(ResultSet r, int from) throws SQLException {
        Array pinned = r.getArray(from + 3);
        return new StoredAsset((UUID) r.getObject(from), r.getInt(from + 1), (ObjectNode) parse(r.getString(from + 2)),
                pinned == null ? List.of() : Arrays.asList((String[]) pinned.getArray()), r.getString(from + 4),
                r.getTimestamp(from + 5).toInstant(), r.getTimestamp(from + 6).toInstant());
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            params.add(value);
        }
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
}
