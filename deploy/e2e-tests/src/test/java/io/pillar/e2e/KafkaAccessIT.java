package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pillar.contracts.Topic;
import io.pillar.stack.KafkaClients;

/**
 * The broker of a started platform lets nobody in without a token of the realm, and each client only where its ACLs
 * say: a team's client reads its own findings topic and nothing else, an integration cannot write audit events or
 * join a service's consumer group, a service cannot write a topic another service owns.
 */
class KafkaAccessIT {
    private static final String PLATFORM_TOPIC = Topic.teamFindings("platform");

    @BeforeAll
    static void platformHasItsTopic() {
        // a subscription creates the team's topic
        given().auth().oauth2(Keycloak.demoUser("analyst")).contentType("application/json")
                .body(Map.of("team", "platform", "severity", List.of("critical")))
                .when().post(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + "/api/v1/subscriptions")
                .then().statusCode(201);
    }

    @Test
    void aClientWithoutCredentialsGetsNoAnswer() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", PlatformUnderTest.get("PILLAR_KAFKA_BOOTSTRAP"),
                "request.timeout.ms", "3000", "default.api.timeout.ms", "6000");
        try (Admin admin = Admin.create(anonymous)) {
            assertThrows(Exception.class, () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
        }
        Map<String, Object> consumer = new HashMap<>(anonymous);
        consumer.put("group.id", "anonymous-" + UUID.randomUUID());
        consumer.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer, new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(Topic.FINDINGS_EVENTS.topicName()));
            assertEquals(0, c.poll(Duration.ofSeconds(5)).count());
        }
    }

    @Test
    void aTokenOfTheRealmWithoutTheKafkaAudienceIsRefusedAtLogin() {
        String clientId = "e2e-no-kafka-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = Keycloak.newClient(clientId);
        try {
            Map<String, Object> config = new HashMap<>(KafkaClients.config(PlatformUnderTest.env(), clientId, secret));
            config.put("request.timeout.ms", "5000");
            config.put("default.api.timeout.ms", "10000");
            try (Admin admin = Admin.create(config)) {
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> admin.describeCluster().nodes().get(15, TimeUnit.SECONDS));
                assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), refused.toString());
            }
        } finally {
            Keycloak.removeClient(clientId);
        }
    }

    @Test
    void aTeamClientReadsItsOwnTopicAndNothingElse() throws Exception {
        var file = KafkaClients.teamFile(PlatformUnderTest.layout(), "platform");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "the team's settings hold its secret");
        Map<String, Object> team = new HashMap<>(KafkaClients.team(PlatformUnderTest.layout(), "platform"));
        team.put("group.id", "pillar-team-platform.e2e-" + UUID.randomUUID());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(team, new StringDeserializer(),
                new StringDeserializer())) {
            assertEquals(Topic.TEAM_FINDINGS_PARTITIONS, c.partitionsFor(PLATFORM_TOPIC).size());
            for (String other : List.of(Topic.teamFindings("payments"), Topic.FINDINGS_EVENTS.topicName(),
                    Topic.AUDIT.topicName(), Topic.POSTURE_EVENTS.topicName())) {
                assertThrows(TopicAuthorizationException.class, () -> c.partitionsFor(other), other);
            }
        }
        Map<String, Object> otherGroup = new HashMap<>(team);
        otherGroup.put("group.id", "pillar-team-payments.e2e");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(otherGroup, new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(PLATFORM_TOPIC));
            assertThrows(GroupAuthorizationException.class, () -> c.poll(Duration.ofSeconds(10)));
        }
        assertRefusedToWrite(team, PLATFORM_TOPIC);
    }

    @Test
    void anIntegrationCannotForgeAuditEventsNorJoinAServicesGroup() {
        Map<String, Object> integration = new HashMap<>(KafkaClients.integration(PlatformUnderTest.env()));
        assertRefusedToWrite(integration, Topic.AUDIT.topicName());
        integration.put("group.id", "identity-service");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(integration, new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(Topic.FINDINGS_EVENTS.topicName()));
            assertThrows(GroupAuthorizationException.class, () -> c.poll(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aServiceCannotWriteATopicAnotherServiceOwns() {
        Map<String, Object> findings = KafkaClients.config(PlatformUnderTest.env(), "findings-service",
                PlatformUnderTest.get("PILLAR_FINDINGS_CLIENT_SECRET"));
        assertRefusedToWrite(findings, Topic.INVENTORY_EVENTS.topicName());
        assertRefusedToWrite(findings, Topic.RESPONSE_COMMANDS.topicName());
    }

    private static void assertRefusedToWrite(Map<String, Object> client, String topic) {
        Map<String, Object> config = new HashMap<>(client);
        config.put("max.block.ms", "15000");
        config.put("delivery.timeout.ms", "15000");
        config.put("request.timeout.ms", "10000");
        config.put("linger.ms", "0");
        // not idempotent: a client without any write right would otherwise be stopped at the cluster level before
        // the topic's ACLs are asked
        config.put("enable.idempotence", "false");
        config.put("acks", "1");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            Exception refused = assertThrows(Exception.class,
                    () -> producer.send(new ProducerRecord<>(topic, "k", "{}")).get(30, TimeUnit.SECONDS));
            Throwable cause = refused instanceof ExecutionException ? refused.getCause() : refused;
            assertInstanceOf(TopicAuthorizationException.class, cause, topic + ": " + cause);
        }
    }
}
