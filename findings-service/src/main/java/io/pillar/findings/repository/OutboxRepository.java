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

/**
 * The transactional outbox's read side: one relay at a time (instances take turns through a transaction-scoped
 * advisory lock, which keeps the events of one finding in order), reads the oldest events, then deletes them.
 */
@ApplicationScoped
public class OutboxRepository {
    private static final long RELAY_LOCK = 7_003;
    @Inject
    AgroalDataSource dataSource;

    public record Pending(long id, String topic, String key, String eventType, String payload) {
    }

    /** Whether this transaction is now the relay; false while another instance's relay runs. */
    public boolean becomeRelay() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, RELAY_LOCK);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("taking the outbox relay lock failed: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} oldest events (call as the relay: see {@link #becomeRelay()}). */
    public List<Pending> oldest(int limit) {
        List<Pending> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id, topic, record_key, event_type, payload FROM outbox ORDER BY id LIMIT ?")) {
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
