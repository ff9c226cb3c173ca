package io.pillar.response.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pillar.contracts.Topic;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.pillar.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "response"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class IncidentLifecycleTest {
    private static final String PATH = "/api/v1/incidents";
    @InjectKafka
    String bootstrap;

    static String user(String name, String role, String team) {
        return TestTokens.token(name, Set.of(role), Set.of(team));
    }

    private static String open(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).when().post(PATH)
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void anIncidentGoesThroughItsLifecycleAndEveryChangeIsOnItsTimelineAndAudited() {
        String ana = user("ana", "analyst", "platform");
        Instant detected = Instant.now().minusSeconds(600);
        String id = open(ana, Map.of("title", "Access key used from an unknown network", "severity_id", 4,
                "assignees", List.of("ana"), "detected_at", detected.toString()));
        given().auth().oauth2(ana).when().get(PATH + "/" + id).then().statusCode(200)
                .body("status", is("detected")).body("team", is("platform")).body("severity", is("high"))
                .body("created_by", is("ana")).body("timeline.kind", contains("opened"))
                .body("acknowledged_at", nullValue());

        given().auth().oauth2(ana).contentType("application/json")
                .body(Map.of("status", "contained", "comment", "key deactivated by hand")).when()
                .patch(PATH + "/" + id).then().statusCode(200).body("status", is("contained"))
                .body("acknowledged_at", notNullValue()).body("contained_at", notNullValue())
                .body("resolved_at", nullValue())
                .body("timeline.kind", contains("opened", "changed", "comment"))
                .body("timeline[1].detail.before.status", is("detected"))
                .body("timeline[1].detail.after.status", is("contained"))
                .body("timeline[2].detail.text", is("key deactivated by hand"));

        given().auth().oauth2(ana).contentType("application/json").body(Map.of("status", "closed")).when()
                .patch(PATH + "/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("review"));
        given().auth().oauth2(ana).contentType("application/json").body(Map.of("status", "closed", "review",
                Map.of("cause", "a key in a public repository", "lessons", "scan commits for secrets",
                        "follow_up_actions", List.of("enable secret scanning"))))
                .when().patch(PATH + "/" + id).then().statusCode(200).body("status", is("closed"))
                .body("closed_at", notNullValue()).body("resolved_at", notNullValue())
                .body("review.follow_up_actions", contains("enable secret scanning"));

        var audit = TopicReader.first(bootstrap, Topic.AUDIT.topicName(),
                r -> r.key().equals("incident/" + id) && r.value().contains("\"closed\""), Duration.ofSeconds(20));
        assertTrue(audit.value().contains("\"action\":\"incident.changed\""), audit.value());
        var event = TopicReader.first(bootstrap, Topic.RESPONSE_EVENTS.topicName(),
                r -> r.key().equals(id) && r.value().contains("io.pillar.incident.changed")
                        && r.value().contains("\"status\":\"closed\""),
                Duration.ofSeconds(20));
        assertTrue(new String(event.headers().lastHeader("pillar-team").value()).equals("platform"));
    }

    @Test
    void anotherTeamNeitherSeesNorChangesAnIncident() {
        String id = open(user("ana", "analyst", "platform"), Map.of("title", "platform's own"));
        String payments = user("pay", "analyst", "payments");
        given().auth().oauth2(payments).when().get(PATH + "/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(payments).contentType("application/json").body(Map.of("status", "analysis"))
                .when().patch(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(payments).contentType("application/json")
                .body(Map.of("title", "for them", "team", "platform")).when().post(PATH).then().statusCode(403);
        given().auth().oauth2(payments).queryParam("team", "platform").queryParam("limit", 500).when().get(PATH)
                .then().statusCode(200).body("items.size()", is(0));
        given().auth().oauth2(user("vic", "viewer", "platform")).contentType("application/json")
                .body(Map.of("status", "analysis")).when().patch(PATH + "/" + id).then().statusCode(403);
        given().auth().oauth2(user("aud", "auditor", "other")).when().get(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        String ana = user("ana", "analyst", "platform");
        given().auth().oauth2(ana).contentType("application/json").body(Map.of("severity_id", 4)).when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("title"));
        given().auth().oauth2(ana).contentType("application/json").body(Map.of("title", "x", "severity_id", 9))
                .when().post(PATH).then().statusCode(400).body("detail", containsString("severity_id"));
        String id = open(ana, Map.of("title", "to be changed"));
        given().auth().oauth2(ana).contentType("application/json").body(Map.of("status", "solved")).when()
                .patch(PATH + "/" + id).then().statusCode(400).body("detail", containsString("status must be one of"));
        // a finding can only be linked once the findings-service has said it is the team's: here it cannot be asked
        given().auth().oauth2(ana).contentType("application/json")
                .body(Map.of("finding_ids", List.of("0190a0b0-0000-7000-8000-000000000001"), "title", "t")).when()
                .patch(PATH + "/" + id).then().statusCode(503).contentType("application/problem+json");
        given().auth().oauth2(ana).when().get(PATH + "/" + id).then().statusCode(200).body("title", is("to be changed"))
                .body("finding_ids.size()", is(0)).body("timeline.size()", is(1));
    }

    @Test
    void metricsGiveTheTimesPerTeamAndSeverity() {
        String team = "metrics-" + System.nanoTime();
        String resp = user("rex", "responder", team);
        Instant detected = Instant.now().minusSeconds(3600);
        String id = open(resp, Map.of("title", "m", "severity_id", 5, "detected_at", detected.toString()));
        given().auth().oauth2(resp).contentType("application/json").body(Map.of("status", "analysis")).when()
                .patch(PATH + "/" + id).then().statusCode(200);
        given().auth().oauth2(resp).contentType("application/json").body(Map.of("status", "recovered")).when()
                .patch(PATH + "/" + id).then().statusCode(200);
        given().auth().oauth2(resp).when().get(PATH + "/metrics").then().statusCode(200)
                .body("groups.team", hasItem(team))
                .body("groups.find { it.team == '" + team + "' }.severity", is("critical"))
                .body("groups.find { it.team == '" + team + "' }.incidents", is(1))
                .body("groups.find { it.team == '" + team + "' }.open", is(1))
                .body("groups.find { it.team == '" + team + "' }.seconds_to.contain.median", notNullValue());
        given().auth().oauth2(user("pay", "analyst", "payments")).when().get(PATH + "/metrics").then()
                .statusCode(200).body("groups.team", org.hamcrest.Matchers.not(hasItem(team)));
        given().auth().oauth2(resp).queryParam("since", "yesterday").when().get(PATH + "/metrics").then()
                .statusCode(400).contentType("application/problem+json");
    }
}
