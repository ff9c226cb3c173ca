package io.pillar.findings.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.List;
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

/** Suppression rules apply to the open findings they match at once, and to new ones on ingest. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class SuppressionRuleTest {
    private static final String RULES = "/api/v1/findings/suppression-rules";

    @Test
    void aRuleSuppressesMatchingFindingsNowAndOnIngestUntilItIsDisabled() {
        String analyst = TestTokens.token("hana", Set.of("analyst"), Set.of("platform"));
        String product = "scanner-" + UUID.randomUUID().toString().substring(0, 8);
        importFindings(analyst, product, "a", "urn:test:" + product + ":dev/1", "low");
        importFindings(analyst, product, "b", "urn:test:" + product + ":prod/1", "low");

        Map<String, Object> rule = Map.of("name", "dev noise", "status", "suppressed",
                "reason", "dev accounts are rebuilt nightly",
                "expires_at", Instant.now().plusSeconds(3600).toString(),
                "criteria", Map.of("product", product, "resource", "urn:test:" + product + ":dev/*",
                        "team", "platform"));
        String id = given().auth().oauth2(analyst).contentType("application/json").body(rule).when().post(RULES)
                .then().statusCode(201).body("applied", is(1)).body("rule.criteria.product", is(product))
                .extract().path("rule.id");
        given().auth().oauth2(analyst).queryParam("product", product).queryParam("status", "suppressed")
                .when().get("/api/v1/findings").then().body("items.size()", is(1))
                .body("items[0].status_reason", containsString("dev noise"))
                .body("items[0].resources[0].uid", is("urn:test:" + product + ":dev/1"));

        importFindings(analyst, product, "c", "urn:test:" + product + ":dev/2", "high");
        given().auth().oauth2(analyst).queryParam("product", product).queryParam("status", "suppressed")
                .when().get("/api/v1/findings").then().body("items.size()", is(2));
        given().auth().oauth2(analyst).queryParam("product", product).queryParam("status", "new")
                .when().get("/api/v1/findings").then().body("items.size()", is(1));

        given().auth().oauth2(analyst).when().delete(RULES + "/" + id).then().statusCode(204);
        importFindings(analyst, product, "d", "urn:test:" + product + ":dev/3", "high");
        given().auth().oauth2(analyst).queryParam("product", product).queryParam("status", "new")
                .when().get("/api/v1/findings").then().body("items.size()", is(2));
    }

    @Test
    void aRuleLongerThanTheMaximumAppliesOnlyOnceASecondPersonApprovesIt() {
        String hana = TestTokens.token("hana", Set.of("analyst"), Set.of("platform"));
        String ivan = TestTokens.token("ivan", Set.of("analyst"), Set.of("platform"));
        String product = "scanner-" + UUID.randomUUID().toString().substring(0, 8);
        importFindings(hana, product, "a", "urn:test:" + product + ":fixtures/1", "medium");

        // a false positive for ever: waits, applies to nothing yet
        String id = given().auth().oauth2(hana).contentType("application/json")
                .body(Map.of("name", "fixtures", "status", "false_positive", "reason", "test keys, not secrets",
                        "criteria", Map.of("product", product, "team", "platform")))
                .when().post(RULES).then().statusCode(201).body("applied", is(0))
                .body("rule.awaiting_approval", is(true)).extract().path("rule.id");
        given().auth().oauth2(hana).queryParam("product", product).when().get("/api/v1/findings").then()
                .body("items[0].status", is("new"));

        given().auth().oauth2(hana).when().post(RULES + "/" + id + "/approval").then().statusCode(403)
                .body("detail", containsString("other than the rule's author"));
        given().auth().oauth2(TestTokens.token("paula", Set.of("analyst"), Set.of("payments")))
                .when().post(RULES + "/" + id + "/approval").then().statusCode(404);
        given().auth().oauth2(ivan).when().post(RULES + "/" + id + "/approval").then().statusCode(200)
                .body("applied", is(1)).body("rule.awaiting_approval", is(false))
                .body("rule.approved_by", is("ivan"));
        given().auth().oauth2(hana).queryParam("product", product).when().get("/api/v1/findings").then()
                .body("items[0].status", is("false_positive"));
        given().auth().oauth2(ivan).when().post(RULES + "/" + id + "/approval").then().statusCode(409);
    }

    @Test
    void rulesAreValidatedAndScopedToTheAuthorsTeams() {
        String analyst = TestTokens.token("hana", Set.of("analyst"), Set.of("platform"));
        given().auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("name", "x", "status", "suppressed", "reason", "r", "criteria", Map.of("team",
                        "platform")))
                .when().post(RULES).then().statusCode(400).body("detail", containsString("expires_at"));
        given().auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("name", "x", "status", "false_positive", "reason", "r", "criteria", Map.of()))
                .when().post(RULES).then().statusCode(400).body("detail", containsString("at least one"));
        given().auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("name", "x", "status", "false_positive", "reason", "r", "criteria",
                        Map.of("product", "p")))
                .when().post(RULES).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("v", Set.of("viewer"), Set.of("platform"))).contentType(
                "application/json").body(Map.of("name", "x")).when().post(RULES).then().statusCode(403);
    }

    private static void importFindings(String token, String product, String rule, String resource,
            String severity) {
        given().auth().oauth2(token).contentType("application/json")
                .body(List.of(Map.of("title", "t " + rule, "severity", severity, "product", product, "rule", rule,
                        "resources", List.of(Map.of("uid", resource)))))
                .queryParam("team", "platform").when().post("/api/v1/findings/imports").then().statusCode(201);
    }
}
