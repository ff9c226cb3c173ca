package io.pillar.identity.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.pillar.contracts.Topic;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Audit events travel through a real broker into the ledger; unreadable ones land on the dead-letter topic. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "identity"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class AuditLedgerKafkaTest {
    @InjectKafka
    String bootstrap;

    @Test
    void eventsAreChainedOnceAndBadRecordsGoToTheDeadLetterTopic() throws Exception {
        String auditor = TestTokens.token("auditor", Set.of("auditor"), Set.of("platform"));
        String run = UUID.randomUUID().toString();
        String first = event(run + "-1", "alice-" + run, "PATCH /api/v1/findings/42");
        String second = event(run + "-2", "bob-" + run, "POST /api/v1/findings/imports");
        String badKey = run + "-bad";
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topic.AUDIT.topicName(), run, first)).get();
            producer.send(new ProducerRecord<>(Topic.AUDIT.topicName(), badKey, "{\"specversion\":\"1.0\"")).get();
            producer.send(new ProducerRecord<>(Topic.AUDIT.topicName(), run, first)).get(); // redelivery
            producer.send(new ProducerRecord<>(Topic.AUDIT.topicName(), run, second)).get();
        }

        // both chained, in order, the redelivered one once (reads of the ledger are chained too: filter by actor)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                .queryParam("actor", "bob-" + run).when().get("/api/v1/audit")
                .then().statusCode(200).body("items.size()", is(1)));
        given().auth().oauth2(auditor).queryParam("actor", "alice-" + run).when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].event_id", is(run + "-1"))
                .body("items[0].details.before.status", is("new"));
        long aliceSeq = given().auth().oauth2(auditor).queryParam("actor", "alice-" + run).when()
                .get("/api/v1/audit").then().extract().<Number>path("items[0].seq").longValue();
        long bobSeq = given().auth().oauth2(auditor).queryParam("actor", "bob-" + run).when()
                .get("/api/v1/audit").then().extract().<Number>path("items[0].seq").longValue();
        assertTrue(aliceSeq < bobSeq, "chained in the order they were produced");

        given().auth().oauth2(auditor).when().get("/api/v1/audit/verify")
                .then().statusCode(200).body("valid", is(true));

        ConsumerRecord<String, String> dead = deadLetter(badKey);
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("not JSON"), reason);
        assertEquals("{\"specversion\":\"1.0\"", dead.value());
    }

    @Test
    void onlyAuditorsAndAdminsReadTheLedger() {
        given().auth().oauth2(TestTokens.token("analyst", Set.of("analyst"), Set.of("platform")))
                .when().get("/api/v1/audit").then().statusCode(403);
        given().when().get("/api/v1/audit").then().statusCode(401);
    }

    private ConsumerRecord<String, String> deadLetter(String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.AUDIT_DLQ.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        return r;
                    }
                    seen.add(r.key());
                }
            }
            throw new AssertionError("no dead letter with key " + key + "; saw " + seen);
        }
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static String event(String id, String actor, String action) {
        return """
                {"specversion":"1.0","id":"%s","source":"/pillar/test","type":"io.pillar.audit.recorded",
                 "time":"2026-11-29T08:00:00.123456789Z","datacontenttype":"application/json",
                 "data":{"actor":"%s","action":"%s","resource":"finding/42","outcome":"success",
                         "source_ip":"127.0.0.1","before":{"status":"new"},"after":{"status":"triaged"}}}
                """.formatted(id, actor, action);
    }
}
