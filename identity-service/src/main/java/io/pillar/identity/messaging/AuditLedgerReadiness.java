package io.pillar.identity.messaging;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** The ledger keeps up: its consumer polls, and audit events have not failed to chain for a minute. */
@Readiness
@ApplicationScoped
public class AuditLedgerReadiness implements HealthCheck {
    private static final Duration TOLERATED = Duration.ofMinutes(1);

    @Inject
    AuditEventConsumer consumer;

    @Override
    public HealthCheckResponse call() {
        Instant since = consumer.failingSince();
        boolean behind = since != null && since.plus(TOLERATED).isBefore(Instant.now());
        HealthCheckResponseBuilder b = HealthCheckResponse.named("audit ledger")
                .status(consumer.alive() && !behind);
        if (since != null) {
            b.withData("failing_since", since.toString()).withData("last_failure", String.valueOf(
                    consumer.lastFailure()));
        }
        return b.build();
    }
}
