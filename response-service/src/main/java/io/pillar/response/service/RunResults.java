package io.pillar.response.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.platform.json.Json;
import io.pillar.response.Run;
import io.pillar.response.RunStep;
import io.pillar.response.repository.RunRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Records an external executor's result for the step that waits for it, and drives the run on. */
@ApplicationScoped
public class RunResults {
    @Inject
    RunRepository runs;
    @Inject
    RunDriver driver;

    /**
     * @throws IllegalArgumentException when no run has this id or the step waits for nothing (the record's dead
     *             letter reason); a repeated result for a step already answered is ignored
     */
    public void record(UUID runId, String stepKey, boolean success, Map<String, String> outputs, String error,
            String executor) {
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            Run run = runs.findById(runId);
            if (run == null) {
                throw new IllegalArgumentException("no run " + runId);
            }
            RunStep step = runs.step(runId, stepKey)
                    .orElseThrow(() -> new IllegalArgumentException("run " + runId + " has no step " + stepKey));
            if (!step.status.equals("waiting")) {
                return false; // delivered again: the step has its answer
            }
            if ("true".equals(RunSteps.map(step.inputs).get("manual"))) {
                throw new IllegalArgumentException("step " + stepKey + " of run " + runId
                        + " waits for a person, not an executor");
            }
            step.status = success ? "completed" : "failed";
            step.outcome = success ? "success" : "failure";
            step.outputs = Json.MAPPER.valueToTree(outputs).toString();
            step.error = error;
            step.completedBy = executor;
            step.finishedAt = Instant.now();
            runs.poke(runId);
            return true;
        });
        if (recorded) {
            driver.driveSoon(runId);
        }
    }
}
