package io.pillar.inventory.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.pillar.inventory.repository.AssetWrite;
import io.pillar.inventory.repository.StoredJson;

/**
 * The import pipeline's writes, a batch at a time over JDBC (batched statements the driver rewrites into multi-row
 * inserts): asset rows, identifiers, relationships and one version row each, inside the caller's transaction.
 */
@ApplicationScoped
public class AssetWrites {
    @Inject
    AgroalDataSource dataSource;

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
            throw Rows.failed("waiting for other changes", e);
        }
    }

    /** Writes new current states: asset rows, identifiers, relationships and one version row each. */
    public void write(List<AssetWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            // new assets are inserted, known ones updated: no failed insert before each update
            List<AssetWrite> created = writes.stream().filter(AssetWrite::created).toList();
            List<AssetWrite> changed = writes.stream().filter(w -> !w.created()).toList();
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO asset (type, natural_id, name, provider, account, region, owner_team, environment,
                        criticality, data_classification, internet_exposed, quarantined, version, status, pinned,
                        changed_by, updated_at, created_at, id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (AssetWrite w : created) {
                    int i = bindAsset(c, s, w);
                    s.setTimestamp(i++, Timestamp.from(w.at()));
                    s.setObject(i, w.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            updateChanged(c, changed);
            List<AssetWrite> renamed = writes.stream().filter(AssetWrite::identifiersChanged).toList();
            List<AssetWrite> related = writes.stream().filter(AssetWrite::relationshipsChanged).toList();
            try (PreparedStatement s = c.prepareStatement("DELETE FROM asset_identifier WHERE asset_id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("uuid", renamed.stream().map(AssetWrite::id).toArray()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO asset_identifier (identifier, asset_id) VALUES (?, ?)
                    ON CONFLICT (identifier) DO UPDATE SET asset_id = excluded.asset_id""")) {
                for (AssetWrite w : renamed) {
                    for (JsonNode identifier : w.document().path("identifiers")) {
                        s.setString(1, identifier.asText());
                        s.setObject(2, w.id());
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM asset_relationship WHERE asset_id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("uuid", related.stream().map(AssetWrite::id).toArray()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    """
                            INSERT INTO asset_relationship (asset_id, kind, target) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""")) {
                for (AssetWrite w : related) {
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
                for (AssetWrite w : writes) {
                    s.setObject(1, w.id());
                    s.setInt(2, w.version());
                    s.setTimestamp(3, Timestamp.from(w.at()));
                    s.setString(4, w.changedBy());
                    s.setString(5, w.source());
                    s.setString(6, StoredJson.write(w.document()));
                    s.setString(7, StoredJson.write(w.patch()));
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw Rows.failed("writing assets", e);
        }
    }

    /**
     * The changed assets' rows in one statement: each column's values as an array, joined to the rows by id (one
     * UPDATE per asset costs the database a statement each).
     */
    private static void updateChanged(Connection c, List<AssetWrite> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        int n = changed.size();
        String[][] texts = new String[12][n];
        Object[] ids = new Object[n];
        Boolean[] exposed = new Boolean[n];
        Boolean[] quarantined = new Boolean[n];
        Integer[] versions = new Integer[n];
        Timestamp[] at = new Timestamp[n];
        for (int r = 0; r < n; r++) {
            AssetWrite w = changed.get(r);
            JsonNode d = w.document();
            ids[r] = w.id();
            String[] row = {d.path("type").asText(), d.path("natural_id").asText(), text(d, "name"),
                    text(d, "provider"), text(d, "account"), text(d, "region"), text(d, "owner_team"),
                    text(d, "environment"), text(d, "criticality"), text(d, "data_classification"),
                    d.path("status").asText("active"), w.changedBy()};
            for (int col = 0; col < row.length; col++) {
                texts[col][r] = row[col];
            }
            exposed[r] = d.path("internet_exposed").asBoolean(false);
            quarantined[r] = d.path("quarantine").path("quarantined").asBoolean(false);
            versions[r] = w.version();
            at[r] = Timestamp.from(w.at());
        }
        String[] pinned = changed.stream().map(w -> Rows.textArrayLiteral(w.pinned())).toArray(String[]::new);
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE asset a SET type = u.type, natural_id = u.natural_id, name = u.name, provider = u.provider,
                    account = u.account, region = u.region, owner_team = u.owner_team, environment = u.environment,
                    criticality = u.criticality, data_classification = u.data_classification,
                    internet_exposed = u.internet_exposed, quarantined = u.quarantined, version = u.version,
                    status = u.status, pinned = u.pinned::text[], changed_by = u.changed_by, updated_at = u.updated_at
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::boolean[], ?::int[],
                    ?::text[], ?::timestamptz[])
                    AS u(id, type, natural_id, name, provider, account, region, owner_team, environment, criticality,
                        data_classification, status, changed_by, internet_exposed, quarantined, version, pinned,
                        updated_at)
                WHERE a.id = u.id""")) {
            int i = 1;
            s.setArray(i++, c.createArrayOf("uuid", ids));
            for (String[] column : texts) {
                s.setArray(i++, c.createArrayOf("text", column));
            }
            s.setArray(i++, c.createArrayOf("boolean", exposed));
            s.setArray(i++, c.createArrayOf("boolean", quarantined));
            s.setArray(i++, c.createArrayOf("int4", versions));
            s.setArray(i++, c.createArrayOf("text", pinned));
            s.setArray(i, c.createArrayOf("timestamptz", at));
            int updated = s.executeUpdate();
            if (updated != n) {
                throw new IllegalStateException("updated " + updated + " of " + n + " assets: some were removed");
            }
        }
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Binds the asset columns from type to updated_at; returns the next parameter index. */
    private static int bindAsset(Connection c, PreparedStatement s, AssetWrite w) throws SQLException {
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

}
