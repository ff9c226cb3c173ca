package io.pillar.response.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.response.engine.ActionPerformer.ActionCall;
import io.pillar.response.engine.ActionPerformer.Done;
import io.pillar.response.engine.ActionPerformer.Performed;
import io.pillar.response.engine.ActionPerformer.Retry;
import io.pillar.response.engine.ActionPerformer.Waiting;

/**
 * Runs a CACAO 2.0 workflow by replaying it: every time a run is driven, the walk starts again at
 * {@code workflow_start}; a step whose state is stored as finished is not run again, its stored outputs are applied
 * instead, so the walk takes the same path and arrives where the run stopped. A step waiting on a person or an
 * executor parks its branch (other parallel branches go on); the run is driven again when it is answered or when a
 * deadline or retry falls due.
 *
 * <p>Branches (if, while, switch, parallel) run until an end step and return to the step that opened them. A failed
 * action goes to its {@code on_failure}; without one, the playbook's {@code workflow_exception} runs and the run fails.
 */
public final class Interpreter {
    /** How the walk ended this time. */
    public sealed interface Outcome {
    }

    public record Completed() implements Outcome {
    }

    /** Waiting on someone or something; the run should be driven again at {@code wakeAt} (null: when answered). */
    public record Parked(Instant wakeAt) implements Outcome {
    }

    public record Failed(String error) implements Outcome {
    }

    /** Limits and defaults a walk obeys. */
    public record Limits(int maxAttempts, Duration firstBackoff, Duration defaultTimeout, Duration defaultWait,
            int maxWhileIterations, int maxPlaybookDepth) {
        public static final Limits DEFAULT = new Limits(3, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofHours(24), 100, 5);
    }

    private final String runId;
    private final StepStore store;
    private final ActionPerformer performer;
    private final Function<String, JsonNode> playbooks;
    private final Limits limits;
    private final Instant now;
    private Instant wakeAt;

    /**
     * @param playbooks the playbook a {@code playbook-action} step names, asked as {@code <CACAO id>@<version>} (the
     *            version its {@code modified} time, empty for the latest), or null if there is none
     */
    public Interpreter(String runId, StepStore store, ActionPerformer performer, Function<String, JsonNode> playbooks,
            Limits limits, Instant now) {
        this.runId = runId;
        this.store = store;
        this.performer = performer;
        this.playbooks = playbooks;
        this.limits = limits;
        this.now = now;
    }

    /** Drives the run as far as it goes now. */
    public Outcome run(JsonNode playbook, Variables variables) {
        try {
            Flow flow = sequence(playbook, playbook.path("workflow_start").asText(), "", variables, 0);
            return flow == Flow.PARKED ? new Parked(wakeAt) : new Completed();
        } catch (StepFailed failure) {
            String handler = playbook.path("workflow_exception").asText(null);
            if (handler != null && playbook.path("workflow").has(handler)) {
                variables.set("__pillar_error__", failure.getMessage());
                try {
                    if (sequence(playbook, handler, "exception/", variables, 0) == Flow.PARKED) {
                        return new Parked(wakeAt);
                    }
                } catch (StepFailed inHandler) {
                    return new Failed(failure.getMessage() + "; the exception handler failed too: "
                            + inHandler.getMessage());
                }
            }
            return new Failed(failure.getMessage());
        }
    }

    private enum Flow {
        DONE, PARKED
    }

    /** A step failed and nothing in the workflow takes the failure. */
    static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message, null, false, false);
        }
    }

    private Flow sequence(JsonNode playbook, String start, String prefix, Variables vars, int depth) {
        JsonNode workflow = playbook.path("workflow");
        Map<String, Integer> visits = new HashMap<>();
        String id = start;
        while (id != null && !id.isEmpty()) {
            JsonNode step = workflow.get(id);
            if (step == null) {
                throw new StepFailed("step " + id + " does not exist");
            }
            int visit = visits.merge(id, 1, Integer::sum);
            String key = prefix + id + (visit > 1 ? "@" + visit : "");
            String type = step.path("type").asText();
            boolean parked = false;
            switch (type) {
                case "end" :
                    return Flow.DONE;
                case "start" :
                    break;
                case "action" : {
                    StepState state = action(playbook, id, key, step, vars);
                    if (state == null) {
                        return Flow.PARKED;
                    }
                    if (!state.succeeded()) {
                        String onFailure = step.path("on_failure").asText(null);
                        if (onFailure == null) {
                            throw new StepFailed("step " + label(id, step) + " failed: " + describe(state));
                        }
                        id = onFailure;
                        continue;
                    }
                    break;
                }
                case "if-condition" : {
                    String branch = condition(id, step, vars)
                            ? step.path("on_true").asText(null)
                            : step.path("on_false").asText(null);
                    if (branch != null && sequence(playbook, branch, key + "/", vars, depth) == Flow.PARKED) {
                        return Flow.PARKED;
                    }
                    break;
                }
                case "while-condition" : {
                    for (int i = 1; condition(id, step, vars); i++) {
                        if (i > limits.maxWhileIterations()) {
                            throw new StepFailed("step " + label(id, step) + " looped more than "
                                    + limits.maxWhileIterations() + " times");
                        }
                        if (sequence(playbook, step.path("on_true").asText(), key + "#" + i + "/", vars,
                                depth) == Flow.PARKED) {
                            return Flow.PARKED;
                        }
                    }
                    break;
                }
                case "switch-condition" : {
                    String value = vars.substitute(step.path("switch").asText());
                    JsonNode cases = step.path("cases");
                    String branch = cases.has(value)
                            ? cases.get(value).asText()
                            : cases.has("default") ? cases.get("default").asText() : null;
                    if (branch != null && sequence(playbook, branch, key + "/", vars, depth) == Flow.PARKED) {
                        return Flow.PARKED;
                    }
                    break;
                }
                case "parallel" : {
                    JsonNode next = step.path("next_steps");
                    for (int i = 0; i < next.size(); i++) {
                        parked |= sequence(playbook, next.get(i).asText(), key + "[" + i + "]/", vars,
                                depth) == Flow.PARKED;
                    }
                    break;
                }
                case "playbook-action" : {
                    if (subPlaybook(id, key, step, vars, depth) == Flow.PARKED) {
                        return Flow.PARKED;
                    }
                    break;
                }
                default :
                    throw new StepFailed("step " + label(id, step) + " has a type Pillar does not run: " + type);
            }
            if (parked) {
                return Flow.PARKED;
            }
            id = step.has("on_completion") ? step.get("on_completion").asText() : step.path("on_success").asText(null);
        }
        return Flow.DONE;
    }

    /** The action's final state, or null while it waits (or waits to be tried again). */
    private StepState action(JsonNode playbook, String id, String key, JsonNode step, Variables vars) {
        StepState state = store.find(key);
        Variables scoped = vars.withStep(step);
        if (state != null) {
            switch (state.status()) {
                case "completed", "failed" :
                    apply(state, vars);
                    return state;
                case "waiting" :
                    if (state.deadline() != null && !now.isBefore(state.deadline())) {
                        StepState timedOut = state.with("failed", "timeout", Map.of(), "no answer before "
                                + state.deadline(), state.deadline(), null);
                        store.save(timedOut);
                        return timedOut;
                    }
                    wake(state.deadline());
                    return null;
                case "retrying" :
                    if (now.isBefore(state.nextAttemptAt())) {
                        wake(state.nextAttemptAt());
                        return null;
                    }
                    break;
                default : // running: the service stopped while the step ran; it runs again with the same key
            }
        }
        long delay = step.path("delay").asLong(0);
        if (state == null && delay > 0) {
            // CACAO's delay: the step waits this long before it starts (durably, as a retry would)
            StepState waiting = new StepState(key, id, "action", step.path("name").asText(null), "retrying", null, 0,
                    Map.of(), Map.of(), "delayed " + delay + " ms", null, now.plusMillis(delay));
            store.save(waiting);
            wake(waiting.nextAttemptAt());
            return null;
        }
        int attempt = state == null ? 1 : state.attempt() + 1;
        StepState running = new StepState(key, id, "action", step.path("name").asText(null), "running", null, attempt,
                inputs(step, scoped), Map.of(), null, null, null);
        store.save(running);
        Duration timeout = step.has("timeout")
                ? Duration.ofMillis(step.get("timeout").asLong())
                : limits.defaultTimeout();
        Performed performed = performer.perform(new ActionCall(runId + "/" + key, key, id, step, playbook, scoped,
                attempt, timeout));
        StepState after = switch (performed) {
            case Done d -> running.with(d.success() ? "completed" : "failed", d.success() ? "success" : "failure",
                    d.outputs(), d.error(), null, null);
            case Waiting w -> new StepState(key, id, "action", running.name(), "waiting", null, attempt,
                    w.inputs() == null ? running.inputs() : w.inputs(), Map.of(), null,
                    w.deadline() != null
                            ? w.deadline()
                            : now.plus(step.has("timeout") ? timeout : limits.defaultWait()),
                    null);
            case Retry r -> attempt < limits.maxAttempts()
                    ? running.with("retrying", null, Map.of(), r.error(), null,
                            now.plus(limits.firstBackoff().multipliedBy(1L << (attempt - 1))))
                    : running.with("failed", "failure", Map.of(), r.error() + " (after " + attempt + " attempts)",
                            null, null);
        };
        store.save(after);
        switch (after.status()) {
            case "waiting" -> {
                wake(after.deadline());
                return null;
            }
            case "retrying" -> {
                wake(after.nextAttemptAt());
                return null;
            }
            default -> {
                apply(after, vars);
                return after;
            }
        }
    }

    private Flow subPlaybook(String id, String key, JsonNode step, Variables vars, int depth) {
        if (depth >= limits.maxPlaybookDepth()) {
            throw new StepFailed(
                    "step " + label(id, step) + ": playbooks nest deeper than " + limits.maxPlaybookDepth());
        }
        JsonNode child = playbooks == null
                ? null
                : playbooks.apply(step.path("playbook_id").asText() + "@"
                        + step.path("playbook_version").asText(""));
        if (child == null) {
            throw new StepFailed("step " + label(id, step) + ": no playbook " + step.path("playbook_id").asText());
        }
        Variables inner = Variables.of(child, Map.of());
        for (JsonNode in : step.path("in_args")) {
            if (vars.has(in.asText())) {
                inner.set(in.asText(), vars.get(in.asText()));
            }
        }
        Flow flow = sequence(child, child.path("workflow_start").asText(), key + ">", inner, depth + 1);
        for (JsonNode out : step.path("out_args")) {
            if (inner.has(out.asText())) {
                vars.set(out.asText(), inner.get(out.asText()));
            }
        }
        return flow;
    }

    private boolean condition(String id, JsonNode step, Variables vars) {
        try {
            return Condition.evaluate(step.path("condition").asText(), vars.withStep(step));
        } catch (IllegalArgumentException e) {
            throw new StepFailed("step " + label(id, step) + ": " + e.getMessage());
        }
    }

    /** The step's out arguments take the values it gave. */
    private static void apply(StepState state, Variables vars) {
        state.outputs().forEach(vars::set);
    }

    /** The values of the variables the step refers to (what it was given). */
    private static Map<String, String> inputs(JsonNode step, Variables vars) {
        Map<String, String> in = new HashMap<>();
        for (JsonNode name : step.path("in_args")) {
            if (vars.has(name.asText())) {
                in.put(name.asText(), vars.get(name.asText()));
            }
        }
        for (String name : Variables.referencedIn(step.path("commands").toString())) {
            if (vars.has(name)) {
                in.put(name, vars.get(name));
            }
        }
        return in;
    }

    private void wake(Instant at) {
        if (at != null && (wakeAt == null || at.isBefore(wakeAt))) {
            wakeAt = at;
        }
    }

    private static String label(String id, JsonNode step) {
        return step.has("name") ? "\"" + step.get("name").asText() + "\" (" + id + ")" : id;
    }

    private static String describe(StepState state) {
        return state.outcome() + (state.error() == null ? "" : ": " + state.error());
    }
}
