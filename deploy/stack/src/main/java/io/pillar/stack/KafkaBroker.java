package io.pillar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipFile;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.pillar.contracts.Topic;

/** One Apache Kafka broker in KRaft mode (broker and controller in one process), from the Maven Central jars. */
final class KafkaBroker {

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

    static ManagedProcess start(Layout layout, Ports ports, String java, Consumer<String> progress)
            throws IOException {
        Path libs = install(layout, progress);
        Path dir = layout.data().resolve("kafka");
        Path logDirs = dir.resolve("logs");
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(ports, logDirs));
        String classpath = libs.toAbsolutePath() + "/*";
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            ManagedProcess.runToCompletion(layout, "kafka-format",
                    List.of(java, "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", clusterId(dir), "-c",
                            config.toString()),
                    Map.of(), dir, Duration.ofMinutes(2));
        }
        return ManagedProcess.start(layout, "kafka",
                List.of(java, "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-cp", classpath, "kafka.Kafka",
                        config.toString()),
                Map.of(), dir);
    }

    /** Waits until the broker answers, then creates every topic of {@link Topic} that does not exist yet. */
    static void awaitReadyAndCreateTopics(Ports ports, ManagedProcess broker, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(ports));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!broker.alive()) {
                    throw new IllegalStateException("Kafka exited before it was ready\n" + broker.logTail());
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    break;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka was not ready within " + timeout.toSeconds() + " s\n"
                                + broker.logTail());
                    }
                    Http.sleep(Duration.ofMillis(500));
                }
            }
            createTopics(admin);
        }
    }

    static String bootstrap(Ports ports) {
        return ports.host() + ":" + ports.kafka();
    }

    private static void createTopics(Admin admin) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(new NewTopic(topic.topicName(), topic.partitions(), (short) 1)
                    .configs(Map.of("retention.ms", Long.toString(topic.retention().toMillis()))));
        }
        for (var result : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + result.getKey(), e.getCause());
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not create topic " + result.getKey(), e);
            }
        }
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

    private static String serverProperties(Ports ports, Path logDirs) {
        String h = ports.host();
        return """
                # written by ./pillar up at each start
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%4$s
                auto.create.topics.enable=false
                num.partitions=3
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(h, ports.kafka(), ports.kafkaController(), logDirs.toAbsolutePath());
    }

    private KafkaBroker() {
    }
}
