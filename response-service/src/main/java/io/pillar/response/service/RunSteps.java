package io.pillar.response.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.pillar.platform.json.Json;
import io.pillar.response.RunStep;
import io.pillar.response.engine.StepState;
import io.pillar.response.engine.StepStore;
import io.pillar.response.repository.RunRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A run's step states in PostgreSQL: read once per drive (an answer that arrives meanwhile pokes the run, which is then
 * driven again), each save committed on its own, so it is durable before the step goes on.
 */
final class RunSteps implements StepStore {
    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };
    private final UUID run;
    private final RunRepository runs;

    RunSteps(UUID run, RunRepository runs) {
        this.run = run;
        this.runs = runs;
    }

    /** The run's step states as the drive began (read once), with what the drive saved since. */
    private Map<String, StepState> states;

    @Override
    public StepState find(String key) {
        if (states == null) {
            states = new HashMap<>();
            QuarkusTransaction.requiringNew().run(() -> runs.steps(run)
                    .forEach(row -> states.put(row.stepKey, state(row))));
        }
        return states.get(key);
    }

    @Override
    public void save(StepState state) {
        if (states != null) {
            states.put(state.key(), state);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            RunStep row = runs.step(run, state.key()).orElse(null);
            Instant now = Instant.now();
            if (row == null) {
                row = new RunStep();
                row.runId = run;
                row.stepKey = state.key();
                row.startedAt = now;
            }
            row.stepId = state.stepId();
            row.stepType = state.type();
            row.name = state.name();
            row.status = state.status();
            row.outcome = state.outcome();
            row.attempt = state.attempt();
            row.inputs = Json.MAPPER.valueToTree(state.inputs()).toString();
            row.outputs = Json.MAPPER.valueToTree(state.outputs()).toString();
            row.error = state.error();
            row.deadline = state.deadline();
            row.nextAttemptAt = state.nextAttemptAt();
            if (state.status().equals("running")) {
                row.startedAt = now;
            }
            row.finishedAt = state.status().equals("completed") || state.status().equals("failed") ? now : null;
            row.persist();
        });
    }

    static StepState state(RunStep row) {
        return new StepState(row.stepKey, row.stepId, row.stepType, row.name, row.status, row.outcome, row.attempt,
                map(row.inputs), map(row.outputs), row.error, row.deadline, row.nextAttemptAt);
    }

    static Map<String, String> map(String json) {
        try {
            return json == null ? Map.of() : Json.MAPPER.readValue(json, TEXT_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored step values that do not read back", e);
        }
    }
}
