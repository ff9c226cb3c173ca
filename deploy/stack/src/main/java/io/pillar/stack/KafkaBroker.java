package io.pillar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.ZipFile;

/** One Apache Kafka broker in KRaft mode (broker and controller in one process), from the Maven Central jars. */
final class KafkaBroker {
    /** The broker's own realm client: its listeners log in with it, and it is the cluster's only super user. */
    static final String BROKER_CLIENT = "pillar-kafka-broker";
    static final String BROKER_SECRET = "PILLAR_KAFKA_BROKER_CLIENT_SECRET";
    /** The audience every Kafka client's token must carry (the realm's "audience kafka" mappers). */
    static final String AUDIENCE = "kafka";
    private static final String VALIDATOR = "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler";

    /** The broker's jars copied from the local Maven repository into the runtime folder, each checked whole. */
    static Path install(Layout layout, Consumer<String> progress) throws IOException {
        Path list = layout.kafkaClasspath();
        if (!Files.isRegularFile(list)) {
            throw new IllegalStateException(
                    "the Kafka broker's jar list is missing at " + list + ": run ./pillar build");
        }
        List<Path> jars = new ArrayList<>();
        for (String entry : Files.readString(list).trim().split(java.io.File.pathSeparator)) {
            jars.add(Path.of(entry));
        }
        String version = jars.stream().map(j -> j.getFileName().toString()).filter(n -> n.startsWith("kafka_"))
                .map(n -> n.replaceFirst("^kafka_[0-9.]+-", "").replaceFirst("\\.jar$", "")).findFirst()
                .orElse("unknown");
        String source = "kafka " + version + ", " + jars.size() + " jars";
        return Distribution.install(layout.runtime(), "kafka-" + version, source, staging -> {
            Path libs = Files.createDirectories(staging.resolve("libs"));
            for (Path jar : jars) {
                if (!Files.isRegularFile(jar)) {
                    throw new IOException(jar + " is missing from the local Maven repository: run ./pillar build");
                }
                try (ZipFile whole = new ZipFile(jar.toFile())) {
                    whole.size(); // opening it reads its central directory: a truncated jar fails here
                } catch (IOException e) {
                    throw new IOException(
                            jar + " is damaged (" + e.getMessage() + "): delete it and run ./pillar build");
                }
                Files.copy(jar, libs.resolve(jar.getFileName()));
            }
        }, progress).resolve("libs");
    }

    static ManagedProcess start(Layout layout, Ports ports, Secrets secrets, String java, Consumer<String> progress)
            throws IOException {
        Path libs = install(layout, progress);
        Path dir = layout.data().resolve("kafka");
        Path logDirs = dir.resolve("logs");
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        EnvFile.writePrivate(config, serverProperties(ports, logDirs, secrets.get(BROKER_SECRET)));
        String classpath = libs.toAbsolutePath() + "/*";
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            ManagedProcess.runToCompletion(layout, "kafka-format",
                    List.of(java, "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", clusterId(dir), "-c",
                            config.toString()),
                    Map.of(), dir, Duration.ofMinutes(2));
        }
        return ManagedProcess.start(layout, "kafka",
                List.of(java, "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", KafkaClients.allowedUrlsOption(ports),
                        "-cp", classpath, "kafka.Kafka", config.toString()),
                Map.of(), dir);
    }

    static String bootstrap(Ports ports) {
        return ports.host() + ":" + ports.kafka();
    }

    private static String clusterId(Path dir) throws IOException {
        Path file = dir.resolve("cluster.id");
        // an id starting with '-' would be read as an option by kafka-storage (and never formatted): drawn again
        if (!Files.exists(file) || Files.readString(file).trim().startsWith("-")) {
            String id;
            do {
                // a Kafka cluster id is a base64url UUID of 22 characters
                UUID uuid = UUID.randomUUID();
                var buffer = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits());
                id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
            } while (id.startsWith("-"));
            Files.writeString(file, id);
        }
        return Files.readString(file).trim();
    }

    /**
     * Every listener, the controller's included, takes only OAUTHBEARER tokens of the realm with audience
     * {@value #AUDIENCE}; the principal is the token's client ({@code azp}); nothing is allowed without an ACL.
     */
    private static String serverProperties(Ports ports, Path logDirs, String brokerSecret) {
        String h = ports.host();
        StringBuilder listeners = new StringBuilder();
        for (String listener : List.of("clients", "controller")) {
            String prefix = "listener.name." + listener + ".oauthbearer.";
            listeners.append(prefix).append("sasl.server.callback.handler.class=").append(VALIDATOR).append('\n')
                    .append(prefix).append("sasl.login.callback.handler.class=").append(KafkaClients.LOGIN_HANDLER)
                    .append('\n').append(prefix).append("sasl.jaas.config=").append(KafkaClients.JAAS).append('\n');
        }
        listeners.append(KafkaClients.CLIENT_ID).append('=').append(BROKER_CLIENT).append('\n')
                .append(KafkaClients.CLIENT_SECRET).append('=').append(brokerSecret).append('\n');
        return """
                # written by ./pillar up at each start (mode 600: it holds the broker's client secret)
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=CLIENTS://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=CLIENTS://%1$s:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=CLIENTS
                listener.security.protocol.map=CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
                sasl.enabled.mechanisms=OAUTHBEARER
                sasl.mechanism.inter.broker.protocol=OAUTHBEARER
                sasl.mechanism.controller.protocol=OAUTHBEARER
                sasl.oauthbearer.jwks.endpoint.url=%5$s/protocol/openid-connect/certs
                sasl.oauthbearer.token.endpoint.url=%5$s/protocol/openid-connect/token
                sasl.oauthbearer.expected.issuer=%5$s
                sasl.oauthbearer.expected.audience=%6$s
                sasl.oauthbearer.sub.claim.name=azp
                sasl.login.refresh.buffer.seconds=60
                # no forced re-authentication (connections.max.reauth.ms): with 5-minute tokens it paused each
                # connection every few minutes and tripled the findings latency p99 (116 and 297 ms against 50 ms);
                # a client disabled in the realm gets no new connection, and its ACLs can be removed at once
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                allow.everyone.if.no.acl.found=false
                super.users=User:%7$s
                log.dirs=%4$s
                auto.create.topics.enable=false
                num.partitions=3
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(h, ports.kafka(), ports.kafkaController(), logDirs.toAbsolutePath(),
                KeycloakServer.issuer(ports), AUDIENCE, BROKER_CLIENT) + listeners;
    }

    private KafkaBroker() {
    }
}
