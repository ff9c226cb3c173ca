package io.pillar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time the platform's JVMs (services, broker, Keycloak) spend in their optimizing (C2) JIT compilers, read from
 * /proc. A JVM has reached its steady state when they are nearly idle under load; until then they take a share of the two
 * cores from the work being measured. Linux only; elsewhere it reads zero.
 */
final class PlatformJit {
    private static final Path PROC = Path.of("/proc");
    private static final double MILLIS_PER_TICK = 10; // USER_HZ is 100 on every Linux architecture Java runs on

    /** C2 compiler threads' CPU time so far, summed over the platform's JVMs, in ms. */
    static long compilerMillis() {
        if (!Files.isDirectory(PROC)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> processes = Files.list(PROC)) {
            for (Path p : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                if (platformJvm(p)) {
                    ticks += compilerTicks(p);
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return Math.round(ticks * MILLIS_PER_TICK);
    }

    private static boolean platformJvm(Path process) {
        try {
            String cmd = Files.readString(process.resolve("cmdline"));
            return cmd.contains("quarkus-run.jar") || cmd.contains("kafka.Kafka")
                    || cmd.contains("QuarkusEntryPoint");
        } catch (IOException | RuntimeException e) {
            return false; // gone, or not ours to read
        }
    }

    private static long compilerTicks(Path process) {
        long ticks = 0;
        try (Stream<Path> threads = Files.list(process.resolve("task"))) {
            for (Path t : threads.toList()) {
                try {
                    if (!Files.readString(t.resolve("comm")).startsWith("C2 Compiler")) {
                        continue;
                    }
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    private PlatformJit() {
    }
}
