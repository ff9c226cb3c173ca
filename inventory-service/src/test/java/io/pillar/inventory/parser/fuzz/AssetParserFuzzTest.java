package io.pillar.inventory.parser.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pillar.inventory.parser.Collected;
import io.pillar.testsupport.Fuzzer;

/**
 * Every asset format's parser fuzzed with Jazzer, seeded with its fixtures and its past findings, 30,000 inputs each from a fixed
 * seed in the normal test run ({@code -Dpillar.fuzz.seconds=600 -Dpillar.fuzz.formats=aws-config} for longer). What it finds is
 * kept under {@code target/fuzz/findings/<format>}; once fixed it belongs in
 * {@code src/test/resources/fuzz-regressions/<format>/}, which every run replays.
 */
class AssetParserFuzzTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REGRESSIONS = MODULE.resolve("src/test/resources/fuzz-regressions");
    private static final String INSTRUMENTED = "io.pillar.inventory.parser.**:io.pillar.inventory.mapping.**"
            + ":io.pillar.platform.**:com.fasterxml.jackson.core.**";

    static Stream<String> formats() {
        return Collected.REGISTRY.formats().stream().filter(Fuzzer::selected);
    }

    @Test
    void pastFindingsGiveAResultOrTheDocumentedError() throws Exception {
        Fuzzer.replay(REGRESSIONS, AssetParserFuzzTarget::check);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void fuzz(String format) throws Exception {
        Fuzzer.Outcome outcome = Fuzzer.run(AssetParserFuzzTarget.class, format, INSTRUMENTED,
                MODULE.resolve("target/fuzz"), List.of(MODULE.resolve("src/test/resources/inventory/" + format),
                        REGRESSIONS.resolve(format)));
        assertEquals(0, outcome.exit(), () -> format + ": the fuzzer found an input the parser fails on ("
                + outcome.log() + "):\n" + outcome.summary());
        assertTrue(outcome.ran(), () -> format + ": the fuzzer did not run (" + outcome.log() + ")");
    }
}
