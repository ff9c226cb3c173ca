package io.pillar.findings.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.contracts.Topic;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Status changes with a reason, kept in the history, announced on Kafka, within the caller's teams only. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class FindingWorkflowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafka
    String bootstrap;

    @Test
    void anAnalystTriagesAFindingOfTheirTeam() throws Exception {
        String analyst = TestTokens.token("erin", Set.of("analyst"), Set.of("platform"));
        String title = "workflow-" + UUID.randomUUID();
        String importId = given().auth().oauth2(analyst).contentType("application/json")
                .body("[{\"title\": \"" + title + "\", \"severity\": \"high\", \"product\": \"wf\", \"rule\": \""
                        + title + "\", \"resources\": [{\"uid\": \"urn:" + title + "\"}]}]")
                .queryParam("team", "platform").when().post("/api/v1/findings/imports")
                .then().statusCode(201).extract().path("id");
        String id = given().auth().oauth2(analyst).queryParam("import_id", importId).when().get("/api/v1/findings")
                .then().extract().path("items[0].id");
        String path = "/api/v1/findings/" + id;

        given().auth().oauth2(analyst).when().get(path)
                .then().statusCode(200).body("finding.title", is(title)).body("history.size()", is(0));
        given().auth().oauth2(analyst).contentType("application/json").body(Map.of("status", "triaged"))
                .when().patch(path).then().statusCode(400).body("detail", containsString("reason"));
        given().auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("status", "risk_accepted", "reason", "x"))
                .when().patch(path).then().statusCode(400).body("detail", containsString("status must be one of"));
        given().auth().oauth2(TestTokens.token("v", Set.of("viewer"), Set.of("platform")))
                .contentType("application/json").body(Map.of("status", "triaged", "reason", "x"))
                .when().patch(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("svc", Set.of("integration"), Set.of()))
                .contentType("application/json").body(Map.of("status", "triaged", "reason", "x"))
                .when().patch(path).then().statusCode(403);
        String stranger = TestTokens.token("frank", Set.of("analyst"), Set.of("payments"));
        given().auth().oauth2(stranger).when().get(path).then().statusCode(404);
        given().auth().oauth2(stranger).contentType("application/json")
                .body(Map.of("status", "false_positive", "reason", "not ours")).when().patch(path)
                .then().statusCode(404);

        given().auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("status", "triaged", "reason", "confirmed on the bucket policy"))
                .when().patch(path)
                .then().statusCode(200)
                .body("finding.status", is("triaged"))
                .body("finding.status_reason", is("confirmed on the bucket policy"))
                .body("history.size()", is(1))
                .body("history[0].actor", is("erin"))
                .body("history[0].from_status", is("new"))
                .body("history[0].to_status", is("triaged"));

        assertEquals(List.of("io.pillar.finding.created", "io.pillar.finding.status_changed"), eventTypes(id));
    }

    private List<String> eventTypes(String key) throws Exception {
        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.FINDINGS_EVENTS.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && types.size() < 2) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(r.key())) {
                        types.add(JSON.readTree(r.value()).get("type").asText());
                    }
                }
            }
        }
        return types;
    }
}
