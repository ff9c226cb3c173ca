package io.pillar.response.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.pillar.contracts.Topic;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Triggers fired by finding events on a real Kafka broker, runs kept in a real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "response"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class TriggerResourceTest {
    @InjectKafka
    String bootstrap;

    static String user(String name, String role, String team) {
        return TestTokens.token(name, Set.of(role), Set.of(team));
    }

    private void publish(String type, String finding, String team, int severity, String product) throws Exception {
        String event = """
                {"specversion": "1.0", "id": "%s", "source": "/pillar/findings-service", "type": "io.pillar.finding.%s",
                 "subject": "%s", "time": "2026-12-02T08:00:00Z", "data": {"class_uid": 2004, "severity_id": %d,
                 "finding_info": {"uid": "%s", "title": "Unusual API calls"},
                 "unmapped": {"pillar": {"finding_id": "%s", "team": "%s", "product": "%s", "rule": "Recon:IAMUser"}}}}"""
                .formatted(UUID.randomUUID(), type, finding, severity, finding, finding, team, product);
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topic.FINDINGS_EVENTS.topicName(), finding, event)).get();
        }
    }

    private static List<String> runsFor(String token, String finding) {
        return given().auth().oauth2(token).queryParam("limit", 500).when().get("/api/v1/runs").then()
                .statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.inputs.__finding_id__ == '" + finding + "' }.id");
    }

    @Test
    void aMatchingFindingOfTheTeamStartsThePlaybookOnceAndNothingElseDoes() throws Exception {
        String rex = user("rex", "responder", "platform");
        String playbook = RunResourceTest.playbook("platform", "approve-then-call.json");
        String trigger = given().auth().oauth2(rex).contentType("application/json").body(Map.of("name",
                "GuardDuty high", "filter", Map.of("min_severity_id", 4, "products", List.of("guardduty")),
                "playbook_id", playbook, "inputs", Map.of("__port__", "1")))
                .when().post("/api/v1/triggers").then().statusCode(201).body("team", is("platform"))
                .body("filter.min_severity_id", is(4)).extract().path("id");

        String finding = UUID.randomUUID().toString();
        publish("created", finding, "platform", 5, "GuardDuty");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> runsFor(rex, finding).size() == 1);
        String run = runsFor(rex, finding).get(0);
        given().auth().oauth2(rex).when().get("/api/v1/runs/" + run).then().statusCode(200)
                .body("requested_by", is("trigger:GuardDuty high")).body("team", is("platform"));

        publish("created", finding, "platform", 5, "GuardDuty");
        String low = UUID.randomUUID().toString();
        publish("created", low, "platform", 3, "GuardDuty");
        String theirs = UUID.randomUUID().toString();
        publish("created", theirs, "payments", 6, "GuardDuty");
        String marker = UUID.randomUUID().toString();
        publish("created", marker, "platform", 6, "GuardDuty");
        // the marker, published last, is processed after the others: by then they made whatever they would
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> runsFor(rex, marker).size() == 1);
        assertEquals(1, runsFor(rex, finding).size(), "the same finding again starts nothing new");
        assertEquals(0, runsFor(rex, low).size(), "below the least severity");
        String admin = TestTokens.token("adm", Set.of("admin"), Set.of());
        assertEquals(0, runsFor(admin, theirs).size(), "another team's finding never fires this team's trigger");

        String pay = user("pay", "responder", "payments");
        given().auth().oauth2(pay).when().get("/api/v1/triggers").then().statusCode(200)
                .body("id", not(hasItem(trigger)));
        given().auth().oauth2(pay).when().delete("/api/v1/triggers/" + trigger).then().statusCode(404);
        given().auth().oauth2(user("vic", "viewer", "platform")).when().delete("/api/v1/triggers/" + trigger).then()
                .statusCode(403);
        given().auth().oauth2(rex).when().delete("/api/v1/triggers/" + trigger).then().statusCode(200)
                .body("enabled", is(false));
    }

    @Test
    void aTriggerNeedsSomethingToDo() {
        given().auth().oauth2(user("rex", "responder", "platform")).contentType("application/json")
                .body(Map.of("name", "nothing")).when().post("/api/v1/triggers").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
