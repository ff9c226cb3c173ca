package io.pillar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts again every process of the stack that dies (as compose's {@code restart: unless-stopped} would): after 1 s,
 * then twice as long after each restart up to 30 s, back to 1 s once it has run for a minute. Each restart is counted
 * in {@code .pillar/run/restarts.prom}, in Prometheus' text format ({@code pillar_process_restarts_total}, for a
 * node exporter's textfile collector), which {@code ./pillar status} shows.
 */
final class Supervisor implements AutoCloseable {
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofMinutes(1);
    static final String FILE = "restarts.prom";
    static final String METRIC = "pillar_process_restarts_total";

    private final Layout layout;
    private final List<ManagedProcess> processes;
    private final Consumer<String> log;
    private final Map<String, Backoff> backoff = new HashMap<>();
    private final Map<String, Integer> restarts = new java.util.TreeMap<>();
    private final Thread thread;

    /** When a process may start again and how long the next wait is. */
    private static final class Backoff {
        Duration delay = FIRST_DELAY;
        Instant startedAt = Instant.now();
        Instant dueAt;
    }

    Supervisor(Layout layout, List<ManagedProcess> processes, Consumer<String> log) {
        this.layout = layout;
        this.processes = processes;
        this.log = log;
        processes.forEach(p -> restarts.putIfAbsent(p.name(), 0));
        save();
        thread = Thread.ofPlatform().daemon().name("supervisor").start(this::watch);
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            for (ManagedProcess p : processes) {
                check(p, Instant.now());
            }
        }
    }

    private void check(ManagedProcess p, Instant now) {
        Backoff b = backoff.computeIfAbsent(p.name(), n -> new Backoff());
        if (p.alive() || p.stopping()) {
            if (b.dueAt == null && Duration.between(b.startedAt, now).compareTo(STABLE_AFTER) >= 0) {
                b.delay = FIRST_DELAY;
            }
            return;
        }
        if (b.dueAt == null) {
            b.dueAt = now.plus(b.delay);
            log.accept(p.name() + " exited with code " + p.exitCode() + "; starting it again in "
                    + b.delay.toSeconds() + " s");
            return;
        }
        if (now.isBefore(b.dueAt)) {
            return;
        }
        try {
            p.restart();
        } catch (RuntimeException e) {
            log.accept(p.name() + " could not be started again: " + e.getMessage());
        }
        int count = restarts.merge(p.name(), 1, Integer::sum);
        save();
        log.accept(p.name() + " started again (restart " + count + ", pid " + (p.alive() ? p.pid() : "-") + ")");
        b.startedAt = now;
        b.dueAt = null;
        b.delay = b.delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : b.delay.multipliedBy(2);
    }

    /** Each process's restarts since the stack started (empty when it was never started here). */
    static Map<String, Integer> restarts(Layout layout) {
        Map<String, Integer> counts = new HashMap<>();
        Path file = layout.run().resolve(FILE);
        try {
            for (String line : Files.isRegularFile(file) ? Files.readAllLines(file) : List.<String>of()) {
                Matcher m = SAMPLE.matcher(line);
                if (m.matches()) {
                    counts.put(m.group(1), Integer.parseInt(m.group(2)));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // shown as unknown
        }
        return counts;
    }

    private static final Pattern SAMPLE = Pattern.compile(METRIC + "\\{process=\"([^\"]+)\"\\} (\\d+)");

    private void save() {
        Path file = layout.run().resolve(FILE);
        Path partial = file.resolveSibling(FILE + ".partial");
        try {
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder("# HELP " + METRIC + " Restarts of each process of the stack "
                    + "by ./pillar's supervisor since ./pillar up\n# TYPE " + METRIC + " counter\n");
            restarts.forEach((name, count) -> text.append(METRIC).append("{process=\"").append(name).append("\"} ")
                    .append(count).append('\n'));
            Files.writeString(partial, text);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.accept("restart counts not written: " + e.getMessage());
        }
    }

    /** Stops watching (before the stack stops its processes, whose exits are then expected). */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
