package io.pillar.inventory.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.postgresql.PGStatement;

import io.agroal.api.AgroalDataSource;

/** The transactional outbox: rows written with the change they announce, claimed and deleted by the relay. */
@ApplicationScoped
public class OutboxRepository {
    @Inject
    AgroalDataSource dataSource;

    public record Event(String topic, String key, String eventType, String payload) {
    }

    public record Pending(long id, String topic, String key, String eventType, String payload) {
    }

    public void add(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO outbox (topic, record_key, event_type, payload) VALUES (?, ?, ?, ?)")) {
            for (Event e : events) {
                s.setString(1, e.topic());
                s.setString(2, e.key());
                s.setString(3, e.eventType());
                s.setString(4, e.payload());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("writing the outbox failed: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} oldest events, locked until the transaction ends; others' locked rows are skipped. */
    public List<Pending> claim(int limit) {
        List<Pending> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, topic, record_key, event_type, payload "
                        + "FROM outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            plannedEachTime(s);
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
            plannedEachTime(s);
            s.setArray(1, c.createArrayOf("bigint", published.stream().map(Pending::id).toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("clearing the outbox failed: " + e.getMessage(), e);
        }
    }

    /**
     * Planned at each execution (no server-side prepared statement), by primary key: the outbox's statistics are
     * always stale (empty one moment, a large import's worth the next, and the space those leave), and a sequential scan
     * of it costs a relay round a hundred milliseconds once it has grown. Only for this transaction.
     */
    private static void plannedEachTime(PreparedStatement s) throws SQLException {
        s.unwrap(PGStatement.class).setPrepareThreshold(0);
        try (Statement set = s.getConnection().createStatement()) {
            set.execute("SET LOCAL enable_seqscan = off");
        }
    }
}
