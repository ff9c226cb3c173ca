package io.pillar.response.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.platform.json.Json;

class PlaybookValidatorTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = PlaybookValidatorTest.class.getResourceAsStream("/playbooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static ObjectNode tree(String name) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(fixture(name));
    }

    static List<PlaybookError> errorsOf(ObjectNode playbook) {
        return PlaybookValidator.check(playbook.toString()).errors();
    }

    @Test
    void soundPlaybooksHaveNoErrors() throws IOException {
        for (String f : List.of("approve-then-notify.json", "approve-then-call.json", "engine-flow.json")) {
            assertEquals(List.of(), PlaybookValidator.check(fixture(f)).errors(), f);
        }
    }

    @Test
    void aPracticeLabelThatNamesNoPracticeIsAWarning() throws IOException {
        ObjectNode doc = tree("engine-flow.json");
        doc.putArray("labels").add("drill").add("well-architected:SEC10-BP04").add("well-architected:SEC10");
        PlaybookValidator.Checked checked = PlaybookValidator.check(doc.toString());
        assertEquals(List.of(), checked.errors());
        assertEquals(1, checked.warnings().size(), checked.warnings().toString());
        assertEquals("$.labels[2]", checked.warnings().get(0).path());
        assertTrue(checked.warnings().get(0).message().contains("names no Well-Architected best practice"));
    }

    @Test
    void notJsonSaysWhere() {
        List<PlaybookError> errors = PlaybookValidator.check("{\"type\": \"playbook\",\n  \"id\": ").errors();
        assertEquals(1, errors.size());
        assertEquals("$", errors.get(0).path());
        assertTrue(errors.get(0).message().contains("line 2"), errors.toString());
    }

    @Test
    void schemaErrorsNameThePath() throws IOException {
        ObjectNode p = tree("approve-then-notify.json");
        p.remove("spec_version");
        ((ObjectNode) p.get("workflow").get("action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081")).put("agent", "bob");
        List<PlaybookError> errors = errorsOf(p);
        assertTrue(errors.stream().anyMatch(e -> e.path().equals("$") && e.message().contains("spec_version")),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.path().startsWith(
                "$.workflow['action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081'].agent")), errors.toString());
    }

    @Test
    void aDanglingStepIsNamed() throws IOException {
        ObjectNode p = tree("approve-then-notify.json");
        ((ObjectNode) p.get("workflow").get("action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081"))
                .put("on_completion", "end--00000000-0000-4000-8000-000000000000");
        List<PlaybookError> errors = errorsOf(p);
        assertTrue(errors.contains(new PlaybookError(
                "$.workflow['action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081'].on_completion",
                "step end--00000000-0000-4000-8000-000000000000 does not exist in the workflow")), errors.toString());
        assertTrue(errors.contains(new PlaybookError("$.workflow['end--6b5c9d0e-2f3a-4b4c-9d5e-6f708192a3b4']",
                "step is not reachable from workflow_start")), errors.toString());
    }

    @Test
    void aLoopWithoutAnExitIsRefusedAndOneWithAnExitIsNot() throws IOException {
        ObjectNode p = tree("approve-then-notify.json");
        ObjectNode workflow = (ObjectNode) p.get("workflow");
        // the if step goes on to the action, which goes back to the if step: nothing ever reaches an end
        ((ObjectNode) workflow.get("if-condition--2d1e5f6a-8b9c-4d0e-9f1a-2b3c4d5e6f70"))
                .put("on_completion", "action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081");
        ((ObjectNode) workflow.get("action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081"))
                .put("on_completion", "if-condition--2d1e5f6a-8b9c-4d0e-9f1a-2b3c4d5e6f70");
        List<PlaybookError> errors = errorsOf(p);
        assertTrue(errors.stream().anyMatch(e -> e.message().contains("loop without an exit")
                && e.path().contains("if-condition--2d1e5f6a")), errors.toString());

        // the action fails over to an end step: the loop has a way out
        ObjectNode action = (ObjectNode) workflow.get("action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081");
        action.remove("on_completion");
        action.put("on_success", "if-condition--2d1e5f6a-8b9c-4d0e-9f1a-2b3c4d5e6f70");
        action.put("on_failure", "end--6b5c9d0e-2f3a-4b4c-9d5e-6f708192a3b4");
        assertEquals(List.of(), errorsOf(p).stream().filter(e -> e.message().contains("loop")).toList());
    }

    @Test
    void onCompletionWithOnSuccessIsRefused() throws IOException {
        ObjectNode p = tree("approve-then-notify.json");
        ((ObjectNode) p.get("workflow").get("action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081"))
                .put("on_success", "end--6b5c9d0e-2f3a-4b4c-9d5e-6f708192a3b4");
        assertTrue(errorsOf(p).stream().anyMatch(e -> e.message().contains("on_completion must not")));
    }

    @Test
    void undefinedAgentsTargetsAndBadContactsAreRefused() throws IOException {
        ObjectNode p = tree("approve-then-notify.json");
        ObjectNode action = (ObjectNode) p.get("workflow").get("action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081");
        action.put("agent", "individual--99999999-0d1e-4f2a-9b3c-4d5e6f708192");
        action.putArray("targets").add("group--88888888-0d1e-4f2a-9b3c-4d5e6f708192");
        ((ObjectNode) p.at("/agent_definitions/individual--4f3a7b8c-0d1e-4f2a-9b3c-4d5e6f708192/contact/email"))
                .put("work", "oncall@example.org\r\nBcc: everyone@example.org");
        List<PlaybookError> errors = errorsOf(p);
        String step = "$.workflow['action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081']";
        assertTrue(errors.stream().anyMatch(e -> e.path().equals(step + ".agent")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.path().equals(step + ".targets[0]")), errors.toString());
        assertTrue(errors.contains(new PlaybookError(
                "$.agent_definitions['individual--4f3a7b8c-0d1e-4f2a-9b3c-4d5e6f708192'].contact.email['work']",
                "not a well-formed e-mail address")), errors.toString());
    }
}
