package io.pillar.platform.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.postgresql.PGStatement;

import com.fasterxml.jackson.core.type.TypeReference;

import io.pillar.platform.json.Json;

/**
 * One relay round over the outbox: the oldest events are sent to Kafka, those the broker acknowledged are deleted,
 * those it refused for good (too large, an invalid topic) move to {@code outbox_dead_letter} with the reason, and the
 * rest stay for the next round. One relay at a time per database, through a transaction-scoped advisory lock taken
 * before the read, so any number of instances keep each key's events in the order they were written.
 */
public final class OutboxPublisher {
    /** The advisory lock of the relay; one per database, so each service has its own. */
    static final long RELAY_LOCK = 7_003;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final int batch;
    private final Duration ackTimeout;

    /** What one round did. */
    public record Round(int published, int deadLettered, int left) {
        static final Round NONE = new Round(0, 0, 0);

        public int handled() {
            return published + deadLettered;
        }
    }

    public OutboxPublisher(DataSource dataSource, Producer<String, String> producer, int batch, Duration ackTimeout) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.batch = batch;
        this.ackTimeout = ackTimeout;
    }

    public int batch() {
        return batch;
    }

    /** One round in its own transaction; nothing happens while another relay holds the lock. */
    public Round publishOnce() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Round round = publishOnce(c);
                c.commit();
                return round;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private record Pending(long id, String topic, String key, String type, String payload, String headers) {
    }

    private Round publishOnce(Connection c) throws SQLException {
        List<Pending> pending = claim(c);
        if (pending.isEmpty()) {
            return Round.NONE;
        }
        List<Future<?>> acks = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            acks.add(send(p));
        }
        List<Long> published = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int left = 0;
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (int i = 0; i < pending.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.add(pending.get(i).id());
            } catch (ExecutionException e) {
                if (refusedForGood(e.getCause())) {
                    refused.add(pending.get(i).id());
                    reasons.add(describe(e.getCause()));
                } else {
                    left++;
                }
            } catch (TimeoutException e) {
                left++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                left++;
            }
        }
        deadLetter(c, refused, reasons);
        delete(c, published);
        return new Round(published.size(), refused.size(), left);
    }

    private Future<?> send(Pending p) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_type", p.type().getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        if (p.headers() != null) {
            try {
                Json.MAPPER.readValue(p.headers(), HEADERS)
                        .forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(
                        new IllegalArgumentException("its headers are not a JSON object of strings"));
            }
        }
        try {
            return producer.send(new ProducerRecord<>(p.topic(), null, p.key(), p.payload(), headers));
        } catch (KafkaException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A refusal that sending again cannot change. Authorization and authentication failures are not: they end when
     * the credentials or ACLs are mended, and the events then go out.
     */
    static boolean refusedForGood(Throwable cause) {
        if (cause instanceof RetriableException || cause instanceof AuthorizationException
                || cause instanceof AuthenticationException) {
            return false;
        }
        return cause instanceof ApiException || cause instanceof IllegalArgumentException
                || cause instanceof org.apache.kafka.common.errors.SerializationException;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return cause.getClass().getSimpleName() + message;
    }

    /**
     * The oldest events, once this transaction is the relay. The lock is taken by a statement of its own: a read in
     * the same statement would use a snapshot from before the lock, and could see events another relay published and
     * deleted while this one waited for the lock (they went out twice, out of order).
     */
    private List<Pending> claim(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet r = lock.executeQuery()) {
                if (!r.next() || !r.getBoolean(1)) {
                    return List.of();
                }
            }
        }
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, topic, record_key, event_type, payload, headers::text FROM outbox ORDER BY id LIMIT ?")) {
            plannedEachTime(s);
            s.setInt(1, batch);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Pending(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6)));
                }
            }
        }
        return out;
    }

    private static void deadLetter(Connection c, List<Long> ids, List<String> reasons) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbox_dead_letter (id, topic, record_key, event_type, payload, headers, created_at, reason)
                SELECT o.id, o.topic, o.record_key, o.event_type, o.payload, o.headers, o.created_at, r.reason
                FROM outbox o JOIN unnest(?::bigint[], ?::text[]) AS r(id, reason) ON r.id = o.id
                ON CONFLICT (id) DO NOTHING""")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            s.setArray(2, c.createArrayOf("text", reasons.toArray()));
            s.executeUpdate();
        }
        delete(c, ids);
    }

    private static void delete(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
            plannedEachTime(s);
            Array array = c.createArrayOf("bigint", ids.toArray());
            s.setArray(1, array);
            s.executeUpdate();
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

    /** Removes dead letters older than the retention; returns how many. */
    public int pruneDeadLetters(Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "DELETE FROM outbox_dead_letter WHERE failed_at < now() - make_interval(secs => ?)")) {
            s.setDouble(1, retention.toSeconds());
            return s.executeUpdate();
        }
    }
}
