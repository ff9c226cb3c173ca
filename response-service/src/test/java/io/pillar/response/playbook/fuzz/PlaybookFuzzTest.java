package io.pillar.response.playbook.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pillar.testsupport.Fuzzer;

/**
 * The CACAO playbook checks (JSON, the OASIS schemas, workflow, definitions, Pillar's actions) fuzzed with Jazzer,
 * seeded with the playbooks Pillar ships and the tests' own, 30,000 inputs from a fixed seed in the normal test run ({@code -Dpillar.fuzz.seconds=600} for longer).
 * What it finds is kept under {@code target/fuzz/findings/cacao}; once fixed it belongs in
 * {@code src/test/resources/fuzz-regressions/cacao/}, which every run replays.
 */
class PlaybookFuzzTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REGRESSIONS = MODULE.resolve("src/test/resources/fuzz-regressions/cacao");
    private static final String INSTRUMENTED = "io.pillar.response.playbook.**:io.pillar.platform.**"
            + ":com.fasterxml.jackson.core.**:com.networknt.schema.**";

    @Test
    void pastFindingsComeOutValidOrWithTheirErrors() throws Exception {
        Fuzzer.replay(REGRESSIONS, (format, input) -> PlaybookFuzzTarget.check(input));
    }

    @Test
    void fuzz() throws Exception {
        if (!Fuzzer.selected("cacao")) {
            return;
        }
        Fuzzer.Outcome outcome = Fuzzer.run(PlaybookFuzzTarget.class, "cacao", INSTRUMENTED,
                MODULE.resolve("target/fuzz"), List.of(MODULE.resolve("src/main/resources/playbooks"),
                        MODULE.resolve("src/test/resources/playbooks"), REGRESSIONS));
        assertEquals(0, outcome.exit(), () -> "the fuzzer found a playbook the checks fail on (" + outcome.log()
                + "):\n" + outcome.summary());
        assertTrue(outcome.ran(), () -> "the fuzzer did not run (" + outcome.log() + ")");
    }
}
