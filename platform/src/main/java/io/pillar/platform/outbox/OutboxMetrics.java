package io.pillar.platform.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * How the outbox is doing, sampled every 5 s: events waiting ({@code pillar_outbox_backlog_events}), the age of the
 * oldest ({@code pillar_outbox_oldest_event_age_seconds}), and events Kafka refused for good
 * ({@code pillar_outbox_dead_letters}). Events relayed are counted by the relay.
 */
@ApplicationScoped
@IfBuildProperty(name = "pillar.outbox.enabled", stringValue = "true")
public class OutboxMetrics {
    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);
    static final String RELAYED = "pillar_outbox_relayed_events_total";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry registry;

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    void register(@Observes StartupEvent start) {
        Gauge.builder("pillar_outbox_backlog_events", backlog, AtomicLong::get)
                .description("Events written and not yet relayed to Kafka").register(registry);
        Gauge.builder("pillar_outbox_oldest_event_age_seconds", oldestSeconds, AtomicLong::get)
                .description("How long the oldest event waiting has waited").register(registry);
        Gauge.builder("pillar_outbox_dead_letters", deadLetters, AtomicLong::get)
                .description("Events Kafka refused for good, kept in outbox_dead_letter").register(registry);
        registry.counter(RELAYED);
    }

    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*), coalesce(extract(epoch from now() - min(created_at)),"
                    + " 0) from outbox")) {
                rs.next();
                backlog.set(rs.getLong(1));
                oldestSeconds.set(rs.getLong(2));
            }
            try (ResultSet rs = s.executeQuery("select count(*) from outbox_dead_letter")) {
                rs.next();
                deadLetters.set(rs.getLong(1));
            }
        } catch (SQLException e) {
            LOG.debugf("outbox not sampled: %s", e.getMessage());
        }
    }
}
