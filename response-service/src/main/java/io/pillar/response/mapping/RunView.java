package io.pillar.response.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A run as the REST API shows it: its state and, in detail, every step's state, inputs, outputs and timings. */
public record RunView(UUID id, UUID playbookId, int playbookVersion, String playbookName, String team, UUID incidentId,
        String requestedBy, boolean simulation, String status, String error, Map<String, String> inputs,
        Map<String, String> variables, Instant createdAt, Instant updatedAt, Instant finishedAt, List<StepView> steps) {

    public record StepView(String key, String stepId, String name, String status, String outcome, int attempt,
            Map<String, String> inputs, Map<String, String> outputs, String error, Instant startedAt,
            Instant finishedAt, Long durationMs, Instant deadline, Instant nextAttemptAt, String completedBy,
            String comment) {
    }
}
