package io.pillar.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;

/** {@code ./pillar status}: each component, its process, its health and its memory. */
final class Status {
    private ProcessMemory total = new ProcessMemory(0, 0);
    private Map<String, Integer> restarts = Map.of();
    private boolean allUp = true;

    static int print(Layout layout) {
        Map<String, String> env = EnvFile.read(layout.envFile());
        if (env.isEmpty()) {
            System.out.println("Pillar has not been started here yet (no " + layout.envFile() + ").");
            return 1;
        }
        Status status = new Status();
        status.restarts = Supervisor.restarts(layout);
        System.out.printf("%-18s %-8s %-26s %-9s %s%n", "component", "pid", "memory", "restarts", "health");
        status.row("postgres", Stack.postmasterPid(layout).flatMap(ProcessHandle::of),
                tcp(env.get("PILLAR_POSTGRES_URL").replaceFirst("jdbc:postgresql://", "").replace("/", "")));
        status.row("kafka", ManagedProcess.leftOver(layout, "kafka"), tcp(env.get("PILLAR_KAFKA_BOOTSTRAP")));
        status.row("keycloak", ManagedProcess.leftOver(layout, "keycloak"),
                http(env.get("PILLAR_KEYCLOAK_MANAGEMENT_URL") + "/health/ready"));
        for (PlatformService service : PlatformService.values()) {
            String url = service == PlatformService.GATEWAY
                    ? env.get("PILLAR_GATEWAY_URL")
                    : env.get(service.envPrefix() + "_URL");
            status.row(service.module(), ManagedProcess.leftOver(layout, service.module()),
                    http(url + "/q/health/ready"));
        }
        Optional<ProcessHandle> supervisor = Pillar.runningSupervisor(layout);
        // its children are the rows above: count the supervisor's own memory only
        status.row("supervisor", supervisor, ProcessMemory::ofAlone,
                supervisor.isPresent() ? "UP (./pillar up)" : "not running");
        System.out.printf("%-18s %-8s %-26s%n", "total", "", status.total.describe());
        return status.allUp ? 0 : 3;
    }

    private void row(String name, Optional<ProcessHandle> process, String health) {
        row(name, process, ProcessMemory::of, health);
    }

    private void row(String name, Optional<ProcessHandle> process,
            java.util.function.Function<ProcessHandle, ProcessMemory> measure, String health) {
        ProcessMemory memory = process.map(measure).orElse(new ProcessMemory(0, 0));
        total = total.plus(memory);
        System.out.printf("%-18s %-8s %-26s %-9s %s%n", name, process.map(p -> Long.toString(p.pid())).orElse("-"),
                memory.describe(), restarts.containsKey(name) ? restarts.get(name).toString() : "-", health);
        allUp &= health.startsWith("UP");
    }

    private static String http(String url) {
        int status = Http.status(url);
        return status == 200
                ? "UP (" + url + ")"
                : status < 0
                        ? "DOWN (no answer at " + url + ")"
                        : "DOWN (HTTP " + status + " at " + url + ")";
    }

    private static String tcp(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 2000);
            return "UP (" + hostPort + " accepts connections)";
        } catch (IOException e) {
            return "DOWN (" + hostPort + " refuses connections)";
        }
    }

    private Status() {
    }
}
