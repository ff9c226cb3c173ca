package io.pillar.response.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Carries out an action step's commands: at once, or by asking someone (a person, an external executor). */
public interface ActionPerformer {

    /**
     * One attempt at an action step. {@code idempotencyKey} is the same for every attempt of this step in this run,
     * so a command sent twice (after a crash) is recognised by whoever receives it.
     */
    Performed perform(ActionCall call);

    record ActionCall(String idempotencyKey, String stepKey, String stepId, JsonNode step, JsonNode playbook,
            Variables variables, int attempt, Duration timeout) {
    }

    sealed interface Performed {
    }

    /** Done: success or not, the values of its out arguments, and why it failed. */
    record Done(boolean success, Map<String, String> outputs, String error) implements Performed {
    }

    /** Asked: a person or an executor will answer (completing the step) before the deadline. */
    record Waiting(Instant deadline, Map<String, String> inputs) implements Performed {
    }

    /** Could not be done now (an unreachable service): try again after a while, if attempts are left. */
    record Retry(Duration after, String error) implements Performed {
    }
}
