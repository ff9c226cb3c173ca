package io.pillar.findings.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/** The transactional outbox's read side: claim a batch (skipping rows another instance holds), then delete it. */
@ApplicationScoped
public class OutboxRepository {
    @Inject
    AgroalDataSource dataSource;

    public record Pending(long id, String topic, String key, String eventType, String payload) {
    }

    /** Up to {@code limit} oldest events, locked until the transaction ends; others' locked rows are skipped. */
    public List<Pending> claim(int limit) {
        List<Pending> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c
                        .prepareStatement("SELECT id, topic, record_key, event_type, payload FROM outbox "
                                + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Pending(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the outbox failed: " + e.getMessage(), e);
        }
        return out;
    }

    public void delete(List<Pending> published) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("bigint", published.stream().map(Pending::id).toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("clearing the outbox failed: " + e.getMessage(), e);
        }
    }
}
