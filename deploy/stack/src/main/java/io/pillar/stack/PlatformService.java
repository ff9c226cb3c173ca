package io.pillar.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** The five Quarkus services: where the build puts each and how it is configured (environment only). */
public enum PlatformService {
    INVENTORY("inventory-service", "inventory", Ports::inventory), FINDINGS("findings-service", "findings",
            Ports::findings), IDENTITY("identity-service", "identity", Ports::identity), RESPONSE("response-service",
                    "response", Ports::response), GATEWAY("gateway", null, Ports::gateway);

    private final String module;
    private final String database;
    private final ToIntFunction<Ports> port;

    PlatformService(String module, String database, ToIntFunction<Ports> port) {
        this.module = module;
        this.database = database;
        this.port = port;
    }

    public String module() {
        return module;
    }

    public int port(Ports ports) {
        return port.applyAsInt(ports);
    }

    public String url(Ports ports) {
        return ports.url(port(ports));
    }

    /** The service's own client in the realm: its tokens (to Kafka and to the other services) are this client's. */
    public String clientId() {
        return this == GATEWAY ? "pillar-gateway" : module;
    }

    /** The prefix of this service's PILLAR_* variables: INVENTORY, FINDINGS, ..., GATEWAY. */
    public String envPrefix() {
        return "PILLAR_" + name();
    }

    String readinessUrl(Ports ports) {
        return url(ports) + "/q/health/ready";
    }

    ManagedProcess start(Layout layout, Ports ports, Secrets secrets, String java, List<String> jvmOptions) {
        Path jar = layout.serviceJar(module);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is not built (" + jar + " is missing): build first");
        }
        Map<String, String> env = new HashMap<>();
        env.put("PILLAR_BIND_HOST", ports.host());
        env.put(envPrefix() + "_PORT", Integer.toString(port(ports)));
        env.put("PILLAR_KAFKA_BOOTSTRAP", KafkaBroker.bootstrap(ports));
        env.put("PILLAR_OIDC_URL", KeycloakServer.issuer(ports));
        if (database != null) {
            env.put(envPrefix() + "_DB_URL",
                    "jdbc:postgresql://" + ports.host() + ":" + ports.postgres() + "/" + database);
            env.put(envPrefix() + "_DB_USER", database);
            env.put(envPrefix() + "_DB_PASSWORD", secrets.get(envPrefix() + "_DB_PASSWORD"));
        }
        // every service may call the others (REST through URLs, gRPC through host and port) with its own token
        for (PlatformService upstream : values()) {
            if (upstream != GATEWAY && upstream != this) {
                env.put(upstream.envPrefix() + "_URL", upstream.url(ports));
                env.put(upstream.envPrefix() + "_HOST", ports.host());
                env.put(upstream.envPrefix() + "_PORT", Integer.toString(upstream.port(ports)));
            }
        }
        env.put(envPrefix() + "_CLIENT_SECRET", secrets.get(envPrefix() + "_CLIENT_SECRET"));
        if (this == GATEWAY) {
            // encrypts the console's session cookies and keys its CSRF tokens: logins survive a gateway restart
            env.put("PILLAR_CONSOLE_SESSION_SECRET", secrets.get("PILLAR_CONSOLE_SESSION_SECRET"));
        }
        if (this == IDENTITY) {
            env.put("PILLAR_AUDIT_SIGNING_KEY_FILE", layout.state().resolve(AuditSigningKey.FILE_NAME).toString());
        }
        // Kafka knows the service by its realm client, whose token it verifies at login
        env.put("PILLAR_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("PILLAR_KAFKA_CLIENT_ID", clientId());
        env.put("PILLAR_KAFKA_CLIENT_SECRET", secrets.get(envPrefix() + "_CLIENT_SECRET"));
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add(KafkaClients.clientAllowedUrlsOption(ports));
        command.addAll(List.of("-jar", jar.toString()));
        return ManagedProcess.start(layout, module, command, env, layout.repo().resolve(module));
    }
}
