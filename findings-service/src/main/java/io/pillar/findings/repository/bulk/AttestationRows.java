package io.pillar.findings.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/** The attestation table. Inside the caller's transaction when there is one. */
@ApplicationScoped
public class AttestationRows {
    public record Row(UUID id, String scope, String bestPractice, String status, String statement, String owner,
            String evidenceUrl, Instant expiresAt, String createdBy, Instant createdAt, String revokedBy,
            Instant revokedAt) {
    }

    @Inject
    AgroalDataSource dataSource;

    public void insert(Row a, String team) {
        update("INSERT INTO attestation (id, scope, team, best_practice, status, statement, owner, evidence_url,"
                + " expires_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", a.id(), a.scope(),
                team, a.bestPractice(), a.status(), a.statement(), a.owner(), a.evidenceUrl(),
                Timestamp.from(a.expiresAt()), a.createdBy(), Timestamp.from(a.createdAt()));
    }

    public void revoke(UUID id, String by, Instant at) {
        update("UPDATE attestation SET revoked_by = ?, revoked_at = ? WHERE id = ?", by, Timestamp.from(at), id);
    }

    /** One attestation, locked for the rest of the transaction. */
    public Optional<Row> lock(UUID id) {
        List<Row> found = read("SELECT * FROM attestation WHERE id = ? FOR UPDATE", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** A scope's attestations and the organisation's, newest first. */
    public List<Row> forScope(String scope, boolean withRevoked) {
        return read("SELECT * FROM attestation WHERE (scope = ? OR scope = 'org')"
                + (withRevoked ? "" : " AND revoked_at IS NULL") + " ORDER BY created_at DESC, id LIMIT 1000", scope);
    }

    private List<Row> read(String sql, Object param) {
        List<Row> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp revoked = r.getTimestamp("revoked_at");
                    out.add(new Row((UUID) r.getObject("id"), r.getString("scope"), r.getString("best_practice"),
                            r.getString("status"), r.getString("statement"), r.getString("owner"),
                            r.getString("evidence_url"), r.getTimestamp("expires_at").toInstant(),
                            r.getString("created_by"), r.getTimestamp("created_at").toInstant(),
                            r.getString("revoked_by"), revoked == null ? null : revoked.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading attestations failed: " + e.getMessage(), e);
        }
        return out;
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing an attestation failed: " + e.getMessage(), e);
        }
    }
}
