package io.pillar.platform.kafka;

import java.time.Duration;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

/**
 * How a consumer waits while processing fails for a reason that is not the record's (the database away, say): 1 s
 * after a first failure, twice as long after each next one, 30 s at most. It neither spins on a dead database nor
 * sends good records to the dead letters because of it.
 */
public final class Backoff {
    private static final Logger LOG = Logger.getLogger(Backoff.class);

    private Backoff() {
    }

    public static Duration after(int failures) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(Math.max(failures, 1) - 1, 5)));
    }

    /**
     * Runs {@code work} until it completes or fails for the record's own fault ({@code recordsFault}), which is
     * thrown for the caller to dead-letter; any other failure is logged and the work run again after
     * {@link #after(int)}. An interrupt while waiting ends the wait with the last failure.
     */
    public static void untilDone(String what, Runnable work, Predicate<RuntimeException> recordsFault) {
        for (int failures = 1;; failures++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (recordsFault.test(e)) {
                    throw e;
                }
                Duration wait = after(failures);
                LOG.warnf(failures == 1 ? e : null, "%s not processed yet (%d time(s) in a row), again in %d s: %s",
                        what, failures, wait.toSeconds(), e.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
