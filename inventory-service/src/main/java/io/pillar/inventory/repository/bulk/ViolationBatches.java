package io.pillar.inventory.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.pillar.inventory.repository.Violation;

/** Rule violations of a batch of assets: read together, and started or ended together. */
@ApplicationScoped
public class ViolationBatches {
    @Inject
    AgroalDataSource dataSource;

    /** The rules each asset currently violates, by rule id. */
    public Map<UUID, Map<String, Violation>> open(Collection<UUID> assetIds) {
        Map<UUID, Map<String, Violation>> out = new HashMap<>();
        if (assetIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT asset_id, rule_id, title, severity, team FROM rule_violation WHERE asset_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", assetIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Violation v = new Violation((UUID) r.getObject(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5));
                    out.computeIfAbsent(v.assetId(), k -> new TreeMap<>()).put(v.ruleId(), v);
                }
            }
        } catch (SQLException e) {
            throw Rows.failed("reading rule violations", e);
        }
        return out;
    }

    public void record(List<Violation> started, List<Violation> ended, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            if (!started.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO rule_violation (asset_id, rule_id, title, "
                        + "severity, since, team) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (Violation v : started) {
                        s.setObject(1, v.assetId());
                        s.setString(2, v.ruleId());
                        s.setString(3, v.title());
                        s.setString(4, v.severity());
                        s.setTimestamp(5, Timestamp.from(at));
                        s.setString(6, v.team());
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
            throw Rows.failed("recording rule violations", e);
        }
    }

}
