package io.pillar.findings.repository;

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

    /**
     * Up to {@code limit} oldest events, once this transaction is the relay (it takes the relay lock, or reads nothing
     * while another instance's relay holds it). One round trip: this is on the way of every event.
     */
    public List<Pending> claimOldest(int limit) {
        List<Pending> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        WITH relay AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(?) AS ok)
                        SELECT id, topic, record_key, event_type, payload FROM outbox, relay WHERE relay.ok
                        ORDER BY id LIMIT ?""")) {
            plannedEachTime(s);
            s.setLong(1, RELAY_LOCK);
            s.setInt(2, limit);
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
