package io.pillar.response.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.json.Json;
import io.pillar.response.engine.ActionPerformer.ActionCall;
import io.pillar.response.engine.ActionPerformer.Done;
import io.pillar.response.engine.ActionPerformer.Performed;
import io.pillar.response.engine.ActionPerformer.Retry;
import io.pillar.response.engine.ActionPerformer.Waiting;
import io.pillar.response.playbook.PlaybookValidator;

class InterpreterTest {
    private static final String APPROVE = "action--00000000-0000-4000-8000-00000000000a";
    private static final String NOTIFY = "action--00000000-0000-4000-8000-00000000000b";
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    /** The states a run keeps, in memory: what the database holds in the service. */
    static final class Store implements StepStore {
        final Map<String, StepState> states = new LinkedHashMap<>();

        @Override
        public StepState find(String key) {
            return states.get(key);
        }

        @Override
        public void save(StepState state) {
            states.put(state.key(), state);
        }
    }

    /** Waits on manual steps, counts on http-api steps, and records every call. */
    static final class Scripted implements ActionPerformer {
        final List<ActionCall> calls = new ArrayList<>();
        boolean failCounting;
        int unavailable;

        @Override
        public Performed perform(ActionCall call) {
            calls.add(call);
            String type = call.step().path("commands").get(0).path("type").asText();
            if (type.equals("manual")) {
                return new Waiting(null, null);
            }
            if (type.equals("http-api")) {
                if (unavailable-- > 0) {
                    return new Retry(Duration.ofSeconds(1), "connection refused");
                }
                if (failCounting) {
                    return new Done(false, Map.of(), "counter is broken");
                }
                int count = Integer.parseInt(call.variables().get("__count__"));
                return new Done(true, Map.of("__count__", Integer.toString(count + 1)), null);
            }
            return new Done(true, Map.of(), null);
        }

        long callsOf(String stepId) {
            return calls.stream().filter(c -> c.stepId().equals(stepId)).count();
        }
    }

    static JsonNode playbook() throws IOException {
        try (InputStream in = InterpreterTest.class.getResourceAsStream("/playbooks/engine-flow.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    private static Interpreter.Outcome drive(JsonNode playbook, Store store, Scripted performer, Instant now,
            Variables vars) {
        return new Interpreter("run-1", store, performer, id -> null, Interpreter.Limits.DEFAULT, now)
                .run(playbook, vars);
    }

    private static Variables vars(JsonNode playbook) {
        return Variables.of(playbook, Map.of());
    }

    @Test
    void theFixtureIsAValidPlaybook() throws IOException {
        assertEquals(List.of(), PlaybookValidator.check(playbook().toString()).errors());
    }

    @Test
    void aManualStepParksItsBranchAndTheRunGoesOnOnceAnsweredWithoutRepeatingDoneSteps() throws IOException {
        JsonNode p = playbook();
        Store store = new Store();
        Scripted performer = new Scripted();
        Interpreter.Outcome first = drive(p, store, performer, T0, vars(p));
        Interpreter.Parked parked = assertInstanceOf(Interpreter.Parked.class, first);
        assertEquals(T0.plus(Duration.ofHours(24)), parked.wakeAt(), "a manual step waits 24 h unless it says");
        assertEquals("waiting", store.find("parallel--00000000-0000-4000-8000-000000000002[0]/" + APPROVE).status());
        assertEquals("completed", store.find("parallel--00000000-0000-4000-8000-000000000002[1]/" + NOTIFY).status(),
                "the other parallel branch is not held up");

        // nothing has answered yet: driving again changes nothing and repeats nothing
        assertInstanceOf(Interpreter.Parked.class, drive(p, store, performer, T0.plusSeconds(5), vars(p)));
        assertEquals(1, performer.callsOf(NOTIFY));
        assertEquals(1, performer.callsOf(APPROVE));

        // a responder approves, giving the step's out argument
        String key = "parallel--00000000-0000-4000-8000-000000000002[0]/" + APPROVE;
        store.save(store.find(key).with("completed", "success", Map.of("__approved__", "true"), null, null, null));
        Variables vars = vars(p);
        assertInstanceOf(Interpreter.Completed.class, drive(p, store, performer, T0.plusSeconds(10), vars));
        assertEquals("3", vars.get("__count__"), "the while loop ran its body three times");
        assertEquals(1, performer.callsOf(NOTIFY));
        assertEquals(3, performer.callsOf("action--00000000-0000-4000-8000-00000000000c"));
        assertTrue(store.states.containsKey("if-condition--00000000-0000-4000-8000-000000000003/"
                + "while-condition--00000000-0000-4000-8000-000000000004#3/action--00000000-0000-4000-8000-00000000000c"));

        // replayed after the end: the same result, nothing performed again
        Variables again = vars(p);
        assertInstanceOf(Interpreter.Completed.class, drive(p, store, performer, T0.plusSeconds(20), again));
        assertEquals("3", again.get("__count__"));
        assertEquals(5, performer.calls.size());
    }

    @Test
    void aRejectionOrTimeoutFailsTheStepAndTheExceptionHandlerRuns() throws IOException {
        JsonNode p = playbook();
        Store store = new Store();
        Scripted performer = new Scripted();
        drive(p, store, performer, T0, vars(p));
        Interpreter.Outcome late = drive(p, store, performer, T0.plus(Duration.ofHours(25)), vars(p));
        Interpreter.Failed failed = assertInstanceOf(Interpreter.Failed.class, late);
        assertTrue(failed.error().contains("approve") && failed.error().contains("timeout"), failed.error());
        assertEquals(1, performer.callsOf("action--00000000-0000-4000-8000-00000000000e"));
    }

    @Test
    void aStepInterruptedWhileRunningRunsAgainWithTheSameIdempotencyKey() throws IOException {
        JsonNode p = playbook();
        Store store = new Store();
        Scripted performer = new Scripted();
        String key = "parallel--00000000-0000-4000-8000-000000000002[1]/" + NOTIFY;
        store.save(new StepState(key, NOTIFY, "action", "notify", "running", null, 1, Map.of(), Map.of(), null, null,
                null));
        drive(p, store, performer, T0, vars(p));
        ActionCall call = performer.calls.stream().filter(c -> c.stepId().equals(NOTIFY)).findFirst().orElseThrow();
        assertEquals(2, call.attempt());
        assertEquals("run-1/" + key, call.idempotencyKey());
    }

    @Test
    void anUnavailableServiceIsRetriedWithBackoffThenTheStepFails() throws IOException {
        JsonNode p = playbook();
        Store store = new Store();
        Scripted performer = new Scripted();
        drive(p, store, performer, T0, vars(p));
        String approve = "parallel--00000000-0000-4000-8000-000000000002[0]/" + APPROVE;
        store.save(store.find(approve).with("completed", "success", Map.of("__approved__", "true"), null, null, null));
        performer.unavailable = 5;
        Interpreter.Parked retry = assertInstanceOf(Interpreter.Parked.class,
                drive(p, store, performer, T0.plusSeconds(1), vars(p)));
        assertEquals(T0.plusSeconds(2), retry.wakeAt(), "first retry after 1 s");
        assertInstanceOf(Interpreter.Parked.class, drive(p, store, performer, T0.plusSeconds(1), vars(p)));
        Interpreter.Parked second = assertInstanceOf(Interpreter.Parked.class,
                drive(p, store, performer, T0.plusSeconds(2), vars(p)));
        assertEquals(T0.plusSeconds(4), second.wakeAt(), "then after 2 s");
        Interpreter.Failed failed = assertInstanceOf(Interpreter.Failed.class,
                drive(p, store, performer, T0.plusSeconds(4), vars(p)));
        assertTrue(failed.error().contains("after 3 attempts"), failed.error());
    }

    @Test
    void aDelayedStepStartsWhenItsDelayHasPassed() throws IOException {
        JsonNode p = playbook();
        ((com.fasterxml.jackson.databind.node.ObjectNode) p.get("workflow").get(NOTIFY)).put("delay", 5000);
        Store store = new Store();
        Scripted performer = new Scripted();
        drive(p, store, performer, T0, vars(p));
        String key = "parallel--00000000-0000-4000-8000-000000000002[1]/" + NOTIFY;
        assertEquals("retrying", store.find(key).status());
        assertEquals(0, performer.callsOf(NOTIFY));
        drive(p, store, performer, T0.plusSeconds(4), vars(p));
        assertEquals(0, performer.callsOf(NOTIFY));
        drive(p, store, performer, T0.plusSeconds(5), vars(p));
        assertEquals(1, performer.callsOf(NOTIFY));
        assertEquals("completed", store.find(key).status());
    }

    @Test
    void aPlaybookActionRunsTheNamedPlaybookAndVersion() throws IOException {
        JsonNode parent = Json.MAPPER.readTree("""
                {"workflow_start": "start--1", "workflow": {
                  "start--1": {"type": "start", "on_completion": "playbook-action--2"},
                  "playbook-action--2": {"type": "playbook-action", "playbook_id": "playbook--child",
                    "playbook_version": "2026-12-01T00:00:00.000Z", "in_args": ["__count__"], "out_args": ["__count__"],
                    "on_completion": "end--3"},
                  "end--3": {"type": "end"}},
                 "playbook_variables": {"__count__": {"type": "integer", "value": "41"}}}""");
        JsonNode child = Json.MAPPER.readTree("""
                {"workflow_start": "start--a", "workflow": {
                  "start--a": {"type": "start", "on_completion": "action--b"},
                  "action--b": {"type": "action", "commands": [{"type": "http-api", "command": "POST /count"}],
                    "agent": "x", "in_args": ["__count__"], "out_args": ["__count__"], "on_completion": "end--c"},
                  "end--c": {"type": "end"}},
                 "playbook_variables": {"__count__": {"type": "integer", "value": "0"}}}""");
        List<String> asked = new ArrayList<>();
        Store store = new Store();
        Variables vars = Variables.of(parent, Map.of());
        Interpreter.Outcome out = new Interpreter("run-1", store, new Scripted(), id -> {
            asked.add(id);
            return child;
        }, Interpreter.Limits.DEFAULT, T0).run(parent, vars);
        assertInstanceOf(Interpreter.Completed.class, out);
        assertEquals(List.of("playbook--child@2026-12-01T00:00:00.000Z"), asked);
        assertEquals("42", vars.get("__count__"), "in_args go in, out_args come back");
        assertTrue(store.states.containsKey("playbook-action--2>action--b"));
    }

    @Test
    void aWhileLoopIsBounded() throws IOException {
        JsonNode p = playbook();
        Store store = new Store();
        Scripted performer = new Scripted();
        drive(p, store, performer, T0, vars(p));
        String approve = "parallel--00000000-0000-4000-8000-000000000002[0]/" + APPROVE;
        store.save(store.find(approve).with("completed", "success", Map.of("__approved__", "true"), null, null, null));
        var limits = new Interpreter.Limits(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1), 2,
                5);
        Interpreter.Outcome out = new Interpreter("run-1", store, performer, id -> null, limits, T0).run(p, vars(p));
        assertTrue(assertInstanceOf(Interpreter.Failed.class, out).error().contains("looped more than 2 times"));
    }
}
