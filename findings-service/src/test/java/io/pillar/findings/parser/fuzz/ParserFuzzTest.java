package io.pillar.findings.parser.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pillar.findings.parser.Parsing;

/**
 * Every format's parser fuzzed with Jazzer (libFuzzer), seeded with its fixtures and its past findings: one process per
 * format, for {@code pillar.fuzz.seconds} (5 in the normal test run; more with
 * {@code ./mvnw -pl findings-service test -Dtest=ParserFuzzTest -Dpillar.fuzz.seconds=600}, and
 * {@code -Dpillar.fuzz.formats=grype,zap} for some). A failure is any outcome {@link ParserFuzzTarget} does not accept,
 * a run of one input over 2 s, or the process over 2 GB; the input is kept under {@code target/fuzz-findings/<format>}
 * and belongs, once fixed, in {@code src/test/resources/fuzz-regressions/<format>/}, which every test run replays.
 */
class ParserFuzzTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REGRESSIONS = MODULE.resolve("src/test/resources/fuzz-regressions");
    /** What the fuzzer watches (coverage, comparisons): the parsers, the JSON reading under them, nothing else. */
    private static final String INSTRUMENTED = "io.pillar.findings.parser.**:io.pillar.platform.**"
            + ":com.fasterxml.jackson.core.**";

    static Stream<String> formats() {
        String only = System.getProperty("pillar.fuzz.formats", "");
        return Parsing.REGISTRY.formats().stream().filter(f -> only.isBlank() || List.of(only.split(",")).contains(f));
    }

    @Test
    void pastFindingsGiveAResultOrTheDocumentedError() throws IOException {
        int replayed = 0;
        try (Stream<Path> dirs = Files.list(REGRESSIONS)) {
            for (Path dir : dirs.toList()) {
                var parser = Parsing.REGISTRY.byFormat(dir.getFileName().toString()).orElseThrow();
                try (Stream<Path> inputs = Files.list(dir)) {
                    for (Path input : inputs.toList()) {
                        ParserFuzzTarget.check(parser, Files.readAllBytes(input));
                        replayed++;
                    }
                }
            }
        }
        assertTrue(replayed > 0, "no regression inputs in " + REGRESSIONS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void fuzz(String format) throws Exception {
        int seconds = Integer.getInteger("pillar.fuzz.seconds", 5);
        Path corpus = Files.createDirectories(MODULE.resolve("target/fuzz-corpus/" + format));
        Path findings = Files.createDirectories(MODULE.resolve("target/fuzz-findings/" + format));
        Path log = MODULE.resolve("target/fuzz-findings/" + format + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + ParserFuzzTarget.class.getName(), "--target_args=" + format,
                "--instrumentation_includes=" + INSTRUMENTED, "--custom_hook_includes=" + INSTRUMENTED,
                "--reproducer_path=" + findings, "-max_total_time=" + seconds, "-timeout=2", "-rss_limit_mb=2048",
                "-artifact_prefix=" + findings + "/", corpus.toString()));
        for (Path seeds : List.of(MODULE.resolve("src/test/resources/scans/" + format), REGRESSIONS.resolve(format))) {
            if (Files.isDirectory(seeds)) {
                command.add(seeds.toString());
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        int exit = process.exitValue();
        String output = Files.readString(log);
        assertEquals(0, exit, () -> format + ": the fuzzer found an input the parser fails on (" + log + "):\n"
                + summary(output));
        assertTrue(output.contains("Done ") || output.contains("stat::number_of_executed_units"),
                () -> format + ": the fuzzer did not run (" + log + ")");
    }

    /** The exception and the input's file, out of libFuzzer's output. */
    private static String summary(String output) {
        StringBuilder s = new StringBuilder();
        for (String line : output.split("\n")) {
            if (line.startsWith("== Java Exception") || line.startsWith("Caused by")
                    || line.contains("Test unit written")
                    || line.contains("ERROR: libFuzzer") || line.startsWith("\tat io.pillar")) {
                s.append(line).append('\n');
            }
        }
        return s.toString();
    }
}
