package io.pillar.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pillar.stack.Http;
import io.pillar.stack.Layout;

/**
 * The faults the chaos suite injects into the stack of {@code ./pillar up}: a component killed with SIGKILL, which
 * the supervisor starts again; and when it is back (listening, or ready for a service).
 */
final class Faults {
    private final Layout layout;
    private final Map<String, String> env;

    Faults(Layout layout, Map<String, String> env) {
        this.layout = layout;
        this.env = env;
    }

    /** SIGKILL to the component's process (its children die with it or notice at once); returns its pid. */
    long kill(String component) {
        ProcessHandle process = process(component).orElseThrow(
                () -> new IllegalStateException(component + " is not running"));
        process.destroyForcibly();
        return process.pid();
    }

    /** Waits until the component runs again under a new pid and answers; returns when (nanoTime). */
    long awaitBack(String component, long killedPid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> p = process(component);
            if (p.isPresent() && p.get().pid() != killedPid && answers(component)) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(component + " was not back within " + limit
                + " (is ./pillar up running, whose supervisor starts it again?)");
    }

    /** Whether every service is ready (the state between runs). */
    boolean allReady() {
        for (String service : List.of("inventory-service", "findings-service", "identity-service",
                "response-service", "gateway")) {
            if (!answers(service)) {
                return false;
            }
        }
        return answers("postgres") && answers("kafka");
    }

    private boolean answers(String component) {
        return switch (component) {
            case "postgres" -> listening(env.get("PILLAR_POSTGRES_URL").replaceFirst("jdbc:postgresql://", "")
                    .replace("/", ""));
            case "kafka" -> listening(env.get("PILLAR_KAFKA_BOOTSTRAP"));
            default -> Http.status(url(component) + "/q/health/ready") == 200;
        };
    }

    private String url(String service) {
        return switch (service) {
            case "gateway" -> env.get("PILLAR_GATEWAY_URL");
            default -> env.get("PILLAR_" + service.replace("-service", "").toUpperCase(java.util.Locale.ROOT)
                    + "_URL");
        };
    }

    private Optional<ProcessHandle> process(String component) {
        Path pidFile = component.equals("postgres")
                ? layout.data().resolve("postgres/postmaster.pid")
                : layout.pidFile(component);
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean listening(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
