package io.pillar.inventory.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pillar.contracts.Topic;
import io.pillar.inventory.KafkaTopics;
import io.pillar.inventory.RulesDirResource;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** pillar.inventory.changes on the real broker: records imported, unreadable ones dead-lettered with the reason. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RulesDirResource.class)
class InventoryChangeConsumerTest {
    @InjectKafka
    String bootstrap;

    private final String analyst = TestTokens.token("alice", Set.of("analyst"), Set.of());

    @Test
    void recordsAreImportedAndUnprocessableOnesDeadLetteredWithoutStoppingTheConsumer() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String broken = "{\"configurationItems\": [ {\"resourceType\": ";
        KafkaTopics.send(bootstrap, Topic.INVENTORY_CHANGES.topicName(), "broken-" + suffix, broken, "aws-config");
        KafkaTopics.send(bootstrap, Topic.INVENTORY_CHANGES.topicName(), "half-" + suffix, """
                [{"type": "bucket", "natural_id": "gs://half-%s"}, {"type": "bucket"}]""".formatted(suffix),
                "pillar");
        KafkaTopics.send(bootstrap, Topic.INVENTORY_CHANGES.topicName(), "good-" + suffix, """
                {"configurationItemStatus": "OK", "resourceType": "AWS::KMS::Key", "resourceId": "k-%s",
                 "ARN": "arn:aws:kms:eu-west-1:111122223333:key/k-%s", "awsAccountId": "111122223333",
                 "awsRegion": "eu-west-1", "configuration": {"keyManager": "CUSTOMER"}}""".formatted(suffix, suffix),
                null);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(analyst)
                .queryParam("q", "k-" + suffix).when().get("/api/v1/assets").then().statusCode(200)
                .body("items.size()", is(1)).body("items[0].type", is("key"))
                .body("items[0].changed_by", is("kafka:pillar.inventory.changes")));
        given().auth().oauth2(analyst).queryParam("q", "half-" + suffix).when().get("/api/v1/assets").then()
                .body("items.size()", is(1));

        List<ConsumerRecord<String, String>> dead = KafkaTopics.read(bootstrap,
                Topic.INVENTORY_CHANGES_DLQ.topicName(), r -> r.key() != null && r.key().endsWith(suffix), 2,
                Duration.ofSeconds(20));
        assertEquals(2, dead.size());
        ConsumerRecord<String, String> first = dead.stream().filter(r -> r.key().startsWith("broken")).findFirst()
                .orElseThrow();
        assertEquals(broken, first.value(), "the record as it came");
        assertTrue(KafkaTopics.header(first, "dead-letter-reason").contains("not valid JSON"),
                KafkaTopics.header(first, "dead-letter-reason"));
        ConsumerRecord<String, String> half = dead.stream().filter(r -> r.key().startsWith("half")).findFirst()
                .orElseThrow();
        assertTrue(KafkaTopics.header(half, "dead-letter-reason").contains("1 of 2 items rejected: [1] natural_id"),
                KafkaTopics.header(half, "dead-letter-reason"));

        String metrics = given().auth().oauth2(analyst).when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        for (String kind : List.of("not-json", "invalid")) {
            assertTrue(metrics.contains("pillar_dead_letters_total{reason=\"" + kind
                    + "\",topic=\"pillar.inventory.changes\"}"), "dead letters counted by kind: " + kind);
        }
    }
}
