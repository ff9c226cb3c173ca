package io.pillar.findings.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
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
 * One team's findings, imports and rules are its own: what another team's analyst tries (the cases found against a
 * running stack) changes nothing of theirs and reads nothing of theirs.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class TeamIsolationTest {
    private static final String IMPORTS = "/api/v1/findings/imports";
    private static final String RULES = "/api/v1/findings/suppression-rules";

    private final String platform = TestTokens.token("alice", Set.of("analyst"), Set.of("platform"));
    private final String payments = TestTokens.token("paula", Set.of("analyst"), Set.of("payments"));
    private final String auditor = TestTokens.token("audrey", Set.of("auditor"), Set.of("platform"));
    private final String admin = TestTokens.token("root", Set.of("admin"), Set.of());

    @Test
    void anotherTeamsEmptyImportOfTheSameScopeResolvesNothingOfOurs() {
        String scope = "account:" + UUID.randomUUID();
        String id = findingOf(importAs(platform, report("arn:aws:s3:::" + UUID.randomUUID(), "high"),
                "scope=" + scope + "&team=platform").statusCode(201).extract().path("id"));

        importAs(payments, "{\"findings\": []}", "format=pillar&scope=" + scope + "&team=payments").statusCode(201)
                .body("resolved", is(0)).body("team", is("payments"));
        finding(platform, id).statusCode(200).body("finding.status", is("new")).body("finding.team", is("platform"));

        // an import of no team (an admin's) resolves only findings of no team
        importAs(admin, "{\"findings\": []}", "format=pillar&scope=" + scope).statusCode(201).body("resolved", is(0))
                .body("team", nullValue());
        finding(platform, id).statusCode(200).body("finding.status", is("new"));
    }

    @Test
    void theSameIssueForTwoTeamsIsTwoCorrelatedFindingsNeverOneThatMoves() {
        String bucket = "arn:aws:s3:::" + UUID.randomUUID();
        String ours = findingOf(importAs(platform, report(bucket, "high"), "team=platform").statusCode(201)
                .extract().path("id"));
        String theirs = findingOf(importAs(payments, report(bucket, "low").replace("public read", "public list"),
                "team=payments").statusCode(201).body("created", is(1)).extract().path("id"));

        finding(platform, ours).statusCode(200).body("finding.team", is("platform"))
                .body("finding.severity", is("high"))
                .body("finding.title", is("S3 bucket allows public read"))
                .body("correlated.id", not(hasItem(theirs)));
        finding(payments, theirs).statusCode(200).body("finding.team", is("payments")).body("finding.severity",
                is("low"));
        finding(payments, ours).statusCode(404);
        finding(auditor, ours).statusCode(200).body("correlated.id", hasItem(theirs));
    }

    @Test
    void anImportJobIsReadOnlyByThoseWhoReadItsTeam() {
        String job = importAs(platform, report("arn:aws:s3:::" + UUID.randomUUID(), "high"), "team=platform")
                .statusCode(201).extract().path("id");
        given().auth().oauth2(platform).when().get(IMPORTS + "/" + job).then().statusCode(200)
                .body("team", is("platform"));
        given().auth().oauth2(payments).when().get(IMPORTS + "/" + job).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(auditor).when().get(IMPORTS + "/" + job).then().statusCode(200);
    }

    @Test
    void anotherTeamNeitherImportsForUsNorLeavesTheTeamOutUnlessItHasOne() {
        importAs(payments, report("arn:aws:s3:::" + UUID.randomUUID(), "high"), "team=platform").statusCode(403);
        // without a team, an analyst's import is for their only team
        importAs(payments, report("arn:aws:s3:::" + UUID.randomUUID(), "high"), "").statusCode(201)
                .body("team", is("payments"));
        String twoTeams = TestTokens.token("tess", Set.of("analyst"), Set.of("platform", "payments"));
        importAs(twoTeams, report("arn:aws:s3:::" + UUID.randomUUID(), "high"), "").statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void suppressionRulesAreTheirTeamsOnListAndDisable() {
        String name = "ours-" + UUID.randomUUID();
        String rule = given().auth().oauth2(platform).contentType("application/json")
                .body("{\"name\": \"" + name + "\", \"status\": \"false_positive\", \"reason\": \"test data\", "
                        + "\"criteria\": {\"team\": \"platform\", \"product\": \"" + UUID.randomUUID() + "\"}}")
                .when().post(RULES).then().statusCode(201).extract().path("rule.id");

        given().auth().oauth2(payments).when().get(RULES).then().statusCode(200)
                .body("name", not(hasItem(name)));
        given().auth().oauth2(payments).when().delete(RULES + "/" + rule).then().statusCode(404);
        given().auth().oauth2(auditor).when().get(RULES).then().statusCode(200).body("name", hasItem(name));
        given().auth().oauth2(platform).when().get(RULES).then().statusCode(200)
                .body("find { it.name == '" + name + "' }.enabled", is(true));

        // a rule for every team is an admin's to write and to disable
        given().auth().oauth2(platform).contentType("application/json")
                .body("{\"name\": \"all\", \"status\": \"false_positive\", \"reason\": \"r\", \"criteria\": "
                        + "{\"product\": \"x\"}}")
                .when().post(RULES).then().statusCode(403);
        String global = given().auth().oauth2(admin).contentType("application/json")
                .body("{\"name\": \"all-" + name + "\", \"status\": \"false_positive\", \"reason\": \"r\", "
                        + "\"criteria\": {\"product\": \"" + UUID.randomUUID() + "\"}}")
                .when().post(RULES).then().statusCode(201).extract().path("rule.id");
        given().auth().oauth2(payments).when().get(RULES).then().body("name", hasItem("all-" + name));
        given().auth().oauth2(payments).when().delete(RULES + "/" + global).then().statusCode(403);
        given().auth().oauth2(platform).when().delete(RULES + "/" + rule).then().statusCode(204);
    }

    @Test
    void aTeamsFindingIsChangedOnlyByItsTeam() {
        String id = findingOf(importAs(platform, report("arn:aws:s3:::" + UUID.randomUUID(), "high"),
                "team=platform").statusCode(201).extract().path("id"));
        given().auth().oauth2(payments).contentType("application/json")
                .body("{\"status\": \"triaged\", \"reason\": \"mine now\"}")
                .when().patch("/api/v1/findings/" + id).then().statusCode(404);
        finding(platform, id).body("finding.status", is("new"));
        given().auth().oauth2(payments).queryParam("team", "platform").when().get("/api/v1/findings").then()
                .statusCode(200).body("items.team", everyItem(is("payments")));
    }

    private static String report(String bucket, String severity) {
        return """
                {"findings": [{"title": "S3 bucket allows public read", "severity": "%s", "product": "pillar-test",
                  "rule": "s3-public-read", "description": "The policy grants s3:GetObject to everyone.",
                  "resources": [{"uid": "%s", "type": "bucket"}]}]}""".formatted(severity, bucket);
    }

    private static ValidatableResponse importAs(String token, String report, String query) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(report.getBytes(StandardCharsets.UTF_8))
                .when().post(IMPORTS + (query.isEmpty() ? "" : "?" + query)).then();
    }

    private String findingOf(String importId) {
        return given().auth().oauth2(admin).queryParam("import_id", importId).when().get("/api/v1/findings")
                .then().statusCode(200).body("items.size()", is(1)).extract().path("items[0].id");
    }

    private static ValidatableResponse finding(String token, String id) {
        return given().auth().oauth2(token).when().get("/api/v1/findings/" + id).then();
    }
}
