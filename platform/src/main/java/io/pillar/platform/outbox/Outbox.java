package io.pillar.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.agroal.api.AgroalDataSource;
import io.pillar.platform.trace.TraceParent;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Where a service writes the events that announce a change, in the transaction of the change (the transactional
 * outbox). Once that transaction commits, the relay is told to publish; a crash in between loses nothing, as the relay
 * also sweeps every second.
 */
@ApplicationScoped
@IfBuildProperty(name = "pillar.outbox.enabled", stringValue = "true")
public class Outbox {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    Event<OutboxWritten> written;

    /**
     * Writes the events in the current transaction (which must be active). Written while serving an HTTP request,
     * they carry its trace context ({@link TraceParent}) to Kafka.
     */
    public void add(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("outbox events are written in the transaction of the change they announce");
        }
        String trace = TraceParent.current();
        List<OutboxEvent> traced = trace == null ? events : events.stream().map(e -> traced(e, trace)).toList();
        try (Connection c = dataSource.getConnection()) {
            OutboxRows.write(c, traced);
        } catch (SQLException e) {
            throw new IllegalStateException("writing the outbox failed: " + e.getMessage(), e);
        }
        if (transactions.getResource(Outbox.class) == null) {
            transactions.putResource(Outbox.class, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        written.fireAsync(new OutboxWritten());
                    }
                }
            });
        }
    }

    private static OutboxEvent traced(OutboxEvent e, String trace) {
        if (e.headers().containsKey(TraceParent.HEADER)) {
            return e;
        }
        java.util.Map<String, String> headers = new java.util.HashMap<>(e.headers());
        headers.put(TraceParent.HEADER, trace);
        return new OutboxEvent(e.topic(), e.key(), e.type(), e.payload(), headers);
    }
}
