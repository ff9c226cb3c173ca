package io.pillar.identity.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.pillar.identity.service.AuditLedger;
import io.quarkus.runtime.StartupEvent;

/**
 * Signs the ledger's head every {@code pillar.audit.checkpoint-interval} (when it moved) or once
 * {@code pillar.audit.checkpoint-entries} entries were appended, and publishes the checkpoint. Before signing, the
 * entries since the last checkpoint are verified: a forged or altered entry is never signed (it is logged and counted
 * in {@code pillar_audit_checkpoints_refused_total}).
 */
@ApplicationScoped
public class Checkpointer {
    private static final Logger LOG = Logger.getLogger(Checkpointer.class);

    @Inject
    LedgerVerifier verifier;
    @Inject
    AuditLedger ledger;
    @Inject
    CheckpointLog log;
    @Inject
    LedgerKeys keys;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "pillar.audit.checkpoint-interval", defaultValue = "10s")
    Duration interval;
    @ConfigProperty(name = "pillar.audit.checkpoint-entries", defaultValue = "1000")
    long everyEntries;

    private final AtomicLong sinceCheckpoint = new AtomicLong();
    private ScheduledExecutorService timer;
    private volatile Checkpoint last;

    void start(@Observes StartupEvent ev) {
        metrics.counter("pillar_audit_checkpoints_refused_total"); // at 0 from the start, for dashboards and alerts
        int sealed = ledger.sealLedgerWithoutSeals();
        if (sealed > 0) {
            LOG.infof("sealed the %d entries of the audit ledger kept before seals existed", sealed);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("audit-checkpoints")
                .daemon().unstarted(r));
        timer.scheduleWithFixedDelay(this::checkpointQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Called after entries were appended: enough of them bring the next checkpoint forward. */
    public void appended(int entries) {
        long before = sinceCheckpoint.getAndAdd(entries);
        if (before < everyEntries && before + entries >= everyEntries && timer != null) {
            timer.execute(this::checkpointQuietly);
        }
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.errorf("audit checkpoint failed: %s", e.getMessage());
        }
    }

    /** Signs and publishes the head if it moved since the last checkpoint; answers the newest checkpoint. */
    public synchronized Checkpoint checkpoint() {
        if (last == null) {
            var published = log.read().checkpoints();
            last = published.isEmpty() ? null : published.get(published.size() - 1);
        }
        sinceCheckpoint.set(0);
        LedgerVerifier.Head head = verifier.headSince(last);
        if (head == null || (last != null && head.seq() == last.seq())) {
            return last;
        }
        if (!head.valid()) {
            metrics.counter("pillar_audit_checkpoints_refused_total").increment();
            LOG.errorf("audit checkpoint refused: %s", head.problem());
            return last;
        }
        Checkpoint c = Checkpoint.sign(head.seq(), head.hash(), Instant.now(), keys);
        log.publish(c);
        last = c;
        return c;
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
