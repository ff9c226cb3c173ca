package io.pillar.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Jazzer fuzz target (a class with {@code fuzzerInitialize(String[])} and {@code fuzzerTestOneInput(byte[])})
 * in a process of its own, as libFuzzer fuzzes one target per process: {@value #RUNS} inputs from a fixed seed (or
 * {@code pillar.fuzz.seconds} from a random one), each input within 2 s, the process within 2 GB, seeded with the
 * given folders. What it finds is kept under the work folder; the
 * summary says which exception and where its input was written. The test's own class path runs it (Jazzer on it).
 */
public final class Fuzzer {

    /** How a run ended: the process's exit code (0 when nothing was found), what it found, and its whole log. */
    public record Outcome(int exit, String summary, Path log, boolean ran) {
    }

    /**
     * The normal test run's budget: a fixed number of inputs from a fixed seed, so that a run finds the same as the
     * last one on the same code (a test that fails by chance would be a flaky test); {@code pillar.fuzz.seconds}
     * fuzzes for that long from a random seed instead, to search further.
     */
    static final int RUNS = 30_000;

    /** How long one input may run before libFuzzer reports it as a hang. */
    static final int HANG_SECONDS = 20;

    public static boolean selected(String name) {
        String only = System.getProperty("pillar.fuzz.formats", "");
        return only.isBlank() || List.of(only.split(",")).contains(name);
    }

    /**
     * Fuzzes {@code target} with {@code argument}; {@code instrumented} are the packages whose
     * coverage and comparisons guide it ({@code io.pillar.findings.parser.**:com.fasterxml.jackson.core.**}).
     */
    public static Outcome run(Class<?> target, String argument, String instrumented, Path work, List<Path> seeds)
            throws IOException, InterruptedException {
        Integer seconds = Integer.getInteger("pillar.fuzz.seconds");
        List<String> budget = seconds == null
                ? List.of("-runs=" + RUNS, "-seed=1", "-max_total_time=120")
                : List.of("-max_total_time=" + seconds);
        int limit = seconds == null ? 120 : seconds;
        Path corpus = Files.createDirectories(work.resolve("corpus").resolve(argument));
        Path findings = Files.createDirectories(work.resolve("findings").resolve(argument));
        Path log = work.resolve("findings").resolve(argument + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "com.code_intelligence.jazzer.Jazzer", "--target_class=" + target.getName(),
                "--target_args=" + argument, "--instrumentation_includes=" + instrumented,
                "--custom_hook_includes=" + instrumented, "--reproducer_path=" + findings,
                // a hang, not a slow first input: the first one loads schemas and classes, and on two busy cores
                // that once took over 2 s for an ordinary seed playbook
                "-timeout=" + HANG_SECONDS, "-rss_limit_mb=2048", "-artifact_prefix=" + findings + "/"));
        command.addAll(budget);
        command.add(corpus.toString());
        for (Path seed : seeds) {
            if (Files.isDirectory(seed)) {
                command.add(seed.toString());
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(limit + 120L, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        return new Outcome(process.exitValue(), summary(output), log,
                output.contains("Done ") || output.contains("stat::number_of_executed_units"));
    }

    /** Checks one past finding: its format (the folder it is in, empty when at the top) and its bytes. */
    @FunctionalInterface
    public interface Check {
        void check(String format, byte[] input) throws Exception;
    }

    /**
     * Runs {@code check} on every input kept under {@code regressions} (inputs a fuzzer once failed on), in a folder
     * per format or at the top; returns how many, 0 when there is no such folder.
     */
    public static int replay(Path regressions, Check check) throws Exception {
        if (!Files.isDirectory(regressions)) {
            return 0;
        }
        List<Path> inputs;
        try (var walk = Files.walk(regressions)) {
            inputs = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path input : inputs) {
            Path relative = regressions.relativize(input);
            check.check(relative.getNameCount() > 1 ? relative.getName(0).toString() : "", Files.readAllBytes(input));
        }
        return inputs.size();
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

    private Fuzzer() {
    }
}
