package io.pillar.identity.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.pillar.contracts.Topic;
import io.pillar.identity.mapping.AuditEventReader;
import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.service.AuditLedger;
import io.pillar.platform.kafka.PolledConsumer;
import io.pillar.platform.kafka.PolledConsumer.Rejected;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Chains every {@code pillar.audit} event into the ledger, once, a poll at a time (one transaction per poll). A
 * record that cannot be read goes to {@code pillar.audit.dlq} with the reason in its {@code dead-letter-reason}
 * header. A poll that cannot be chained (the database is away) is never skipped: it is read again a second later,
 * each failure counted in {@code pillar_audit_append_failures_total}, and the readiness check reports the ledger
 * behind once appends have failed for a minute.
 */
@ApplicationScoped
public class AuditEventConsumer {
    private static final Logger LOG = Logger.getLogger(AuditEventConsumer.class);
    private static final String GROUP = "identity-service";

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    AuditLedger ledger;
    @Inject
    MeterRegistry metrics;

    private PolledConsumer consumer;
    private volatile Instant failingSince;
    private volatile String lastFailure;

    void start(@Observes StartupEvent started) {
        consumer = PolledConsumer.start(new PolledConsumer.Settings(Topic.AUDIT.topicName(), GROUP, kafka,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000), Duration.ofMillis(200)), this::process, metrics);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (consumer != null) {
            consumer.close();
        }
    }

    public boolean alive() {
        return consumer != null && consumer.alive();
    }

    /** Since when appends fail (null while they succeed), and the last reason. */
    public Instant failingSince() {
        return failingSince;
    }

    public String lastFailure() {
        return lastFailure;
    }

    private List<Rejected> process(ConsumerRecords<String, byte[]> polled) {
        List<AuditRecord> events = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : polled) {
            try {
                events.add(AuditEventReader.read(r.value() == null
                        ? null
                        : new String(r.value(), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejected(r, e.getMessage()));
            }
        }
        try {
            ledger.appendAll(events);
            failingSince = null;
        } catch (RuntimeException e) {
            metrics.counter("pillar_audit_append_failures_total").increment();
            if (failingSince == null) {
                failingSince = Instant.now();
            }
            lastFailure = e.getMessage();
            LOG.errorf("%d audit events could not be chained (read again in a second): %s", events.size(),
                    e.getMessage());
            throw e;
        }
        return rejected;
    }
}
