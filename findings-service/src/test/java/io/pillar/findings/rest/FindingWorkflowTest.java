package io.pillar.findings.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
                .header("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01") // not valid: not passed on
                .body("[{\"title\": \"" + title + "\", \"severity\": \"high\", \"product\": \"wf\", \"rule\": \""
                        + title + "\", \"resources\": [{\"uid\": \"urn:" + title + "\"}]}]")
                .queryParam("team", "platform").when().post("/api/v1/findings/imports")
                .then().statusCode(201).extract().path("id");
        String id = given().auth().oauth2(analyst).queryParam("import_id", importId).when().get("/api/v1/findings")
                .then().extract().path("items[0].id");
        String path = "/api/v1/findings/" + id;
        String trace = io.pillar.platform.trace.TraceParent.newParent();

        given().auth().oauth2(analyst).when().get(path)
                .then().statusCode(200).body("finding.title", is(title)).body("history.size()", is(0));
        given().auth().oauth2(analyst).contentType("application/json").body(Map.of("status", "triaged"))
                .when().patch(path).then().statusCode(400).body("detail", containsString("reason"));
        given().auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("status", "accepted", "reason", "x"))
                .when().patch(path).then().statusCode(400).body("detail", containsString("status must be one of"));
        given().auth().oauth2(TestTokens.token("v", Set.of("viewer"), Set.of("platform")))
                .contentType("application/json").body(Map.of("status", "triaged", "reason", "x"))
                .when().patch(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("svc", Set.of("integration"), Set.of()))
                .contentType("application/json").body(Map.of("status", "triaged", "reason", "x"))
                .when().patch(path).then().statusCode(403);
        String stranger = TestTokens.token("frank", Set.of("analyst"), Set.of("payments"));
        given().auth().oauth2(stranger).when().get(path).then().statusCode(404);
        given().auth().oauth2(stranger).when().get(path + "/raw").then().statusCode(404)
                .contentType("application/problem+json");
        var raw = given().auth().oauth2(analyst).when().get(path + "/raw").then().statusCode(200)
                .contentType("application/json").extract();
        assertEquals(title, JSON.readTree(raw.asByteArray()).get("title").asText(), "the record as it was reported");
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(raw.asByteArray())), raw.header("X-Raw-SHA256"));
        given().auth().oauth2(stranger).contentType("application/json")
                .body(Map.of("status", "false_positive", "reason", "not ours")).when().patch(path)
                .then().statusCode(404);

        given().auth().oauth2(analyst).contentType("application/json").header("traceparent", trace)
                .body(Map.of("status", "triaged", "reason", "confirmed on the bucket policy"))
                .when().patch(path)
                .then().statusCode(200)
                .body("finding.status", is("triaged"))
                .body("finding.status_reason", is("confirmed on the bucket policy"))
                .body("history.size()", is(1))
                .body("history[0].actor", is("erin"))
                .body("history[0].from_status", is("new"))
                .body("history[0].to_status", is("triaged"));

        // the event of a change carries the trace of the request that made it, as a Kafka header
        assertEquals(List.of("io.pillar.finding.created traceparent=null",
                "io.pillar.finding.status_changed traceparent=" + trace), eventTypes(id));
    }

    @Test
    void riskIsAcceptedByASecondPersonUntilItExpires() {
        String erin = TestTokens.token("erin", Set.of("analyst"), Set.of("platform"));
        String gina = TestTokens.token("gina", Set.of("analyst"), Set.of("platform"));
        String path = "/api/v1/findings/" + newFinding(erin);

        given().auth().oauth2(erin).contentType("application/json")
                .body(Map.of("status", "suppressed", "reason", "noise")).when().patch(path)
                .then().statusCode(400).body("detail", containsString("expires_at is required"));
        given().auth().oauth2(erin).contentType("application/json")
                .body(Map.of("status", "suppressed", "reason", "noise", "expires_at", "2020-01-01T00:00:00Z"))
                .when().patch(path).then().statusCode(400).body("detail", containsString("in the future"));
        given().auth().oauth2(erin).contentType("application/json")
                .body(Map.of("status", "risk_accepted", "reason", "compensating WAF rule",
                        "expires_at", Instant.now().plusSeconds(3).toString()))
                .when().patch(path).then().statusCode(200)
                .body("finding.status", is("new"))
                .body("finding.risk_acceptance_request.requested_by", is("erin"));
        given().auth().oauth2(erin).contentType("application/json")
                .body(Map.of("decision", "approve", "reason", "fine by me")).when().post(path + "/risk-acceptance")
                .then().statusCode(403).body("detail", containsString("other than the requester"));
        given().auth().oauth2(gina).contentType("application/json")
                .body(Map.of("decision", "approve", "reason", "WAF rule verified")).when()
                .post(path + "/risk-acceptance").then().statusCode(200)
                .body("finding.status", is("risk_accepted"))
                .body("finding.status_expires_at", notNullValue())
                .body("finding.risk_acceptance_request", nullValue())
                .body("history.change", hasItems("risk_acceptance_requested", "status_changed"));
        given().auth().oauth2(gina).contentType("application/json")
                .body(Map.of("decision", "approve", "reason", "again")).when().post(path + "/risk-acceptance")
                .then().statusCode(409);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(erin).when().get(path)
                .then().body("finding.status", is("new"))
                .body("history[-1].actor", is("pillar:expiry"))
                .body("history[-1].reason", containsString("risk_accepted expired")));
    }

    @Test
    void aSuppressionOrFalsePositiveLongerThanTheMaximumWaitsForASecondPerson() {
        String erin = TestTokens.token("erin", Set.of("analyst"), Set.of("platform"));
        String gina = TestTokens.token("gina", Set.of("analyst"), Set.of("platform"));
        String path = "/api/v1/findings/" + newFinding(erin);

        // within 90 days: one person's word is enough
        given().auth().oauth2(erin).contentType("application/json")
                .body(Map.of("status", "suppressed", "reason", "fix scheduled",
                        "expires_at", Instant.now().plus(Duration.ofDays(30)).toString()))
                .when().patch(path).then().statusCode(200).body("finding.status", is("suppressed"));
        // a year, or a false positive for ever: a request, until someone else approves it
        given().auth().oauth2(erin).contentType("application/json")
                .body(Map.of("status", "suppressed", "reason", "vendor fix next year",
                        "expires_at", Instant.now().plus(Duration.ofDays(365)).toString()))
                .when().patch(path).then().statusCode(200).body("finding.status", is("suppressed"))
                .body("finding.risk_acceptance_request.status", is("suppressed"))
                .body("history[-1].change", is("approval_requested"));
        given().auth().oauth2(erin).contentType("application/json")
                .body(Map.of("status", "false_positive", "reason", "test fixture, not a key"))
                .when().patch(path).then().statusCode(200).body("finding.status", is("suppressed"))
                .body("finding.risk_acceptance_request.status", is("false_positive"));
        given().auth().oauth2(erin).contentType("application/json")
                .body(Map.of("decision", "approve", "reason", "mine")).when().post(path + "/risk-acceptance")
                .then().statusCode(403);
        given().auth().oauth2(gina).contentType("application/json")
                .body(Map.of("decision", "approve", "reason", "checked the fixture")).when()
                .post(path + "/risk-acceptance").then().statusCode(200)
                .body("finding.status", is("false_positive"))
                .body("finding.status_expires_at", nullValue())
                .body("finding.risk_acceptance_request", nullValue());
        // a false positive with a near expiry needs nobody else, and ends like a suppression
        given().auth().oauth2(erin).contentType("application/json")
                .body(Map.of("status", "false_positive", "reason", "until the rule is fixed",
                        "expires_at", Instant.now().plus(Duration.ofDays(7)).toString()))
                .when().patch(path).then().statusCode(200).body("finding.status", is("false_positive"))
                .body("finding.status_expires_at", notNullValue());
    }

    private static String newFinding(String token) {
        String title = "risk-" + UUID.randomUUID();
        String importId = given().auth().oauth2(token).contentType("application/json")
                .body("[{\"title\": \"" + title + "\", \"severity\": \"high\", \"product\": \"wf\", \"rule\": \""
                        + title + "\", \"resources\": [{\"uid\": \"urn:" + title + "\"}]}]")
                .queryParam("team", "platform").when().post("/api/v1/findings/imports")
                .then().statusCode(201).extract().path("id");
        return given().auth().oauth2(token).queryParam("import_id", importId).when().get("/api/v1/findings")
                .then().extract().path("items[0].id");
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
                        var trace = r.headers().lastHeader("traceparent");
                        types.add(JSON.readTree(r.value()).get("type").asText() + " traceparent="
                                + (trace == null ? null : new String(trace.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return types;
    }
}
