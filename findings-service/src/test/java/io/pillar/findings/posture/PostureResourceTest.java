package io.pillar.findings.posture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The posture API over real PostgreSQL and Kafka. The other services do not run here: their evidence is reported
 * unavailable, and what is judged comes from findings and attestations.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class PostureResourceTest {
    private final String team = "posture-" + UUID.randomUUID().toString().substring(0, 8);
    private final String account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
    private final String member = TestTokens.token("pat", Set.of("analyst"), Set.of(team));
    private final String memberViewer = TestTokens.token("vic", Set.of("viewer"), Set.of(team));
    private final String outsider = TestTokens.token("oscar", Set.of("analyst"), Set.of("platform"));

    @Test
    void findingsOfTheScopeTurnIntoStatusesWithTheirEvidence() {
        importFindings();
        ValidatableResponse posture = posture(member, "team:" + team).statusCode(200)
                .body("catalog", is("2024-06-27")).body("scope", is("team:" + team))
                .body("questions.size()", is(11))
                .body("unavailable", hasKey("response-service"));
        posture.body(practice("SEC11-BP02") + ".status", is("high_risk"))
                .body(practice("SEC11-BP02") + ".evidence.findings.open.high", is(1))
                .body(practice("SEC09-BP02") + ".status", is("medium_risk"))
                .body(practice("SEC11-BP01") + ".status", is("no_evidence"))
                .body("questions.find { it.id == 'SEC11' }.high_risk", is(1))
                .body(practice("SEC04-BP04") + ".evidence.sources[0].id", is("measure/remediation-deadlines"));
    }

    @Test
    void anotherTeamSeesNoneOfItNeitherByScopeNorByAccount() {
        importFindings();
        posture(outsider, "team:" + team).statusCode(404).contentType("application/problem+json");
        posture(member, "account:" + account).statusCode(200)
                .body(practice("SEC11-BP02") + ".evidence.findings.open.high", is(1));
        posture(outsider, "account:" + account).statusCode(200)
                .body(practice("SEC11-BP02") + ".status", is("no_evidence"))
                .body(practice("SEC11-BP02") + ".evidence.findings.open.high", is(0));
        given().auth().oauth2(outsider).queryParam("scope", "team:" + team).when()
                .get("/api/v1/posture/attestations").then().statusCode(404);
        attest(outsider, "team:" + team, "SEC11-BP01", future(30)).statusCode(404);
    }

    @Test
    void anAttestationMeetsAPracticeUntilRevokedAndIsRefusedWhenMalformed() {
        attest(memberViewer, "team:" + team, "SEC11-BP01", future(30)).statusCode(403);
        attest(member, "org", "SEC11-BP01", future(30)).statusCode(403)
                .body("detail", containsString("only admins"));
        attest(member, "team:" + team, "SEC99-BP01", future(30)).statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("best_practice"));
        attest(member, "team:" + team, "SEC11-BP01", Instant.now().minus(1, ChronoUnit.DAYS).toString())
                .statusCode(400).body("detail", containsString("expires_at"));
        attest(member, "team:" + team, "SEC11-BP01", future(400)).statusCode(400)
                .body("detail", containsString("366 days"));

        String id = attest(member, "team:" + team, "SEC11-BP01", future(90)).statusCode(201)
                .body("in_force", is(true)).body("created_by", is("pat")).extract().path("id");
        posture(memberViewer, "team:" + team).statusCode(200)
                .body(practice("SEC11-BP01") + ".status", is("met"))
                .body(practice("SEC11-BP01") + ".evidence.attestation.id", is(id));
        given().auth().oauth2(outsider).when().delete("/api/v1/posture/attestations/" + id).then().statusCode(404);
        given().auth().oauth2(memberViewer).when().delete("/api/v1/posture/attestations/" + id).then()
                .statusCode(403);
        given().auth().oauth2(member).when().delete("/api/v1/posture/attestations/" + id).then().statusCode(200)
                .body("revoked_by", is("pat")).body("in_force", is(false));
        given().auth().oauth2(member).when().delete("/api/v1/posture/attestations/" + id).then().statusCode(409);
        posture(member, "team:" + team).statusCode(200).body(practice("SEC11-BP01") + ".status", is("no_evidence"));
        given().auth().oauth2(member).queryParam("scope", "team:" + team).queryParam("revoked", true).when()
                .get("/api/v1/posture/attestations").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.revoked_at", notNullValue());
    }

    @Test
    void aMalformedScopeIsAProblemNamingIt() {
        posture(member, "region:eu-west-1").statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("scope"));
    }

    @Test
    void theCoverageReportListsEveryPractice() {
        given().auth().oauth2(memberViewer).when().get("/api/v1/posture/coverage").then().statusCode(200)
                .body("total", is(63)).body("best_practices.size()", is(63))
                .body("best_practices.find { it.id == 'SEC11-BP02' }.evidence", is("automated"))
                .body("best_practices.find { it.id == 'SEC11-BP01' }.evidence", is("attestation"))
                .body("unavailable", hasKey("inventory-service"));
    }

    private void importFindings() {
        String body = """
                [{"title": "Dependency with a known flaw", "severity": "high", "product": "posture-test",
                  "rule": "dep-%1$s", "compliance": ["SEC11-BP02"], "resources": [{"uid": "urn:%1$s:app", "account": "%2$s"}]},
                 {"title": "Plain HTTP listener", "severity": "medium", "product": "posture-test",
                  "rule": "tls-%1$s", "compliance": ["SEC09-BP02"], "resources": [{"uid": "urn:%1$s:lb", "account": "%2$s"}]}]
                """
                .formatted(team, account);
        given().auth().oauth2(member).contentType("application/json").body(body).queryParam("team", team)
                .queryParam("format", "pillar").when().post("/api/v1/findings/imports").then().statusCode(201);
    }

    private static ValidatableResponse posture(String token, String scope) {
        return given().auth().oauth2(token).queryParam("scope", scope).when().get("/api/v1/posture").then();
    }

    private static ValidatableResponse attest(String token, String scope, String practice, String expires) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("scope", scope, "best_practice", practice, "statement", "secure coding course taken",
                        "owner", "security champions", "evidence_url", "https://wiki.example.org/training",
                        "expires_at", expires))
                .when().post("/api/v1/posture/attestations").then();
    }

    private static String future(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).toString();
    }

    private static String practice(String id) {
        return "questions.best_practices.flatten().find { it.id == '" + id + "' }";
    }
}
