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

import io.pillar.contracts.PostureScope;
import io.pillar.testsupport.InjectKafka;
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
    @InjectKafka
    String bootstrap;
    @jakarta.inject.Inject
    PostureSnapshots snapshots;
    @jakarta.inject.Inject
    PostureService postureService;
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

    @Test
    void thePlanRanksWhatRemovesTheMostRiskFirst() {
        importFindings();
        given().auth().oauth2(memberViewer).queryParam("scope", "team:" + team).when().get("/api/v1/posture/plan")
                .then().statusCode(200)
                .body("items[0].best_practice", is("SEC11-BP02")).body("items[0].rank", is(1))
                .body("items[0].findings[0].title", is("Dependency with a known flaw"))
                .body("items.find { it.best_practice == 'SEC09-BP02' }.status", is("medium_risk"))
                .body("items.find { it.best_practice == 'SEC11-BP01' }.action", containsString("attest"));
        given().auth().oauth2(outsider).queryParam("scope", "team:" + team).when().get("/api/v1/posture/plan")
                .then().statusCode(404);
    }

    @Test
    void theReportIsHtmlOrPdfAndOnlyForTheScopesReaders() {
        importFindings();
        String html = given().auth().oauth2(memberViewer).queryParam("scope", "team:" + team).when()
                .get("/api/v1/posture/report").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("Heatmap of questions by scope")
                && html.contains("SEC11") && html.contains("Dependency with a known flaw")
                && !html.contains("<script") && !html.contains("<style"), html);
        byte[] pdf = given().auth().oauth2(memberViewer).queryParam("scope", "team:" + team)
                .queryParam("format", "pdf").when().get("/api/v1/posture/report").then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", containsString(".pdf")).extract()
                .asByteArray();
        String text = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
        org.junit.jupiter.api.Assertions.assertTrue(text.startsWith("%PDF-1.4") && text.trim().endsWith("%%EOF")
                && text.contains("(Improvement plan)") && text.contains("/Count 2"), text.substring(0, 200));
        given().auth().oauth2(outsider).queryParam("scope", "team:" + team).when().get("/api/v1/posture/report")
                .then().statusCode(404);
        given().auth().oauth2(member).queryParam("scope", "team:" + team).queryParam("format", "docx").when()
                .get("/api/v1/posture/report").then().statusCode(400).body("detail", containsString("format"));
    }

    @Test
    void snapshotsKeepTheTrendAndPublishEachChangeOfStatus() throws Exception {
        importFindings();
        PostureScope scope = new PostureScope("team", team);
        java.time.LocalDate yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        org.junit.jupiter.api.Assertions.assertTrue(snapshots.record(scope, yesterday,
                postureService.posture(scope, PostureSnapshots.SYSTEM, Instant.now()), Instant.now()));
        org.junit.jupiter.api.Assertions.assertFalse(snapshots.record(scope, yesterday,
                postureService.posture(scope, PostureSnapshots.SYSTEM, Instant.now()), Instant.now()),
                "one snapshot per scope and day");

        String high = given().auth().oauth2(member).queryParam("team", team).queryParam("product", "posture-test")
                .queryParam("severity", "high").when().get("/api/v1/findings").then().statusCode(200).extract()
                .path("items[0].id");
        given().auth().oauth2(member).contentType("application/json")
                .body(Map.of("status", "resolved", "reason", "upgraded the dependency")).when()
                .patch("/api/v1/findings/" + high).then().statusCode(200);
        java.time.LocalDate today = yesterday.plusDays(1);
        org.junit.jupiter.api.Assertions.assertTrue(snapshots.record(scope, today,
                postureService.posture(scope, PostureSnapshots.SYSTEM, Instant.now()), Instant.now()));

        given().auth().oauth2(memberViewer).queryParam("scope", "team:" + team).when().get("/api/v1/posture/trend")
                .then().statusCode(200).body("items.size()", is(2))
                .body("items[0].summary.high_risk", is(1)).body("items[1].summary.high_risk", is(0))
                .body("items[0].open_findings.high", is(1)).body("items[1].open_findings.high", is(0))
                .body("items[1].open_findings.medium", is(1));
        given().auth().oauth2(outsider).queryParam("scope", "team:" + team).when().get("/api/v1/posture/trend")
                .then().statusCode(404);
        given().auth().oauth2(member).queryParam("scope", "org").when().get("/api/v1/posture/trend").then()
                .statusCode(403);
        given().auth().oauth2(member).queryParam("scope", "account:" + account).when().get("/api/v1/posture/trend")
                .then().statusCode(400);

        java.util.List<com.fasterxml.jackson.databind.JsonNode> changes = postureEvents("team:" + team,
                java.time.Duration.ofSeconds(20));
        com.fasterxml.jackson.databind.JsonNode change = changes.stream()
                .filter(e -> e.at("/data/best_practice").asText().equals("SEC11-BP02")).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals("io.pillar.posture.status_changed", change.get("type").asText());
        org.junit.jupiter.api.Assertions.assertEquals("high_risk", change.at("/data/from").asText());
        org.junit.jupiter.api.Assertions.assertEquals("met", change.at("/data/to").asText());
        org.junit.jupiter.api.Assertions.assertEquals(team, change.at("/data/team").asText());
        org.junit.jupiter.api.Assertions.assertEquals(1, changes.stream()
                .filter(e -> e.at("/data/best_practice").asText().equals("SEC11-BP02")).count());
    }

    /** The events of one scope on pillar.posture.events, read from the start for a while. */
    private java.util.List<com.fasterxml.jackson.databind.JsonNode> postureEvents(String scope,
            java.time.Duration wait) throws Exception {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(java.util.List.of("pillar.posture.events"));
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && out.isEmpty()) {
                for (var r : consumer.poll(java.time.Duration.ofMillis(300))) {
                    if (scope.equals(r.key())) {
                        out.add(io.pillar.platform.json.Json.MAPPER.readTree(r.value()));
                    }
                }
            }
            // whatever else the same publication carried
            for (var r : consumer.poll(java.time.Duration.ofSeconds(1))) {
                if (scope.equals(r.key())) {
                    out.add(io.pillar.platform.json.Json.MAPPER.readTree(r.value()));
                }
            }
        }
        return out;
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
