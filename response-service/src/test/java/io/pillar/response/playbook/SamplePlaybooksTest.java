package io.pillar.response.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conformance over the real CACAO playbooks in {@code ../shared/samples/cacao_playbooks} (as its EXPECTED.md says);
 * skipped with a message where the samples are not beside the project.
 */
class SamplePlaybooksTest {
    private static final Path SAMPLES = Path.of("../../shared/samples/cacao_playbooks");

    @BeforeAll
    static void samplesPresent() {
        assumeTrue(Files.isDirectory(SAMPLES), "skipped: no CACAO samples at " + SAMPLES.toAbsolutePath());
    }

    private static List<PlaybookError> errors(String file) throws IOException {
        return PlaybookValidator.check(Files.readString(SAMPLES.resolve(file))).errors();
    }

    @Test
    void soarcasMainFlowIsValidWithAWarningForItsExceptionHandler() throws IOException {
        PlaybookValidator.Checked checked = PlaybookValidator
                .check(Files.readString(SAMPLES.resolve("soarca_test_playbook.json")));
        assertEquals(List.of(), checked.errors());
        assertEquals(List.of(new PlaybookError("$.workflow_exception",
                "step end--40131926-89e9-44df-a018-5f92f2df7914 does not exist in the workflow")), checked.warnings());
        assertEquals("playbook--61a6c41e-6efc-4516-a242-dfbc5c89d562", checked.playbook().get("id").asText());
        assertEquals(5, checked.playbook().get("workflow").size());
    }

    @Test
    void theExamplesAreValid() throws IOException {
        assertEquals(List.of(), errors("soarca_example_http-playbook.json"));
        assertEquals(List.of(), errors("soarca_example_manual-playbook.json"));
    }

    @Test
    void theMissingStepIsNamed() throws IOException {
        List<PlaybookError> errors = errors("soarca_test_missing_step_playbook.json");
        assertTrue(errors.stream().anyMatch(e -> e.message()
                .equals("step end--6b23c237-ade8-4d00-9aa1-75999738d558 does not exist in the workflow")),
                errors.toString());
    }
}
