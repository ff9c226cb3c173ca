package io.pillar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A child process of the stack: output appended to its log, pid in its pid file, stopped gently then firmly. */
public final class ManagedProcess {
    private final String name;
    private final Layout layout;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path workDir;
    private final Path log;
    private final Path pidFile;
    private volatile Process process;
    /** Set once the stack stops it: a process that exits after that is not started again. */
    private volatile boolean stopping;

    private ManagedProcess(String name, Layout layout, List<String> command, Map<String, String> env,
            Path workDir) {
        this.name = name;
        this.layout = layout;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.log = layout.log(name);
        this.pidFile = layout.pidFile(name);
    }

    public static ManagedProcess start(Layout layout, String name, List<String> command, Map<String, String> env,
            Path workDir) {
        ManagedProcess p = new ManagedProcess(name, layout, command, env, workDir);
        p.process = p.launch();
        return p;
    }

    /** Starts the same command again (the supervisor does, after it died); its output goes on in the same log. */
    public void restart() {
        if (!stopping) {
            process = launch();
        }
    }

    private Process launch() {
        try {
            Files.createDirectories(layout.logs());
            Files.createDirectories(layout.run());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // glibc gives each busy thread a malloc arena of its own (up to 8 per core), and memory freed in one
            // stays with it: with two, a JVM's native memory after load is what it uses, not its peak
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(env);
            Process started = builder.start();
            Files.writeString(pidFile, Long.toString(started.pid()));
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a command to completion (e.g. a one-time build step), failing with its log's tail when it fails. */
    public static void runToCompletion(Layout layout, String name, List<String> command, Map<String, String> env,
            Path workDir, Duration timeout) {
        ManagedProcess p = start(layout, name, command, env, workDir);
        try {
            if (!p.process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.stop(Duration.ofSeconds(5));
                throw new IllegalStateException(name + " did not finish within " + timeout + "\n" + p.logTail());
            }
            if (p.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + p.process.exitValue() + "\n"
                        + p.logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.stop(Duration.ofSeconds(5));
            throw new IllegalStateException(name + " interrupted");
        } finally {
            p.removePidFile();
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Whether the stack is stopping it (its exit is then expected). */
    public boolean stopping() {
        return stopping;
    }

    /** How it exited (-1 while it runs). */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGTERM to the process and its descendants, then SIGKILL after the grace period. */
    public void stop(Duration grace) {
        stopping = true;
        Process process = this.process;
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        removePidFile();
    }

    /** The last lines of the process's log, to show why it failed. */
    public String logTail() {
        return tail(log, 40);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return "--- last lines of " + file + " ---\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    /** A process that an earlier run left behind (its pid file is still there and it runs), if any. */
    static Optional<ProcessHandle> leftOver(Layout layout, String name) {
        Path pidFile = layout.pidFile(name);
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("java") || c.contains("sh")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void removePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file is checked against the running processes before it is trusted
        }
    }
}
