package io.pillar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Resident memory of a process and its descendants, from Linux's /proc: RSS, and PSS (shared pages divided among the
 * processes sharing them, so that the sum over processes is what they really take). Zero where /proc is absent.
 */
record ProcessMemory(long rssKib, long pssKib) {

    /** The process and its descendants (Keycloak runs as a script that starts a JVM; PostgreSQL forks backends). */
    static ProcessMemory of(ProcessHandle process) {
        return sum(Stream.concat(Stream.of(process), process.descendants()));
    }

    /** The process alone. */
    static ProcessMemory ofAlone(ProcessHandle process) {
        return sum(Stream.of(process));
    }

    private static ProcessMemory sum(Stream<ProcessHandle> processes) {
        return processes
                .map(p -> new ProcessMemory(field(p.pid(), "status", "VmRSS:"), field(p.pid(), "smaps_rollup", "Pss:")))
                .reduce(new ProcessMemory(0, 0), ProcessMemory::plus);
    }

    ProcessMemory plus(ProcessMemory other) {
        return new ProcessMemory(rssKib + other.rssKib, pssKib + other.pssKib);
    }

    String describe() {
        return rssKib == 0 ? "" : String.format("RSS %4d MiB  PSS %4d MiB", rssKib / 1024, pssKib / 1024);
    }

    private static long field(long pid, String file, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process just ended
        }
        return 0;
    }
}
