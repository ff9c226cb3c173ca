package io.pillar.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.pillar.contracts.Topic;

/**
 * What a broker needs before any service connects, done as the broker's own client (the only super user): every
 * topic of {@link Topic}, a Kafka client in the realm for every team (see {@link TeamKafkaClients}) and the ACLs of
 * {@link KafkaAcls}. {@code ./pillar up} runs it after each start of the broker, the compose file's
 * {@code kafka-init} container through {@link #main}. Each step leaves what exists as it is.
 */
public final class KafkaSetup {

    /**
     * Where the broker and Keycloak are, seen from here ({@code bootstrap}, {@code issuer}, {@code keycloakUrl}, with
     * {@code security} settings beyond SASL_PLAINTEXT: TLS) and from the teams' consumers ({@code teamBootstrap},
     * {@code teamIssuer}, {@code teamSecurity}), and where the teams' settings go.
     */
    record Target(String bootstrap, String issuer, Map<String, String> security, String keycloakUrl,
            String keycloakAdminPassword, String brokerSecret, String teamBootstrap, String teamIssuer,
            Map<String, String> teamSecurity, Path teamSettings) {
    }

    /** Waits until the broker answers, then sets it up; returns the teams that got a client. */
    static List<String> run(Target target, Duration timeout, BooleanSupplier brokerAlive,
            Supplier<String> diagnostics, Consumer<String> progress) throws Exception {
        Map<String, Object> props = new HashMap<>(KafkaClients.config(target.bootstrap(), target.issuer(),
                KafkaBroker.BROKER_CLIENT, target.brokerSecret()));
        props.putAll(target.security());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!brokerAlive.getAsBoolean()) {
                    throw new IllegalStateException("Kafka exited before it was ready\n" + diagnostics.get());
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    break;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka was not ready within " + timeout.toSeconds() + " s\n"
                                + diagnostics.get());
                    }
                    Http.sleep(Duration.ofMillis(500));
                }
            }
            createTopics(admin);
            KeycloakAdmin keycloak = KeycloakAdmin.login(target.keycloakUrl(), target.keycloakAdminPassword());
            List<String> teams = TeamKafkaClients.ensure(keycloak, target.teamSettings(), target.teamBootstrap(),
                    target.teamIssuer(), target.teamSecurity(), progress);
            KafkaAcls.grant(admin, teams);
            return teams;
        }
    }

    /**
     * For a broker run elsewhere (the compose file): settings from the environment, PILLAR_KAFKA_BOOTSTRAP,
     * PILLAR_OIDC_URL, PILLAR_KEYCLOAK_URL, PILLAR_KEYCLOAK_ADMIN_PASSWORD, PILLAR_KAFKA_BROKER_CLIENT_SECRET, and for
     * the teams' settings PILLAR_TEAM_KAFKA_BOOTSTRAP, PILLAR_TEAM_OIDC_URL and PILLAR_TEAM_KAFKA_SETTINGS (a folder).
     * With PILLAR_KAFKA_SECURITY_PROTOCOL=SASL_SSL, PILLAR_KAFKA_TRUSTSTORE (PKCS12) and its password
     * PILLAR_KAFKA_TRUSTSTORE_PASSWORD name the broker's certificate here, PILLAR_TEAM_KAFKA_TRUSTSTORE where the
     * teams' consumers find it.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String protocol = env.getOrDefault("PILLAR_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        Map<String, String> security = new HashMap<>(Map.of("security.protocol", protocol));
        Map<String, String> teamSecurity = new HashMap<>(security);
        if (protocol.equals("SASL_SSL") && env.containsKey("PILLAR_KAFKA_TRUSTSTORE")) {
            security.putAll(truststore(env.get("PILLAR_KAFKA_TRUSTSTORE"), env));
            teamSecurity.putAll(truststore(required(env, "PILLAR_TEAM_KAFKA_TRUSTSTORE"), env));
        }
        Target target = new Target(required(env, "PILLAR_KAFKA_BOOTSTRAP"), required(env, "PILLAR_OIDC_URL"),
                security, required(env, "PILLAR_KEYCLOAK_URL"), required(env, "PILLAR_KEYCLOAK_ADMIN_PASSWORD"),
                required(env, KafkaBroker.BROKER_SECRET), required(env, "PILLAR_TEAM_KAFKA_BOOTSTRAP"),
                required(env, "PILLAR_TEAM_OIDC_URL"), teamSecurity,
                Files.createDirectories(Path.of(required(env, "PILLAR_TEAM_KAFKA_SETTINGS"))));
        List<String> teams = run(target, Duration.ofMinutes(3), () -> true, () -> "", System.out::println);
        System.out.println("Kafka is set up: topics, ACLs, and clients of teams " + String.join(", ", teams));
    }

    private static Map<String, String> truststore(String location, Map<String, String> env) {
        return Map.of("ssl.truststore.location", location, "ssl.truststore.type", "PKCS12",
                "ssl.truststore.password", required(env, "PILLAR_KAFKA_TRUSTSTORE_PASSWORD"));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    private static void createTopics(Admin admin) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(new NewTopic(topic.topicName(), topic.partitions(), (short) 1)
                    .configs(topic.configs()));
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

    private KafkaSetup() {
    }
}
