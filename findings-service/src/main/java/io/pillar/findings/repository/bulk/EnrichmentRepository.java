package io.pillar.findings.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/** Findings waiting to have their resources resolved to assets and their risk scored, and writing the result. */
@ApplicationScoped
public class EnrichmentRepository {
    @Inject
    AgroalDataSource dataSource;

    public record Pending(UUID id, int severityId, String resourcesJson) {
    }

    /** The result for one finding, written only if its resources are still those it was computed from. */
    public record Enriched(UUID id, String resourcesJson, UUID[] assetIds, int riskScore, String riskFactorsJson) {
    }

    /** Up to {@code limit} findings not enriched yet, oldest first (not locked: the inventory is asked meanwhile). */
    public List<Pending> pending(int limit) {
        List<Pending> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, severity_id, resources::text FROM finding "
                        + "WHERE enriched_at IS NULL ORDER BY created_at LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Pending((UUID) r.getObject(1), r.getInt(2), r.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading findings to enrich failed: " + e.getMessage(), e);
        }
        return out;
    }

    public void write(List<Enriched> rows, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE finding SET asset_ids = ?, risk_score = ?, "
                        + "risk_factors = ?::jsonb, enriched_at = ? WHERE id = ? AND enriched_at IS NULL "
                        + "AND resources = ?::jsonb")) {
            for (Enriched e : rows) {
                s.setArray(1, c.createArrayOf("uuid", e.assetIds()));
                s.setShort(2, (short) e.riskScore());
                s.setString(3, e.riskFactorsJson());
                s.setTimestamp(4, Timestamp.from(now));
                s.setObject(5, e.id());
                s.setString(6, e.resourcesJson());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("writing enrichment failed: " + e.getMessage(), e);
        }
    }
}
