package io.pillar.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code ./pillar up [--detach] | down | status | reset}: the local stack's command line. */
public final class Pillar {
    private static final String USAGE = """
            usage: ./pillar <command>
              up            start the whole platform and stay in the foreground (Ctrl-C stops everything)
              up --detach   start it in the background and return once everything is ready
              down          stop a platform started with --detach
              status        show each component's health, memory and restarts (the supervisor starts a
                            process that dies again, after 1 s, then up to 30 s)
              reset         wipe local state (data, logs, generated credentials) and any damaged unpacked
                            distribution; the platform must be down
              prepare       unpack PostgreSQL, Kafka and Keycloak and build Keycloak (up does it when needed);
                            --unpack-only leaves the build to the first start
              test          run every test (the README's test command)
              build         rebuild after a change (up builds only what is missing)
              chaos         inject faults into the running platform and print what survived (README: Faults)
            Ports: PILLAR_GATEWAY_PORT (8080), PILLAR_KEYCLOAK_PORT (8180), PILLAR_KAFKA_PORT (9092),
              PILLAR_POSTGRES_PORT (5433), PILLAR_INVENTORY_PORT (8081), PILLAR_FINDINGS_PORT (8082),
              PILLAR_IDENTITY_PORT (8083), PILLAR_RESPONSE_PORT (8084), PILLAR_KAFKA_CONTROLLER_PORT (9093),
              PILLAR_KEYCLOAK_MANAGEMENT_PORT (9180); PILLAR_BIND_HOST (127.0.0.1).
            Folders: PILLAR_STATE_DIR (.pillar: data, logs, credentials), PILLAR_RUNTIME_DIR (.pillar/runtime:
              unpacked distributions).""";

    public static void main(String[] args) throws Exception {
        // the Kafka admin client reports every refused connection while the broker starts: only errors matter here
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        Layout layout = Layout.of(Layout.findRepo(Path.of(System.getProperty("pillar.home", "."))), System.getenv());
        List<String> rest = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        String command = args.length == 0 ? "help" : args[0];
        int exit = switch (command) {
            case "up" -> rest.contains("--supervised")
                    ? supervise(layout)
                    : rest.contains("--detach") ? upDetached(layout) : upForeground(layout);
            case "down" -> down(layout);
            case "status" -> Status.print(layout);
            case "reset" -> reset(layout);
            case "prepare" -> prepare(layout, rest.contains("--unpack-only"));
            default -> {
                System.out.println(USAGE);
                yield command.equals("help") ? 0 : 2;
            }
        };
        System.exit(exit);
    }

    private static int prepare(Layout layout, boolean unpackOnly) {
        try (Progress progress = Progress.onStandardOutput()) {
            if (unpackOnly) {
                Stack.unpack(layout, progress);
            } else {
                Stack.prepare(layout, System.getProperty("java.home"), progress);
            }
            return 0;
        } catch (Exception e) {
            System.err.println("\nPillar could not prepare its runtime: " + e.getMessage());
            return 1;
        }
    }

    private static int upForeground(Layout layout) throws Exception {
        if (runningSupervisor(layout).isPresent()) {
            System.out.println("Pillar is already running.");
            printSummary(layout);
            return 0;
        }
        writeSupervisorPid(layout);
        Stack stack = startOrReport(layout);
        if (stack == null) {
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Pillar...");
            stack.close();
            removeSupervisorPid(layout);
            System.out.println("Stopped.");
            stopped.countDown();
        }));
        printSummary(layout);
        System.out.println("Press Ctrl-C to stop everything.");
        stopped.await();
        return 0;
    }

    /** The background supervisor of {@code up --detach}: its output goes to .pillar/logs/stack.log. */
    private static int supervise(Layout layout) throws Exception {
        writeSupervisorPid(layout);
        Stack stack = startOrReport(layout);
        if (stack == null) {
            removeSupervisorPid(layout);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            removeSupervisorPid(layout);
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private static int upDetached(Layout layout) throws Exception {
        if (runningSupervisor(layout).isPresent()) {
            System.out.println("Pillar is already running.");
            printSummary(layout);
            return 0;
        }
        Files.createDirectories(layout.logs());
        Files.createDirectories(layout.run());
        Files.deleteIfExists(layout.run().resolve("ready"));
        Path log = layout.log("stack");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid"); // out of the terminal's session: Ctrl-C there no longer reaches it
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the same JVM options as this process (./pillar sets them), pillar.home included
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Pillar.class.getName(), "up",
                "--supervised"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("PILLAR_TTY"); // its output is a log
        Process supervisor = builder.start();
        System.out.println("Starting Pillar in the background (log: " + log + ")...");
        long t0 = System.nanoTime();
        try (Progress progress = Progress.onStandardOutput(); LogFollower follower = new LogFollower(log, logStart)) {
            while (!Files.exists(layout.run().resolve("ready"))) {
                follower.newLines().forEach(line -> progress.accept(line.replaceFirst("^\\[ *[0-9.]+ s\\] ", "")));
                if (!supervisor.isAlive()) {
                    progress.close();
                    System.err.println("Pillar did not start.\n" + ManagedProcess.tail(log, 60));
                    return 1;
                }
                Http.sleep(Duration.ofMillis(250));
            }
            follower.newLines().forEach(line -> progress.accept(line.replaceFirst("^\\[ *[0-9.]+ s\\] ", "")));
        }
        System.out.println("Ready in " + Stack.secs(Duration.ofNanos(System.nanoTime() - t0)) + ".");
        printSummary(layout);
        System.out.println("Stop it with: ./pillar down");
        return 0;
    }

    private static int down(Layout layout) {
        Optional<ProcessHandle> supervisor = runningSupervisor(layout);
        if (supervisor.isEmpty()) {
            Stack.stopLeftovers(layout, System.out::println);
            System.out.println("Pillar is not running.");
            return 0;
        }
        System.out.println("Stopping Pillar (supervisor pid " + supervisor.get().pid() + ")...");
        supervisor.get().destroy();
        try {
            supervisor.get().onExit().get(Duration.ofMinutes(2).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("The supervisor did not stop in time; stopping its processes directly.");
            supervisor.get().destroyForcibly();
            Stack.stopLeftovers(layout, System.out::println);
        }
        removeSupervisorPid(layout);
        System.out.println("Stopped.");
        return 0;
    }

    private static int reset(Layout layout) throws IOException {
        if (runningSupervisor(layout).isPresent()) {
            System.err.println("Pillar is running: stop it first with ./pillar down (or Ctrl-C).");
            return 1;
        }
        Stack.stopLeftovers(layout, System.out::println);
        for (Path p : List.of(layout.data(), layout.logs(), layout.run(), layout.envFile())) {
            if (Files.isDirectory(p)) {
                Distribution.deleteTree(p);
            } else {
                Files.deleteIfExists(p);
            }
        }
        for (Path damaged : Distribution.removeDamaged(layout.runtime())) {
            System.out.println("Removed " + damaged + " (incomplete: it is unpacked again at the next start).");
        }
        System.out.println("Local state wiped (" + layout.state() + "; complete unpacked distributions kept in "
                + layout.runtime() + "). The next ./pillar up starts from scratch with new credentials.");
        return 0;
    }

    private static Stack startOrReport(Layout layout) {
        System.out.println("Starting Pillar: PostgreSQL, Kafka, Keycloak and the five services...");
        try (Progress progress = Progress.onStandardOutput()) {
            Stack stack = Stack.up(layout, Ports.fromEnvironment(System.getenv()), progress);
            progress.accept("everything is ready");
            return stack;
        } catch (Exception e) {
            StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                why.append("\n  caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
            }
            System.err.println("Pillar could not start: " + why);
            return null;
        }
    }

    private static void printSummary(Layout layout) {
        Map<String, String> env = EnvFile.read(layout.envFile());
        System.out.println("""

                  Gateway (API)   %s
                  Keycloak        %s   realm %s, admin console user %s (password: PILLAR_KEYCLOAK_ADMIN_PASSWORD)
                  Kafka           %s
                  PostgreSQL      %s

                  Demo users (team platform): viewer, analyst, responder, auditor, admin (must set up OTP);
                  analyst-payments (team payments). Password: PILLAR_DEMO_PASSWORD
                  Integration client: %s (secret: PILLAR_INTEGRATION_CLIENT_SECRET)
                  CLI client (password grant): %s
                  The generated passwords and secrets, and every endpoint: source %s
                """.formatted(env.get("PILLAR_GATEWAY_URL"), env.get("PILLAR_KEYCLOAK_URL"), env.get("PILLAR_REALM"),
                env.get("PILLAR_KEYCLOAK_ADMIN_USER"), env.get("PILLAR_KAFKA_BOOTSTRAP"),
                env.get("PILLAR_POSTGRES_URL"),
                env.get("PILLAR_INTEGRATION_CLIENT_ID"), env.get("PILLAR_CLI_CLIENT_ID"), layout.envFile()));
    }

    static Optional<ProcessHandle> runningSupervisor(Layout layout) {
        Path pid = layout.run().resolve("stack.pid");
        try {
            if (Files.isRegularFile(pid)) {
                return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).filter(ProcessHandle::isAlive)
                        .filter(h -> h.pid() != ProcessHandle.current().pid());
            }
        } catch (IOException | NumberFormatException e) {
            // treated as not running
        }
        return Optional.empty();
    }

    private static void writeSupervisorPid(Layout layout) throws IOException {
        Files.createDirectories(layout.run());
        Files.writeString(layout.run().resolve("stack.pid"), Long.toString(ProcessHandle.current().pid()));
    }

    private static void removeSupervisorPid(Layout layout) {
        try {
            Files.deleteIfExists(layout.run().resolve("stack.pid"));
        } catch (IOException e) {
            // checked against the running processes before it is trusted
        }
    }

    private Pillar() {
    }
}
