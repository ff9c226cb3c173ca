package io.pillar.findings.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.pillar.findings.Finding;
import io.pillar.findings.repository.FindingRepository;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FindingResourceTest {
    private static final String PATH = "/api/v1/findings";

    /** Other tests share this database: these tests look at their own product's findings only. */
    private static final String PRODUCT = "seed-" + UUID.randomUUID();

    @Inject
    FindingRepository findings;

    @BeforeAll
    void seed() {
        Instant base = Instant.parse("2026-11-01T10:00:00Z");
        QuarkusTransaction.requiringNew().run(() -> {
            findings.persist(finding("platform-old", "platform", base));
            findings.persist(finding("platform-new", "platform", base.plus(2, ChronoUnit.HOURS)));
            findings.persist(finding("payments", "payments", base.plus(1, ChronoUnit.HOURS)));
            Finding critical = finding("=HYPERLINK(\"x\"), critical", "platform", base.minus(1, ChronoUnit.HOURS));
            critical.severityId = 5;
            critical.resources = "[{\"uid\": \"arn:aws:s3:::export-me\"}]";
            findings.persist(critical);
        });
    }

    @Test
    void withoutTokenIsUnauthorized() {
        given().when().get(PATH).then().statusCode(401);
    }

    @Test
    void garbageForeignOrTamperedTokensAreRejected() {
        given().auth().oauth2("not-a-token").when().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.foreignToken("mallory", Set.of("admin"))).when().get(PATH).then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.tamperedToken("mallory", Set.of("viewer"))).when().get(PATH).then()
                .statusCode(401);
        // signed by the realm, but minted for another client: not for this service
        given().auth().oauth2(TestTokens.tokenForAudience("pillar-kafka-payments", "mallory", Set.of("admin"),
                Set.of())).when().get(PATH).then().statusCode(401);
    }

    @Test
    void aTokenWithoutAPillarRoleIsForbidden() {
        given().auth().oauth2(TestTokens.token("nobody", Set.of("offline_access"), Set.of("platform")))
                .when().get(PATH).then().statusCode(403);
    }

    @Test
    void aViewerSeesOnlyTheirTeamsFindingsNewestFirstPageByPage() {
        String token = TestTokens.token("viewer", Set.of("viewer"), Set.of("/platform"));
        String next = given().auth().oauth2(token).queryParam("limit", 1).queryParam("product", PRODUCT)
                .when().get(PATH)
                .then().statusCode(200)
                .body("items.title", contains("platform-new"))
                .body("next_cursor", notNullValue())
                .extract().path("next_cursor");
        given().auth().oauth2(token).queryParam("limit", 1).queryParam("cursor", next)
                .queryParam("product", PRODUCT)
                .when().get(PATH)
                .then().statusCode(200)
                .body("items.title", contains("platform-old"))
                .body("next_cursor", notNullValue());
    }

    @Test
    void anAuditorAndAnIntegrationSeeEveryTeam() {
        for (String role : new String[]{"auditor", "integration"}) {
            given().auth().oauth2(TestTokens.token(role, Set.of(role), Set.of())).queryParam("product", PRODUCT)
                    .when().get(PATH)
                    .then().statusCode(200)
                    .body("items.title", contains("platform-new", "payments", "platform-old",
                            "=HYPERLINK(\"x\"), critical"))
                    .body("items[0].severity_id", org.hamcrest.Matchers.is(4))
                    .body("next_cursor", nullValue());
        }
    }

    @Test
    void aBadCursorOrLimitIsAProblem() {
        String token = TestTokens.token("viewer", Set.of("viewer"), Set.of("platform"));
        given().auth().oauth2(token).queryParam("cursor", "zzz").when().get(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("cursor"));
        given().auth().oauth2(token).queryParam("limit", 0).when().get(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("limit"));
    }

    @Test
    void healthIsPublicAndChecksDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("UP"))
                .body("checks.name", hasItems(containsString("Database"), containsString("Kafka")));
    }

    @Test
    void metricsAndOpenApiNeedAToken() {
        given().when().get("/q/metrics").then().statusCode(401);
        String token = TestTokens.token("viewer", Set.of("viewer"), Set.of("platform"));
        given().auth().oauth2(token).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests"));
        given().auth().oauth2(token).when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/findings"));
    }

    @Test
    void findingsSortBySeverityWithFacetCounts() {
        String token = TestTokens.token("viewer", Set.of("viewer"), Set.of("platform"));
        var first = given().auth().oauth2(token).queryParam("product", PRODUCT).queryParam("sort", "severity")
                .queryParam("limit", 1).queryParam("facets", "severity,status,team").when().get(PATH)
                .then().statusCode(200)
                .body("items[0].severity", is("critical"))
                .body("facets.severity.critical", is(1)).body("facets.severity.high", is(2))
                .body("facets.status.new", is(3)).body("facets.team.platform", is(3))
                .extract();
        String next = first.path("next_cursor");
        given().auth().oauth2(token).queryParam("product", PRODUCT).queryParam("sort", "severity")
                .queryParam("cursor", next).when().get(PATH).then().statusCode(200)
                .body("items.title", contains("platform-new", "platform-old"))
                .body("facets", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(token).queryParam("product", PRODUCT).queryParam("cursor", next).when().get(PATH)
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("sorted by severity"));
        given().auth().oauth2(token).queryParam("facets", "colour").when().get(PATH).then().statusCode(400);
    }

    @Test
    void exportsStreamCsvAndOcsfOfTheCallersFindings() throws Exception {
        String token = TestTokens.token("viewer", Set.of("viewer"), Set.of("platform"));
        String csv = given().auth().oauth2(token).queryParam("product", PRODUCT).queryParam("format", "csv")
                .when().get(PATH + "/export").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith(
                        "text/csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        org.junit.jupiter.api.Assertions.assertEquals(4, lines.length, csv);
        org.junit.jupiter.api.Assertions.assertTrue(lines[0].startsWith("id,title,severity,status"), lines[0]);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains(",\"'=HYPERLINK(\"\"x\"\"), critical\",critical,"),
                "formula defused and quoted: " + csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("arn:aws:s3:::export-me"), csv);
        org.junit.jupiter.api.Assertions.assertFalse(csv.contains(",payments,"), "not the viewer's team");
        given().auth().oauth2(token).queryParam("product", PRODUCT).queryParam("format", "ocsf")
                .when().get(PATH + "/export").then().statusCode(200)
                .body("size()", is(3)).body("class_uid", org.hamcrest.Matchers.everyItem(is(2004)))
                .body("finding_info.title", org.hamcrest.Matchers.hasItem("platform-new"));
        given().auth().oauth2(token).queryParam("format", "xlsx").when().get(PATH + "/export").then()
                .statusCode(400);
    }

    private static Finding finding(String title, String team, Instant at) {
        Finding f = new Finding();
        f.id = UUID.randomUUID();
        f.fingerprint = UUID.randomUUID().toString().replace("-", "");
        f.classUid = 2004;
        f.title = title;
        f.severityId = 4;
        f.status = "new";
        f.product = PRODUCT;
        f.team = team;
        f.firstSeen = at;
        f.lastSeen = at;
        f.occurrences = 1;
        f.createdAt = at;
        f.updatedAt = at;
        return f;
    }
}
