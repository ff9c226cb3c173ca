package io.pillar.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

/** {@code ./pillar status}: each component, its process and its health. */
final class Status {

    static int print(Layout layout) {
        Map<String, String> env = EnvFile.read(layout.envFile());
        if (env.isEmpty()) {
            System.out.println("Pillar has not been started here yet (no " + layout.envFile() + ").");
            return 1;
        }
        boolean supervisor = Pillar.runningSupervisor(layout).isPresent();
        System.out.printf("%-18s %-8s %s%n", "component", "pid", "health");
        boolean allUp = true;
        allUp &= row("postgres", Stack.postmasterPid(layout).map(String::valueOf).orElse("-"),
                tcp(env.get("PILLAR_POSTGRES_URL").replaceFirst("jdbc:postgresql://", "").replace("/", "")));
        allUp &= row("kafka", pid(layout, "kafka"), tcp(env.get("PILLAR_KAFKA_BOOTSTRAP")));
        allUp &= row("keycloak", pid(layout, "keycloak"),
                http(env.get("PILLAR_KEYCLOAK_MANAGEMENT_URL") + "/health/ready"));
        for (PlatformService service : PlatformService.values()) {
            String url = service == PlatformService.GATEWAY
                    ? env.get("PILLAR_GATEWAY_URL")
                    : env.get(service.envPrefix() + "_URL");
            allUp &= row(service.module(), pid(layout, service.module()), http(url + "/q/health/ready"));
        }
        System.out.println(supervisor ? "supervisor: running" : "supervisor: not running");
        return allUp ? 0 : 3;
    }

    private static boolean row(String name, String pid, String health) {
        System.out.printf("%-18s %-8s %s%n", name, pid, health);
        return health.startsWith("UP");
    }

    private static String pid(Layout layout, String name) {
        return ManagedProcess.leftOver(layout, name).map(h -> Long.toString(h.pid())).orElse("-");
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
