package io.pillar.response.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Triggers and executors' results are read: both consumers poll. */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {
    @Inject
    FindingEventConsumer findingEvents;
    @Inject
    ResultConsumer results;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("response consumers").status(findingEvents.alive() && results.alive())
                .withData("pillar.findings.events", findingEvents.alive())
                .withData("pillar.response.results", results.alive()).build();
    }
}
