package io.pillar.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every port of the stack and the address it binds to; each is overridable through the environment. */
public record Ports(String host, int gateway, int inventory, int findings, int identity, int response, int keycloak,
        int keycloakManagement, int kafka, int kafkaController, int postgres) {

    /** The defaults, each overridden by its PILLAR_..._PORT variable (and PILLAR_BIND_HOST) when set. */
    public static Ports fromEnvironment(Map<String, String> env) {
        Function<String, Integer> port = name -> parse(name, env.get(name));
        return new Ports(env.getOrDefault("PILLAR_BIND_HOST", "127.0.0.1"),
                or(port.apply("PILLAR_GATEWAY_PORT"), 8080),
                or(port.apply("PILLAR_INVENTORY_PORT"), 8081),
                or(port.apply("PILLAR_FINDINGS_PORT"), 8082),
                or(port.apply("PILLAR_IDENTITY_PORT"), 8083),
                or(port.apply("PILLAR_RESPONSE_PORT"), 8084),
                or(port.apply("PILLAR_KEYCLOAK_PORT"), 8180),
                or(port.apply("PILLAR_KEYCLOAK_MANAGEMENT_PORT"), 9180),
                or(port.apply("PILLAR_KAFKA_PORT"), 9092),
                or(port.apply("PILLAR_KAFKA_CONTROLLER_PORT"), 9093),
                or(port.apply("PILLAR_POSTGRES_PORT"), 5433));
    }

    /** A port variable's value: unset or empty means the default (0 here); anything else must be a port. */
    static int parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(name + " must be a port number from 1 to 65535, was \"" + value + "\"");
    }

    /**
     * Free ports on the loopback address, for a stack that must not collide with another (tests): ten distinct ports,
     * each held until all are found (a port just released can be handed out again), taken below Linux's ephemeral
     * range (32768-60999) so that no outgoing connection takes one before its server binds it.
     */
    public static Ports free() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            java.util.Random random = new java.util.Random();
            while (held.size() < 10) {
                int candidate = 20_000 + random.nextInt(12_000);
                try {
                    ServerSocket socket = new ServerSocket();
                    socket.bind(new InetSocketAddress("127.0.0.1", candidate));
                    if (held.stream().anyMatch(h -> h.getLocalPort() == candidate)) {
                        socket.close();
                    } else {
                        held.add(socket);
                    }
                } catch (IOException inUse) {
                    // taken: try another
                }
            }
            int[] p = held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
            return new Ports("127.0.0.1", p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing a listening socket that was never used
                }
            }
        }
    }

    /** The variables that make {@code ./pillar} use these ports (the inverse of {@link #fromEnvironment}). */
    public Map<String, String> environment() {
        return Map.ofEntries(Map.entry("PILLAR_BIND_HOST", host),
                Map.entry("PILLAR_GATEWAY_PORT", Integer.toString(gateway)),
                Map.entry("PILLAR_INVENTORY_PORT", Integer.toString(inventory)),
                Map.entry("PILLAR_FINDINGS_PORT", Integer.toString(findings)),
                Map.entry("PILLAR_IDENTITY_PORT", Integer.toString(identity)),
                Map.entry("PILLAR_RESPONSE_PORT", Integer.toString(response)),
                Map.entry("PILLAR_KEYCLOAK_PORT", Integer.toString(keycloak)),
                Map.entry("PILLAR_KEYCLOAK_MANAGEMENT_PORT", Integer.toString(keycloakManagement)),
                Map.entry("PILLAR_KAFKA_PORT", Integer.toString(kafka)),
                Map.entry("PILLAR_KAFKA_CONTROLLER_PORT", Integer.toString(kafkaController)),
                Map.entry("PILLAR_POSTGRES_PORT", Integer.toString(postgres)));
    }

    public String url(int port) {
        return "http://" + host + ":" + port;
    }

    private static int or(int value, int fallback) {
        return value == 0 ? fallback : value;
    }

}
