package io.pillar.findings.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the pillar.findings.raw consumer loop is polling. */
@Readiness
@ApplicationScoped
public class RawConsumerReadiness implements HealthCheck {
    @Inject
    RawFindingConsumer consumer;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("pillar.findings.raw consumer").status(consumer.alive()).build();
    }
}
