package io.pillar.findings.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.pillar.findings.repository.OutboxRepository;
import io.pillar.findings.repository.OutboxRepository.Pending;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes the outbox to Kafka: right after an import commits, and every second for anything left (a crash between
 * commit and publish loses nothing; an event may then be published twice, consumers are idempotent by event id). Rows
 * are deleted once the broker has acknowledged them (acks=all). Instances take turns (one relay at a time), so the
 * events of one finding leave in the order they were written.
 */
@ApplicationScoped
public class OutboxRelay {
    public static final String CHANNEL = "findings-events";
    private static final int BATCH = 1_000;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    OutboxRepository outbox;
    @Inject
    @Channel(CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4 * BATCH)
    Emitter<String> events;

    private final ReentrantLock running = new ReentrantLock();
    /** Set by every request to publish; the publisher that holds the lock runs again while it is set. */
    private final java.util.concurrent.atomic.AtomicBoolean requested = new java.util.concurrent.atomic.AtomicBoolean();

    void afterImport(@ObservesAsync OutboxWritten written) {
        publishPending();
    }

    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        publishPending();
    }

    /** Publishes until the outbox is empty; returns how many events went out. */
    public int publishPending() {
        requested.set(true);
        int total = 0;
        // whoever holds the lock goes round while requests come in; a request arriving as it lets go is taken here
        while (requested.get() && running.tryLock()) {
            try {
                int sent;
                do {
                    requested.set(false);
                    sent = QuarkusTransaction.requiringNew().timeout(120).call(this::publishBatch);
                    total += sent;
                } while (sent == BATCH || requested.get());
            } catch (RuntimeException e) {
                LOG.warnf("outbox not published yet, retrying: %s", e.getMessage());
                return total;
            } finally {
                running.unlock();
            }
        }
        return total;
    }

    private int publishBatch() throws Exception {
        List<Pending> batch = outbox.claimOldest(BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_type", p.eventType().getBytes(StandardCharsets.UTF_8));
            headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            events.send(Message.of(p.payload())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(p.topic())
                            .withKey(p.key()).withHeaders(headers).build())
                    .withAck(() -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(reason -> {
                        ack.completeExceptionally(reason);
                        return CompletableFuture.completedFuture(null);
                    }));
            acks.add(ack);
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        outbox.delete(batch);
        return batch.size();
    }
}
