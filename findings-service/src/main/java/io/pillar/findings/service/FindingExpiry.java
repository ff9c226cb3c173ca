package io.pillar.findings.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Every 30 seconds: suppressions and risk acceptances past their expiry make their findings new again. */
@ApplicationScoped
public class FindingExpiry {
    private static final Logger LOG = Logger.getLogger(FindingExpiry.class);
    private static final int BATCH = 500;

    @Inject
    FindingWorkflow workflow;

    @Scheduled(every = "${pillar.findings.expiry-check:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        int total = 0;
        int n;
        do {
            n = workflow.expire(Instant.now(), BATCH);
            total += n;
        } while (n == BATCH);
        if (total > 0) {
            LOG.infof("%d suppressions or risk acceptances expired", total);
        }
    }
}
