package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The posture through the gateway, with every service's evidence read over gRPC with real Keycloak service tokens:
 * an inventory rule's evaluation and then its finding score a workload's practice; another team sees none of it.
 */
class PostureIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PRACTICE = "questions.best_practices.flatten().find { it.id == '%s' }";

    @Test
    void aWorkloadsPostureComesFromEveryServicesEvidenceAndStaysItsTeams() {
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        String app = "posture-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Keycloak.integration()).contentType("application/json").queryParam("format", "pillar")
                .body("""
                        {"type": "vpc", "natural_id": "vpc-%1$s", "owner_team": "platform", "account": "210987654321",
                         "environment": "production", "tags": {"app": "%1$s"},
                         "attributes": {"flow_logs_enabled": false}}""".formatted(app))
                .when().post(gateway + "/api/v1/assets/imports").then().statusCode(200).body("created", is(1));

        String analyst = Keycloak.demoUser("analyst");
        String flowLogs = PRACTICE.formatted("SEC04-BP01");
        // the rule's violation travels as a finding (inventory -> pillar.findings.raw -> findings-service)
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> given()
                .auth().oauth2(analyst).queryParam("scope", "tag:app=" + app).when().get(gateway + "/api/v1/posture")
                .then().statusCode(200)
                .body("unavailable", anEmptyMap())
                .body(flowLogs + ".evidence.sources.id", hasItem("rule/vpc-flow-logs-enabled"))
                .body(flowLogs + ".status", is("medium_risk"))
                .body(flowLogs + ".evidence.findings.open.medium", is(1)));

        given().auth().oauth2(analyst).queryParam("scope", "team:platform").when().get(gateway + "/api/v1/posture")
                .then().statusCode(200).body("unavailable", anEmptyMap())
                .body(PRACTICE.formatted("SEC04-BP02") + ".evidence.sources.id", hasItem("measure/audit-ledger"))
                .body(PRACTICE.formatted("SEC10-BP04") + ".evidence.sources.id",
                        hasItem("measure/playbooks-exercised"));

        String payments = Keycloak.demoUser("analyst-payments");
        given().auth().oauth2(payments).queryParam("scope", "team:platform").when().get(gateway + "/api/v1/posture")
                .then().statusCode(404);
        given().auth().oauth2(payments).queryParam("scope", "tag:app=" + app).when().get(gateway + "/api/v1/posture")
                .then().statusCode(200).body(flowLogs + ".status", is("no_evidence"))
                .body(flowLogs + ".evidence.sources.id", not(hasItem("rule/vpc-flow-logs-enabled")));
        given().auth().oauth2(payments).queryParam("scope", "tag:app=" + app).when()
                .get(gateway + "/api/v1/posture/plan").then().statusCode(200)
                .body("items.find { it.best_practice == 'SEC04-BP01' }.status", is("no_evidence"));
    }

    @Test
    void everyPracticeHasEvidenceOrAnAttestationAndTheReportIsAPdf() {
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        String viewer = Keycloak.demoUser("viewer");
        given().auth().oauth2(viewer).when().get(gateway + "/api/v1/posture/coverage").then().statusCode(200)
                .body("unavailable", anEmptyMap()).body("total", is(63))
                .body("automated", greaterThanOrEqualTo(48))
                // the shipped playbooks name the practices they serve in their labels
                .body("best_practices.find { it.id == 'SEC10-BP06' }.sources.id", hasItem("playbooks/SEC10-BP06"))
                .body("best_practices.find { it.id == 'SEC03-BP07' }.sources.service", hasItem("response-service"));
        byte[] pdf = given().auth().oauth2(viewer).queryParam("scope", "team:platform").queryParam("format", "pdf")
                .when().get(gateway + "/api/v1/posture/report").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertTrue(new String(pdf, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)
                .startsWith("%PDF-"));
    }
}
