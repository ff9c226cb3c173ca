package io.pillar.findings.parser.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pillar.findings.parser.Parsing;
import io.pillar.testsupport.Fuzzer;

/**
 * Every format's parser fuzzed with Jazzer (libFuzzer), seeded with its fixtures and its past findings: one process per
 * format, for {@code pillar.fuzz.seconds} (in the normal test run 30,000 inputs from a fixed seed instead; more with
 * {@code ./mvnw -pl findings-service test -Dtest=ParserFuzzTest -Dpillar.fuzz.seconds=600}, and
 * {@code -Dpillar.fuzz.formats=grype,zap} for some). A failure is any outcome {@link ParserFuzzTarget} does not accept,
 * a run of one input over 2 s, or the process over 2 GB; the input is kept under {@code target/fuzz/findings/<format>}
 * and belongs, once fixed, in {@code src/test/resources/fuzz-regressions/<format>/}, which every test run replays.
 */
class ParserFuzzTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REGRESSIONS = MODULE.resolve("src/test/resources/fuzz-regressions");
    /** What the fuzzer watches (coverage, comparisons): the parsers, the JSON reading under them, nothing else. */
    private static final String INSTRUMENTED = "io.pillar.findings.parser.**:io.pillar.platform.**"
            + ":com.fasterxml.jackson.core.**";

    static Stream<String> formats() {
        return Parsing.REGISTRY.formats().stream().filter(Fuzzer::selected);
    }

    @Test
    void pastFindingsGiveAResultOrTheDocumentedError() throws Exception {
        int replayed = Fuzzer.replay(REGRESSIONS, (format, input) -> ParserFuzzTarget
                .check(Parsing.REGISTRY.byFormat(format).orElseThrow(), input));
        assertTrue(replayed > 0, "no regression inputs in " + REGRESSIONS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void fuzz(String format) throws Exception {
        Fuzzer.Outcome outcome = Fuzzer.run(ParserFuzzTarget.class, format, INSTRUMENTED,
                MODULE.resolve("target/fuzz"), List.of(MODULE.resolve("src/test/resources/scans/" + format),
                        REGRESSIONS.resolve(format)));
        assertEquals(0, outcome.exit(), () -> format + ": the fuzzer found an input the parser fails on ("
                + outcome.log() + "):\n" + outcome.summary());
        assertTrue(outcome.ran(), () -> format + ": the fuzzer did not run (" + outcome.log() + ")");
    }
}
