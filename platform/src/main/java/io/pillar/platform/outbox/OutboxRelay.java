package io.pillar.platform.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes the outbox to Kafka right after a transaction that wrote to it commits, and every second for anything
 * left. Rows go once the broker has acknowledged them (acks=all); an event may go out twice after a crash, and
 * consumers are idempotent by event id. The producer takes the service's {@code kafka.*} configuration.
 */
@ApplicationScoped
@IfBuildProperty(name = "pillar.outbox.enabled", stringValue = "true")
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    OutboxConfig config;
    @Inject
    MeterRegistry metrics;

    private Producer<String, String> producer;
    private OutboxPublisher publisher;
    private final ReentrantLock running = new ReentrantLock();
    /** Set by every request to publish; the publisher that holds the lock runs again while it is set. */
    private final AtomicBoolean requested = new AtomicBoolean();

    /** The platform's tables first, before anything writes to them (after the service's own migrations). */
    void migrate(@Observes @Priority(1) StartupEvent start) {
        OutboxSchema.migrate(dataSource);
    }

    void afterCommit(@ObservesAsync OutboxWritten written) {
        publishPending();
    }

    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        publishPending();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneDeadLetters() {
        try {
            int pruned = publisher().pruneDeadLetters(config.deadLetterRetention());
            if (pruned > 0) {
                LOG.infof("removed %d outbox dead letters older than %s", pruned, config.deadLetterRetention());
            }
        } catch (Exception e) {
            LOG.warnf("outbox dead letters not pruned: %s", e.getMessage());
        }
    }

    /** Publishes until the outbox is empty (or another instance's relay holds it); returns how many events went. */
    public int publishPending() {
        requested.set(true);
        int total = 0;
        // whoever holds the lock goes round while requests come in; a request arriving as it lets go is taken here
        while (requested.get() && running.tryLock()) {
            try {
                OutboxPublisher.Round round;
                do {
                    requested.set(false);
                    round = publisher().publishOnce();
                    total += round.handled();
                    metrics.counter(OutboxMetrics.RELAYED).increment(round.handled() - round.deadLettered());
                    if (round.deadLettered() > 0) {
                        LOG.errorf("%d outbox events were refused by Kafka for good and moved to outbox_dead_letter "
                                + "with the reason", round.deadLettered());
                    }
                } while ((round.handled() == publisher().batch() && round.left() == 0) || requested.get());
            } catch (Exception e) {
                LOG.warnf("outbox not published yet, retrying: %s", e.getMessage());
                return total;
            } finally {
                running.unlock();
            }
        }
        return total;
    }

    private synchronized OutboxPublisher publisher() {
        if (publisher == null) {
            Map<String, Object> settings = new HashMap<>(kafka);
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            settings.put(ProducerConfig.LINGER_MS_CONFIG, "1");
            // an import publishes a thousand events at a time: large batches take far fewer round trips
            settings.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
            settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            settings.keySet().retainAll(ProducerConfig.configNames());
            producer = new KafkaProducer<>(settings);
            publisher = new OutboxPublisher(dataSource, producer, config.batch(), config.ackTimeout());
        }
        return publisher;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
