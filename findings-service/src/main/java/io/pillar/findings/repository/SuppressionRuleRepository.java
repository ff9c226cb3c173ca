package io.pillar.findings.repository;

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

/** Suppression rules as stored: criteria as JSON, the status they set, why, and until when. */
@ApplicationScoped
public class SuppressionRuleRepository {
    @Inject
    AgroalDataSource dataSource;

    public record Row(UUID id, String name, String criteriaJson, String status, String reason, Instant expiresAt,
            String createdBy, Instant createdAt, boolean enabled) {
    }

    public void insert(Row r) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO suppression_rule (id, name, criteria, status, reason, expires_at, created_by, created_at,
                    enabled) VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, true)""")) {
            s.setObject(1, r.id());
            s.setString(2, r.name());
            s.setString(3, r.criteriaJson());
            s.setString(4, r.status());
            s.setString(5, r.reason());
            s.setTimestamp(6, r.expiresAt() == null ? null : Timestamp.from(r.expiresAt()));
            s.setString(7, r.createdBy());
            s.setTimestamp(8, Timestamp.from(r.createdAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("storing the suppression rule failed: " + e.getMessage(), e);
        }
    }

    /** Enabled rules that have not expired. */
    public List<Row> active(Instant now) {
        return query("SELECT id, name, criteria::text, status, reason, expires_at, created_by, created_at, enabled "
                + "FROM suppression_rule WHERE enabled AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at",
                now);
    }

    public List<Row> all() {
        return query("SELECT id, name, criteria::text, status, reason, expires_at, created_by, created_at, enabled "
                + "FROM suppression_rule ORDER BY created_at DESC", null);
    }

    /** @return whether a rule was disabled */
    public boolean disable(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE suppression_rule SET enabled = false WHERE id = ? AND enabled")) {
            s.setObject(1, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("disabling the suppression rule failed: " + e.getMessage(), e);
        }
    }

    private List<Row> query(String sql, Instant now) {
        List<Row> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (now != null) {
                s.setTimestamp(1, Timestamp.from(now));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp expires = r.getTimestamp(6);
                    out.add(new Row((UUID) r.getObject(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), expires == null ? null : expires.toInstant(), r.getString(7),
                            r.getTimestamp(8).toInstant(), r.getBoolean(9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading suppression rules failed: " + e.getMessage(), e);
        }
        return out;
    }
}
