package io.pillar.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.contracts.Topic;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RecordingUpstream.class)
@WithTestResource(FaultyUpstream.class)
class GatewayRoutingTest {
    private static final String VIEWER = TestTokens.token("viewer", Set.of("viewer"), Set.of("platform"));

    @InjectKafka
    String bootstrap;

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/findings", "/api/v1/subscriptions", "/api/v1/assets/abc",
            "/api/v1/identity/principals", "/api/v1/audit", "/api/v1/incidents"})
    void everyApiPrefixIsRelayedWithTheCallersToken(String path) {
        given().auth().oauth2(VIEWER).queryParam("limit", 5)
                .when().get(path)
                .then().statusCode(200)
                .body("path", is(path))
                .body("query", is("limit=5"))
                .body("authorization", is("Bearer " + VIEWER))
                .body("forwarded_for", is("127.0.0.1"));
    }

    @Test
    void aCallerWithoutAValidTokenNeverReachesAService() {
        given().when().get("/api/v1/findings").then().statusCode(401);
        given().auth().oauth2(TestTokens.foreignToken("mallory", Set.of("admin"))).when().get("/api/v1/findings")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.tamperedToken("mallory", Set.of("viewer"))).when().get("/api/v1/assets")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.tokenForAudience("findings-service", "mallory", Set.of("admin"), Set.of()))
                .when().get("/api/v1/assets").then().statusCode(401);
    }

    @Test
    void theServicesAnswerIsPassedBack() {
        given().auth().oauth2(VIEWER).when().get("/api/v1/findings/forbidden").then().statusCode(403);
    }

    @Test
    void unknownApiPathsAreAProblem() {
        given().auth().oauth2(VIEWER).when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("/api/v1/nothing-here"));
        given().auth().oauth2(VIEWER).when().get("/api/v1/findingsX").then().statusCode(404);
    }

    @Test
    void aStateChangeIsRelayedWholeAndAudited() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String analyst = TestTokens.token("analyst-" + UUID.randomUUID(), Set.of("analyst"), Set.of("platform"));

        given().auth().oauth2(analyst).contentType("application/octet-stream").body(body)
                .when().post("/api/v1/findings/imports")
                .then().statusCode(200)
                .body("method", is("POST"))
                .body("length", is(body.length))
                .body("sha256", is(sha));

        String subject = new ObjectMapper()
                .readTree(java.util.Base64.getUrlDecoder().decode(analyst.split("\\.")[1])).get("sub").asText();
        JsonNode event = auditEventFor(subject);
        assertEquals("io.pillar.audit.recorded", event.get("type").asText());
        assertEquals("POST /api/v1/findings/imports", event.at("/data/action").asText());
        assertEquals("success", event.at("/data/outcome").asText());
        assertEquals("127.0.0.1", event.at("/data/source_ip").asText());
        assertEquals(subject, event.at("/data/actor_id").asText());
        assertTrue(event.at("/data/latency_ms").asDouble() > 0, event.toString());
        assertTrue(event.at("/data/traceparent").asText().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"),
                event.toString());
    }

    @Test
    void securityHeadersAreSet() {
        given().auth().oauth2(VIEWER).when().get("/api/v1/findings")
                .then().header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY");
    }

    @Test
    void healthIsPublic() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    private JsonNode auditEventFor(String actor) throws Exception {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.AUDIT.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = new ObjectMapper().readTree(r.value());
                    if (actor.equals(event.at("/data/actor").asText())) {
                        assertTrue(r.key() != null && r.key().equals(event.get("id").asText()));
                        return event;
                    }
                }
            }
            throw new AssertionError("no audit event for " + actor);
        }
    }
}
