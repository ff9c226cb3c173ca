package io.pillar.response.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.json.Json;
import io.pillar.response.engine.ActionPerformer;
import io.pillar.response.engine.Interpreter;
import io.pillar.response.engine.StepState;
import io.pillar.response.engine.StepStore;
import io.pillar.response.engine.VariableCheck;
import io.pillar.response.engine.Variables;
import io.pillar.response.service.ShippedPlaybooks;

/**
 * Each shipped playbook is valid, names Well-Architected best practices that exist, and runs its course: the Pillar
 * actions it should carry out, in order, when the responder approves, and what it does when they reject.
 */
class ShippedPlaybooksTest {
    static final List<String> FILES = ShippedPlaybooks.FILES;
    private static final Map<String, String> INPUTS = Map.of("__principal_id__", "p-1", "__asset_id__", "a-1",
            "__finding_id__", "f-1", "__notify__", "oncall@example.org", "__severity__", "5");

    static Set<String> catalog() throws IOException {
        Path framework = Path.of("../../shared/framework/well-architected-security.json");
        Set<String> ids = new HashSet<>();
        if (Files.exists(framework)) {
            for (JsonNode q : Json.MAPPER.readTree(framework.toFile()).path("questions")) {
                q.path("best_practices").forEach(bp -> ids.add(bp.path("id").asText()));
            }
        }
        return ids;
    }

    @ParameterizedTest
    @FieldSource("FILES")
    void isValidAndNamesTheBestPracticesItServes(String file) throws IOException {
        PlaybookValidator.Checked checked = PlaybookValidator.check(ShippedPlaybooks.read(file));
        assertEquals(List.of(), checked.errors(), file);
        assertEquals(List.of(), checked.warnings(), file);
        List<String> practices = new ArrayList<>();
        checked.playbook().path("labels").forEach(l -> {
            if (l.asText().startsWith("well-architected:")) {
                practices.add(l.asText().substring("well-architected:".length()));
            }
        });
        assertFalse(practices.isEmpty(), file + " names no best practice");
        Set<String> catalog = catalog();
        practices.forEach(p -> assertTrue(catalog.isEmpty() || catalog.contains(p), file + ": " + p));
        assertTrue(practices.contains("SEC10-BP04"), "every shipped playbook serves SEC10-BP04 (playbooks)");
        assertEquals(List.of(), VariableCheck.missing(checked.playbook(), INPUTS), file);
    }

    /** Carries out Pillar actions by recording them; manual steps wait, then take the responder's decision. */
    static final class Recorder implements ActionPerformer, StepStore {
        final Map<String, StepState> states = new LinkedHashMap<>();
        final List<String> actions = new ArrayList<>();

        @Override
        public StepState find(String key) {
            return states.get(key);
        }

        @Override
        public void save(StepState state) {
            states.put(state.key(), state);
        }

        @Override
        public Performed perform(ActionCall call) {
            JsonNode command = call.step().path("commands").get(0);
            if (command.path("type").asText().equals("manual")) {
                return new Waiting(null, Map.of("manual", "true"));
            }
            actions.add(command.path("command").asText());
            return new Done(true, Map.of("__evidence_id__", "e-1", "__evidence_sha256__", "00"), null);
        }

        void answerWaiting(boolean approve) {
            states.replaceAll((k, s) -> s.status().equals("waiting")
                    ? s.with(approve ? "completed" : "failed", approve ? "success" : "rejected", Map.of(), null, null,
                            null)
                    : s);
        }
    }

    private static List<String> run(String file, Boolean approve) throws IOException {
        JsonNode playbook = Json.MAPPER.readTree(ShippedPlaybooks.read(file));
        Recorder r = new Recorder();
        Instant now = Instant.parse("2026-12-02T08:00:00Z");
        Interpreter.Outcome out = new Interpreter("run", r, r, id -> null, Interpreter.Limits.DEFAULT, now)
                .run(playbook, Variables.of(playbook, INPUTS));
        if (out instanceof Interpreter.Parked && approve != null) {
            r.answerWaiting(approve);
            out = new Interpreter("run", r, r, id -> null, Interpreter.Limits.DEFAULT, now.plusSeconds(60))
                    .run(playbook, Variables.of(playbook, INPUTS));
        }
        assertInstanceOf(Interpreter.Completed.class, out, file + ": " + out);
        return r.actions;
    }

    @ParameterizedTest
    @FieldSource("FILES")
    void runsItsCourseWhenApprovedAndWhenRejected(String file) throws IOException {
        Map<String, List<List<String>>> expected = Map.of(
                "exposed-access-key.json", List.of(
                        List.of("capture-evidence", "disable-credential", "update-findings", "notify"),
                        List.of("capture-evidence", "notify")),
                "public-bucket-restricted-data.json", List.of(
                        List.of("capture-evidence", "notify", "quarantine-asset", "update-findings", "notify"),
                        List.of("capture-evidence", "notify")),
                "compromised-instance.json", List.of(
                        List.of("capture-evidence", "quarantine-asset", "update-findings", "notify"),
                        List.of("capture-evidence", "quarantine-asset", "update-findings", "notify")),
                "critical-vulnerability-internet-facing.json", List.of(
                        List.of("notify", "update-findings"),
                        List.of("notify")),
                "privileged-login-without-mfa.json", List.of(
                        List.of("capture-evidence", "notify", "disable-credential", "update-findings"),
                        List.of("capture-evidence", "notify", "update-findings")));
        assertEquals(expected.get(file).get(0), run(file, true), file + " approved");
        assertEquals(expected.get(file).get(1), run(file, false), file + " rejected");
    }
}
