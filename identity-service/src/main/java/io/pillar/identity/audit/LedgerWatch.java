package io.pillar.identity.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Verifies the ledger in the background: the whole of it once the service has started, then every
 * {@code pillar.audit.verify-interval} from the newest checkpoint found whole. Posture reads the latest result
 * ({@link LedgerVerifier#latest()}) instead of walking a ledger of millions of entries while a person waits.
 */
@ApplicationScoped
public class LedgerWatch {
    private static final Logger LOG = Logger.getLogger(LedgerWatch.class);

    @Inject
    LedgerVerifier verifier;
    @ConfigProperty(name = "pillar.audit.verify-interval", defaultValue = "5m")
    Duration interval;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent ev) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("audit-verification")
                .daemon().unstarted(r));
        timer.scheduleWithFixedDelay(this::verifyQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void verifyQuietly() {
        try {
            LedgerVerifier.Verification v = verifier.verify(false);
            if (!v.valid()) {
                LOG.errorf("the audit ledger does not verify: %d problem(s), the first at entry %s",
                        v.problems().size(), v.firstBadSeq());
            }
        } catch (RuntimeException e) {
            LOG.errorf("audit ledger verification failed: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
