package io.pillar.response.engine;

import java.time.Instant;
import java.util.Map;

/**
 * What a run knows of one time a step ran: {@code running} (persisted before it runs), {@code waiting} (on a person or
 * an executor, until the deadline), {@code retrying} (again at {@code nextAttemptAt}), {@code completed} or
 * {@code failed} with an outcome ({@code success}, {@code failure}, {@code timeout}, {@code rejected}).
 */
public record StepState(String key, String stepId, String type, String name, String status, String outcome,
        int attempt, Map<String, String> inputs, Map<String, String> outputs, String error, Instant deadline,
        Instant nextAttemptAt) {

    public StepState {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }

    public StepState with(String status, String outcome, Map<String, String> outputs, String error, Instant deadline,
            Instant nextAttemptAt) {
        return new StepState(key, stepId, type, name, status, outcome, attempt, inputs, outputs, error, deadline,
                nextAttemptAt);
    }

    public boolean succeeded() {
        return "completed".equals(status) && "success".equals(outcome);
    }
}
