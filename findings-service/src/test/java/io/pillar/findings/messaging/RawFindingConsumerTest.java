package io.pillar.findings.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
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

/** pillar.findings.raw through a real broker: findings are imported, unreadable records go to the dead letters. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class RawFindingConsumerTest {
    @InjectKafka
    String bootstrap;

    @Test
    void findingsAreImportedAndUnreadableRecordsDeadLettered() throws Exception {
        String run = UUID.randomUUID().toString();
        String asset = "arn:aws:s3:::raw-" + run;
        String violation = """
                {"specversion": "1.0", "id": "%s", "source": "/pillar/inventory-service",
                 "type": "io.pillar.finding.reported",
                 "data": {"title": "Bucket is public", "severity": "high", "product": "pillar-inventory",
                          "rule": "s3-public", "resources": [{"uid": "%s", "type": "bucket"}]}}
                """.formatted(run, asset);
        String fixed = violation.replace("\"rule\": \"s3-public\"", "\"rule\": \"s3-public\", \"resolved\": true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            String topic = Topic.FINDINGS_RAW.topicName();
            ProducerRecord<String, String> teamed = new ProducerRecord<>(topic, asset, violation);
            teamed.headers().add("pillar-team", "platform".getBytes(StandardCharsets.UTF_8));
            // as Pillar's own publishers send it: a structured-mode CloudEvent
            teamed.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            producer.send(teamed).get();
            ProducerRecord<String, String> broken = new ProducerRecord<>(topic, run + "-broken",
                    "{\"specversion\": \"1.0\", \"data\": ");
            broken.headers().add("pillar-format", "pillar".getBytes(StandardCharsets.UTF_8));
            producer.send(broken).get();
            producer.send(new ProducerRecord<>(topic, run + "-unknown", "{\"what\": \"is this\"}")).get();
            ProducerRecord<String, String> invalid = new ProducerRecord<>(topic, run + "-invalid",
                    "{\"findings\": [{\"title\": \"t\", \"product\": \"p\", \"rule\": \"r\", \"severity\": \"high\"}]}");
            invalid.headers().add("pillar-format", "pillar".getBytes(StandardCharsets.UTF_8));
            producer.send(invalid).get();
            ProducerRecord<String, String> mixed = new ProducerRecord<>(topic, run + "-mixed", """
                    {"findings": [
                      {"title": "good", "product": "%1$s", "rule": "r", "severity": "high",
                       "resources": [{"uid": "urn:%1$s"}]},
                      {"title": "bad", "product": "%1$s", "rule": "r2", "severity": "high"}]}"""
                    .formatted("mixed-" + run));
            mixed.headers().add("pillar-format", "pillar".getBytes(StandardCharsets.UTF_8));
            producer.send(mixed).get();
            ProducerRecord<String, String> strangeTeam = new ProducerRecord<>(topic, run + "-team", violation);
            strangeTeam.headers().add("pillar-team", "/platform".getBytes(StandardCharsets.UTF_8));
            producer.send(strangeTeam).get();
            // the fix is reported for the same team: a record of no team would be about findings of no team
            ProducerRecord<String, String> fix = new ProducerRecord<>(topic, asset, fixed);
            fix.headers().add("pillar-team", "platform".getBytes(StandardCharsets.UTF_8));
            producer.send(fix).get();
        }

        String viewer = TestTokens.token("viewer", Set.of("viewer"), Set.of("platform"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(viewer)
                .queryParam("asset", asset).when().get("/api/v1/findings")
                .then().statusCode(200).body("items.size()", is(1)).body("items[0].status", is("resolved"))
                .body("items[0].team", is("platform")).body("items[0].occurrences", is(2)));

        Map<String, String> reasons = deadLetters(Set.of(run + "-broken", run + "-unknown", run + "-invalid",
                run + "-team", run + "-mixed"));
        assertTrue(reasons.get(run + "-mixed").contains("1 of 2 findings of the record were rejected (the others "
                + "were imported): [1]"), reasons.toString());
        given().auth().oauth2(TestTokens.token("admin", Set.of("admin"), Set.of())).queryParam("product",
                "mixed-" + run).when().get("/api/v1/findings").then().statusCode(200).body("items.size()", is(1))
                .body("items[0].title", is("good"));
        assertTrue(reasons.get(run + "-broken").contains("not valid JSON"), reasons.toString());
        assertTrue(reasons.get(run + "-unknown").contains("not recognised"), reasons.toString());
        assertTrue(reasons.get(run + "-invalid").contains("resources"), reasons.toString());
        assertTrue(reasons.get(run + "-team").contains("not a team name"), reasons.toString());
    }

    @Test
    void aRecordThatComesAgainChangesNothing() throws Exception {
        String run = UUID.randomUUID().toString();
        String report = """
                {"findings": [{"title": "t", "product": "%1$s", "rule": "r", "severity": "high",
                 "resources": [{"uid": "urn:%1$s"}]}]}""".formatted("again-" + run);
        String scoped = report.replace("again-", "again-scoped-");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                // sent back to back: twice in one poll as well as in separate ones
                for (int n = 0; n < 2; n++) {
                    ProducerRecord<String, String> r = new ProducerRecord<>(Topic.FINDINGS_RAW.topicName(), run,
                            report);
                    r.headers().add("pillar-format", "pillar".getBytes(StandardCharsets.UTF_8));
                    producer.send(r);
                }
                ProducerRecord<String, String> s = new ProducerRecord<>(Topic.FINDINGS_RAW.topicName(), run, scoped);
                s.headers().add("pillar-format", "pillar".getBytes(StandardCharsets.UTF_8));
                s.headers().add("pillar-scope", ("scope-" + run).getBytes(StandardCharsets.UTF_8));
                producer.send(s).get();
            }
            // a record of other content after them: once it is in, the repeats before it were read
            ProducerRecord<String, String> last = new ProducerRecord<>(Topic.FINDINGS_RAW.topicName(), run,
                    report.replace("\"title\": \"t\"", "\"title\": \"t2\"").replace("\"rule\": \"r\"",
                            "\"rule\": \"r2\""));
            last.headers().add("pillar-format", "pillar".getBytes(StandardCharsets.UTF_8));
            producer.send(last).get();
        }
        String admin = TestTokens.token("admin", Set.of("admin"), Set.of());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin)
                .queryParam("product", "again-" + run).when().get("/api/v1/findings")
                .then().statusCode(200).body("items.size()", is(2)));
        given().auth().oauth2(admin).queryParam("product", "again-" + run).queryParam("q", "t").when()
                .get("/api/v1/findings").then().statusCode(200)
                .body("items.find { it.title == 't' }.occurrences", is(1));
        given().auth().oauth2(admin).queryParam("product", "again-scoped-" + run).when().get("/api/v1/findings")
                .then().statusCode(200).body("items.size()", is(1)).body("items[0].occurrences", is(1));
    }

    private Map<String, String> deadLetters(Set<String> keys) {
        Map<String, String> reasons = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.FINDINGS_RAW_DLQ.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && reasons.size() < keys.size()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (keys.contains(r.key())) {
                        reasons.put(r.key(), new String(r.headers().lastHeader("dead-letter-reason").value(),
                                StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertEquals(keys, reasons.keySet());
        return reasons;
    }
}
