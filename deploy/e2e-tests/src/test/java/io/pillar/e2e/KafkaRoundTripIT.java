package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.pillar.contracts.Topic;
import io.pillar.stack.KafkaClients;

/**
 * Through the real broker: a state-changing request at the gateway becomes a pillar.audit event, the
 * identity-service chains it into its ledger in PostgreSQL, and an auditor reads it back through the gateway.
 */
class KafkaRoundTripIT {

    @Test
    void aStateChangingRequestIsAuditedThroughKafkaIntoTheLedger() {
        String analyst = Keycloak.demoUser("analyst");
        String subject = Keycloak.claims(analyst).get("sub").asText();
        String path = "/api/v1/incidents/" + UUID.randomUUID();
        given().auth().oauth2(analyst).contentType("application/json").body("{}")
                .when().delete(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + path)
                .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));

        String auditor = Keycloak.demoUser("auditor");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> given()
                .auth().oauth2(auditor).queryParam("limit", 50)
                .when().get(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + "/api/v1/audit")
                .then().statusCode(200)
                .body("items.action", hasItem("DELETE " + path))
                .body("items.find { it.action == 'DELETE " + path + "' }.actor", is("analyst"))
                .body("items.find { it.action == 'DELETE " + path + "' }.details.actor_id", is(subject))
                .body("items.find { it.action == 'DELETE " + path + "' }.client",
                        is(PlatformUnderTest.get("PILLAR_CLI_CLIENT_ID")))
                .body("items.find { it.action == 'DELETE " + path + "' }.source", is("/pillar/gateway")));

        // the identity-service signs the head within its checkpoint interval (10 s) and publishes it on the
        // compacted checkpoint topic, which it reads back (its own Kafka ACLs) to verify the ledger against
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> given()
                .auth().oauth2(auditor).queryParam("full", true)
                .when().get(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + "/api/v1/audit/verify")
                .then().statusCode(200).body("valid", is(true)).body("mode", is("full"))
                .body("latest_checkpoint_seq", org.hamcrest.Matchers.notNullValue())
                .body("checkpoints", org.hamcrest.Matchers.greaterThan(0)));
    }

    /** The gateway's entry of a request and the entry of the change it made in a service share the caller's trace. */
    @Test
    void aRequestsTraceReachesTheServicesAuditEventThroughKafka() {
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        String trace = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
        String analyst = Keycloak.demoUser("analyst");
        String id = given().auth().oauth2(analyst).header("traceparent", trace).contentType("application/json")
                .body("{\"scope\": \"team:platform\", \"best_practice\": \"SEC11-BP01\", \"statement\": \"traced\","
                        + " \"owner\": \"security champions\", \"expires_at\": \""
                        + Instant.now().plus(Duration.ofDays(1)) + "\"}")
                .when().post(gateway + "/api/v1/posture/attestations").then().statusCode(201).extract().path("id");
        given().auth().oauth2(analyst).when().delete(gateway + "/api/v1/posture/attestations/" + id)
                .then().statusCode(org.hamcrest.Matchers.either(is(200)).or(is(204)));
        String auditor = Keycloak.demoUser("auditor");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            given().auth().oauth2(auditor).queryParam("action", "attestation.created")
                    .queryParam("target", "attestation/" + id).when().get(gateway + "/api/v1/audit")
                    .then().statusCode(200).body("items[0].details.traceparent", is(trace));
            given().auth().oauth2(auditor).queryParam("action", "POST /api/v1/posture/attestations")
                    .queryParam("limit", 20).when().get(gateway + "/api/v1/audit")
                    .then().statusCode(200).body("items.details.traceparent", hasItem(trace));
        });
    }

    @Test
    void refusedTokensExportsAndLedgerReadsAreAuditedToo() {
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        String marker = "audit-" + UUID.randomUUID();
        given().auth().oauth2("not-a-token").queryParam("q", marker).when().get(gateway + "/api/v1/findings")
                .then().statusCode(401);
        given().when().get(gateway + "/api/v1/assets").then().statusCode(401);
        String analyst = Keycloak.demoUser("analyst");
        given().auth().oauth2(analyst).queryParam("format", "csv").when()
                .get(gateway + "/api/v1/findings/export").then().statusCode(200);
        String auditor = Keycloak.demoUser("auditor");
        given().auth().oauth2(auditor).queryParam("actor", "nobody-" + marker).when().get(gateway + "/api/v1/audit")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            given().auth().oauth2(auditor).queryParam("actor", "anonymous").queryParam("action", "GET /api/v1/*")
                    .queryParam("limit", 100).when().get(gateway + "/api/v1/audit")
                    .then().statusCode(200)
                    .body("items.find { it.action == 'GET /api/v1/findings' }.outcome", is("denied"))
                    .body("items.find { it.action == 'GET /api/v1/findings' }.details.reason",
                            org.hamcrest.Matchers.startsWith("authentication failed"))
                    .body("items.find { it.action == 'GET /api/v1/assets' }.details.reason",
                            is("authentication required: no bearer token"));
            given().auth().oauth2(auditor).queryParam("actor", "analyst")
                    .queryParam("action", "GET /api/v1/findings/export").when().get(gateway + "/api/v1/audit")
                    .then().statusCode(200).body("items[0].outcome", is("success"));
            given().auth().oauth2(auditor).queryParam("actor", "auditor").queryParam("action", "GET /api/v1/audit")
                    .when().get(gateway + "/api/v1/audit")
                    .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.greaterThan(0));
        });
    }

    @Test
    void anAuditEventOfAServiceReachesTheLedger() throws Exception {
        String id = "e2e-" + UUID.randomUUID();
        String event = """
                {"specversion":"1.0","id":"%s","source":"/e2e/producer","type":"io.pillar.audit.recorded",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{"actor":"e2e","action":"test.round_trip","resource":"kafka","outcome":"success"}}
                """.formatted(id, Instant.now());
        // as the inventory-service: a service the broker lets write audit events
        Map<String, Object> config = new java.util.HashMap<>(KafkaClients.config(PlatformUnderTest.env(),
                "inventory-service", PlatformUnderTest.get("PILLAR_INVENTORY_CLIENT_SECRET")));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topic.AUDIT.topicName(), id, event)).get();
        }
        String auditor = Keycloak.demoUser("auditor");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> given()
                .auth().oauth2(auditor).queryParam("limit", 50)
                .when().get(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + "/api/v1/audit")
                .then().statusCode(200).body("items.event_id", hasItem(id)));
    }
}
