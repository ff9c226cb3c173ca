package io.pillar.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

    @Test
    void aProcessThatDiesIsStartedAgainWithBackoffAndCountedUntilTheStackStopsIt(@TempDir Path repo)
            throws Exception {
        Layout layout = Layout.of(repo, Map.of());
        // each run appends a line to its log, lives 0.3 s and dies with code 3
        ManagedProcess flaky = ManagedProcess.start(layout, "flaky", List.of("sh", "-c", "echo ran; sleep 0.3; exit 3"),
                Map.of(), repo);
        ManagedProcess steady = ManagedProcess.start(layout, "steady", List.of("sleep", "60"), Map.of(), repo);
        long steadyPid = steady.pid();
        List<String> said = new ArrayList<>();
        try (Supervisor supervisor = new Supervisor(layout, List.of(flaky, steady), line -> {
            synchronized (said) {
                said.add(line);
            }
        })) {
            // dies at 0.3 s, restarted 1 s later, dies, restarted 2 s later: two restarts within ~4.5 s
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (Supervisor.restarts(layout).getOrDefault("flaky", 0) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(2, Supervisor.restarts(layout).get("flaky"));
            assertEquals(0, Supervisor.restarts(layout).get("steady"));
            assertEquals(steadyPid, steady.pid(), "a live process is left alone");
            List<String> exposition = Files.readAllLines(layout.run().resolve(Supervisor.FILE));
            assertTrue(exposition.contains("# TYPE pillar_process_restarts_total counter"), exposition.toString());
            assertTrue(exposition.contains("pillar_process_restarts_total{process=\"flaky\"} 2"),
                    exposition.toString());
            synchronized (said) {
                assertTrue(said.get(0).startsWith("flaky exited with code 3; starting it again in 1 s"),
                        said.toString());
                assertTrue(said.stream().anyMatch(l -> l.contains("starting it again in 2 s")), said.toString());
            }
        }
        flaky.stop(Duration.ofSeconds(1));
        steady.stop(Duration.ofSeconds(1));
        assertFalse(steady.alive());
        long runs = Files.readAllLines(layout.log("flaky")).stream().filter("ran"::equals).count();
        assertTrue(runs >= 2, "the first run and the restarts, in the same log: " + runs);
    }

    @Test
    void aStoppedProcessIsNotStartedAgain(@TempDir Path repo) throws Exception {
        Layout layout = Layout.of(repo, Map.of());
        ManagedProcess p = ManagedProcess.start(layout, "stopped", List.of("sleep", "60"), Map.of(), repo);
        try (Supervisor supervisor = new Supervisor(layout, List.of(p), line -> {
        })) {
            p.stop(Duration.ofSeconds(1));
            Thread.sleep(2_000);
            assertFalse(p.alive());
            assertEquals(0, Supervisor.restarts(layout).get("stopped"));
        }
    }
}
