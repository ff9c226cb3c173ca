package io.pillar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The whole platform as real processes: PostgreSQL, a Kafka broker, Keycloak and the five services. {@link #up}
 * returns once every component is healthy; {@link #close} stops them in reverse order. {@code ./pillar up} and the
 * end-to-end tests both start the platform through this class.
 */
public final class Stack implements AutoCloseable {
    public static final Duration KEYCLOAK_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration SERVICE_TIMEOUT = Duration.ofMinutes(3);
    private static final List<String> SERVICE_JVM = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx512m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k");

    private final Layout layout;
    private final Map<String, String> env;
    private final List<ManagedProcess> processes;
    private final PostgresServer postgres;
    private final Map<String, Duration> readyAfter;
    /** Starts again a process that dies, once the stack is up. */
    private Supervisor supervisor;

    private Stack(Layout layout, Map<String, String> env, List<ManagedProcess> processes, PostgresServer postgres,
            Map<String, Duration> readyAfter) {
        this.layout = layout;
        this.env = env;
        this.processes = processes;
        this.postgres = postgres;
        this.readyAfter = readyAfter;
    }

    public static Stack up(Layout layout, Ports ports, Consumer<String> progress) throws Exception {
        long t0 = System.nanoTime();
        Map<String, Duration> readyAfter = new LinkedHashMap<>();
        String javaHome = System.getProperty("java.home");
        String java = Path.of(javaHome, "bin", "java").toString();
        stopLeftovers(layout, progress);
        Files.createDirectories(layout.data());
        Secrets secrets = Secrets.keepOrGenerate(EnvFile.read(layout.envFile()));
        Map<String, String> env = environment(ports, secrets);
        AuditSigningKey.ensure(layout);
        // written now so that a failed start keeps the secrets the database and Keycloak were initialised with
        EnvFile.write(layout.envFile(), env);

        List<ManagedProcess> processes = new ArrayList<>();
        progress.accept("starting PostgreSQL");
        PostgresServer postgres = PostgresServer.start(layout, ports, secrets.get("PILLAR_POSTGRES_PASSWORD"),
                progress);
        boolean newKeycloakDatabase;
        try {
            newKeycloakDatabase = postgres.ensureDatabases(secrets).contains("keycloak");
        } catch (Exception e) {
            postgres.close();
            throw e;
        }
        readyAfter.put("postgres", since(t0));
        progress.accept("PostgreSQL ready on " + ports.host() + ":" + ports.postgres() + " (" + secs(since(t0)) + ")");
        Stack stack = new Stack(layout, env, processes, postgres, readyAfter);
        try {
            // Kafka verifies every client's token against Keycloak, its own included: Keycloak comes first
            progress.accept("starting Keycloak");
            KafkaBroker.install(layout, progress);
            Path keycloakHome = KeycloakServer.prepare(layout, javaHome, progress);
            ManagedProcess keycloak = KeycloakServer.start(layout, keycloakHome, ports, postgres, secrets, env,
                    javaHome);
            processes.add(keycloak);
            KeycloakServer.awaitReady(ports, keycloak, KEYCLOAK_TIMEOUT);
            if (!newKeycloakDatabase && KeycloakServer.realmChanged(layout)) {
                progress.accept("replacing the realm by " + layout.realmFile().getFileName() + ", which changed");
                KeycloakServer.replaceRealm(layout, ports, secrets, env);
            }
            KeycloakServer.rememberRealm(layout);
            readyAfter.put("keycloak", since(t0));
            progress.accept("Keycloak ready at " + ports.url(ports.keycloak()) + " (" + secs(since(t0)) + ")");

            progress.accept("starting Kafka");
            ManagedProcess kafka = KafkaBroker.start(layout, ports, secrets, java, progress);
            processes.add(kafka);
            String issuer = KeycloakServer.issuer(ports);
            List<String> teams = KafkaSetup.run(new KafkaSetup.Target(KafkaBroker.bootstrap(ports), issuer,
                    Map.of(), ports.url(ports.keycloak()), secrets.get("PILLAR_KEYCLOAK_ADMIN_PASSWORD"),
                    secrets.get(KafkaBroker.BROKER_SECRET), KafkaBroker.bootstrap(ports), issuer, Map.of(),
                    layout.kafkaClients()), Duration.ofMinutes(2), kafka::alive, kafka::logTail, progress);
            readyAfter.put("kafka", since(t0));
            progress.accept("Kafka ready on " + KafkaBroker.bootstrap(ports) + ": topics, ACLs, and clients of teams "
                    + String.join(", ", teams) + " (settings in " + layout.kafkaClients() + ") (" + secs(since(t0))
                    + ")");

            progress.accept("starting the services: " + String.join(", ",
                    Arrays.stream(PlatformService.values()).map(PlatformService::module).toList()));
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (PlatformService service : PlatformService.values()) {
                ManagedProcess p = service.start(layout, ports, secrets, java, SERVICE_JVM);
                processes.add(p);
                ready.add(CompletableFuture.runAsync(() -> {
                    Http.awaitOk(service.module(), service.readinessUrl(ports), SERVICE_TIMEOUT, p::alive,
                            p::logTail);
                    if (service == PlatformService.IDENTITY) {
                        sealAuditLedger(postgres);
                    }
                    readyAfter.put(service.module(), since(t0));
                    progress.accept(service.module() + " ready at " + service.url(ports) + " (" + secs(since(t0))
                            + ")");
                }));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            List<ManagedProcess> watched = new ArrayList<>(processes);
            watched.add(0, postgres.process());
            stack.supervisor = new Supervisor(layout, watched,
                    line -> System.out.println(LocalTime.now().withNano(0) + " supervisor: " + line));
            readyAfter.put("stack", since(t0));
            Files.writeString(layout.run().resolve("ready"), Long.toString(ProcessHandle.current().pid()));
            return stack;
        } catch (java.util.concurrent.CompletionException e) {
            stack.close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private static void sealAuditLedger(PostgresServer postgres) {
        try {
            postgres.sealAuditLedger();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not hand the audit ledger to its own role: " + e.getMessage(), e);
        }
    }

    /**
     * The one-time work before a first start: PostgreSQL's binaries, Kafka's jars and Keycloak unpacked into the runtime
     * folder, Keycloak built. Each step is skipped when its result is in place and whole.
     */
    public static void prepare(Layout layout, String javaHome, Consumer<String> progress) throws IOException {
        unpack(layout, progress);
        KeycloakServer.prepare(layout, javaHome, progress);
    }

    /** The distributions unpacked (each skipped when it is in place and whole), Keycloak not built yet. */
    public static void unpack(Layout layout, Consumer<String> progress) throws IOException {
        PostgresServer.install(layout, progress);
        KafkaBroker.install(layout, progress);
        KeycloakServer.install(layout, progress);
    }

    /** What {@code .pillar/stack.env} holds: endpoints, client ids and the generated credentials. */
    public Map<String, String> env() {
        return env;
    }

    public Layout layout() {
        return layout;
    }

    /** How long after the start of {@link #up} each component was ready. */
    public Map<String, Duration> readyAfter() {
        return readyAfter;
    }

    /** The operating-system processes of the stack (PostgreSQL's postmaster included), for measurements. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        processes.forEach(p -> ProcessHandle.of(p.pid()).ifPresent(all::add));
        postmasterPid(layout).flatMap(ProcessHandle::of).ifPresent(all::add);
        return all;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(layout.run().resolve("ready"));
        } catch (IOException e) {
            // the marker is checked against the supervisor's pid anyway
        }
        if (supervisor != null) {
            supervisor.close();
        }
        List<ManagedProcess> reverse = new ArrayList<>(processes);
        java.util.Collections.reverse(reverse);
        // services first (in parallel), then Keycloak and Kafka, then the database they all used
        reverse.stream().filter(p -> !p.name().equals("kafka") && !p.name().equals("keycloak")).parallel()
                .forEach(p -> p.stop(Duration.ofSeconds(20)));
        reverse.stream().filter(p -> p.name().equals("kafka") || p.name().equals("keycloak")).parallel()
                .forEach(p -> p.stop(Duration.ofSeconds(30)));
        postgres.close();
    }

    static Map<String, String> environment(Ports ports, Secrets secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PILLAR_GATEWAY_URL", PlatformService.GATEWAY.url(ports));
        env.put("PILLAR_KEYCLOAK_URL", ports.url(ports.keycloak()));
        env.put("PILLAR_REALM", KeycloakServer.REALM);
        env.put("PILLAR_OIDC_URL", KeycloakServer.issuer(ports));
        env.put("PILLAR_KAFKA_BOOTSTRAP", KafkaBroker.bootstrap(ports));
        env.put("PILLAR_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("PILLAR_POSTGRES_URL", "jdbc:postgresql://" + ports.host() + ":" + ports.postgres() + "/");
        for (PlatformService service : PlatformService.values()) {
            if (service != PlatformService.GATEWAY) {
                env.put(service.envPrefix() + "_URL", service.url(ports));
            }
        }
        env.put("PILLAR_KEYCLOAK_MANAGEMENT_URL", ports.url(ports.keycloakManagement()));
        env.put("PILLAR_INTEGRATION_CLIENT_ID", "pillar-integration");
        env.put("PILLAR_CLI_CLIENT_ID", "pillar-cli");
        env.put("PILLAR_CONSOLE_CLIENT_ID", "pillar-console");
        env.put("PILLAR_KEYCLOAK_ADMIN_USER", "admin");
        env.putAll(secrets.all());
        return env;
    }

    /** Stops what a run that died without cleaning up left behind, so that ports and data are free again. */
    static void stopLeftovers(Layout layout, Consumer<String> progress) {
        List<String> names = new ArrayList<>(List.of("kafka", "keycloak", "kafka-format", "keycloak-build",
                "postgres-initdb"));
        for (PlatformService s : PlatformService.values()) {
            names.add(s.module());
        }
        for (String name : names) {
            ManagedProcess.leftOver(layout, name).ifPresent(h -> {
                progress.accept("stopping " + name + " (pid " + h.pid() + ") left over from an earlier run");
                h.descendants().forEach(ProcessHandle::destroy);
                h.destroy();
                h.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(x -> {
                    h.destroyForcibly();
                    return h;
                }).join();
            });
        }
        postmasterPid(layout).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(h -> {
            progress.accept("stopping PostgreSQL (pid " + h.pid() + ") left over from an earlier run");
            h.destroy();
            h.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        });
    }

    static java.util.Optional<Long> postmasterPid(Layout layout) {
        Path pidFile = layout.data().resolve("postgres/postmaster.pid");
        try {
            if (Files.isRegularFile(pidFile)) {
                return java.util.Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
            }
        } catch (IOException | RuntimeException e) {
            // not running, or not ours to stop
        }
        return java.util.Optional.empty();
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    static String secs(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
