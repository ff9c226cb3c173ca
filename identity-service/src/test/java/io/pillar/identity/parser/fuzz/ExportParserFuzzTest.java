package io.pillar.identity.parser.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pillar.testsupport.Fuzzer;

/**
 * Every identity export format's parser fuzzed with Jazzer, seeded with its fixture and its past findings, 30,000 inputs each
 * from a fixed seed in the normal test run ({@code -Dpillar.fuzz.seconds=600 -Dpillar.fuzz.formats=keycloak-realm} for longer). What
 * it finds is kept under {@code target/fuzz/findings/<format>}; once fixed it belongs in
 * {@code src/test/resources/fuzz-regressions/<format>/}, which every run replays.
 */
class ExportParserFuzzTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REGRESSIONS = MODULE.resolve("src/test/resources/fuzz-regressions");
    private static final String INSTRUMENTED = "io.pillar.identity.parser.**:io.pillar.platform.**"
            + ":com.fasterxml.jackson.core.**";
    /** The fixture each format is seeded with (src/test/resources/exports/). */
    private static final Map<String, String> SEEDS = Map.of("aws-access-analyzer", "access_analyzer.json",
            "aws-authorization-details", "authz_escalation.json", "aws-credential-report", "credential_report.csv",
            "keycloak-realm", "keycloak_realm.json");

    static Stream<String> formats() {
        return ExportParserFuzzTarget.PARSERS.keySet().stream().sorted().filter(Fuzzer::selected);
    }

    @Test
    void everyFormatHasASeed() {
        assertEquals(ExportParserFuzzTarget.PARSERS.keySet(), SEEDS.keySet());
    }

    @Test
    void pastFindingsGiveAReportOrTheDocumentedError() throws Exception {
        Fuzzer.replay(REGRESSIONS,
                (format, input) -> ExportParserFuzzTarget.check(ExportParserFuzzTarget.PARSERS.get(format), input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void fuzz(String format) throws Exception {
        Path seeds = Files.createDirectories(MODULE.resolve("target/fuzz/seeds/" + format));
        Files.copy(MODULE.resolve("src/test/resources/exports/" + SEEDS.get(format)), seeds.resolve(SEEDS.get(format)),
                StandardCopyOption.REPLACE_EXISTING);
        Fuzzer.Outcome outcome = Fuzzer.run(ExportParserFuzzTarget.class, format, INSTRUMENTED,
                MODULE.resolve("target/fuzz"), List.of(seeds, REGRESSIONS.resolve(format)));
        assertEquals(0, outcome.exit(), () -> format + ": the fuzzer found an input the parser fails on ("
                + outcome.log() + "):\n" + outcome.summary());
        assertTrue(outcome.ran(), () -> format + ": the fuzzer did not run (" + outcome.log() + ")");
    }
}
