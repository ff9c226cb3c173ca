package io.pillar.findings.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A team's topic carries the matching events of its own findings, and nothing of another team's. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class SubscriptionResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafka
    String bootstrap;

    @Test
    void aTeamTopicCarriesOnlyThatTeamsMatchingFindings() throws Exception {
        String team = "team-" + UUID.randomUUID().toString().substring(0, 8);
        String member = TestTokens.token("carol", Set.of("analyst"), Set.of(team));
        String outsider = TestTokens.token("dave", Set.of("analyst"), Set.of("platform"));

        given().auth().oauth2(outsider).contentType("application/json")
                .body(Map.of("team", team, "severity", List.of("high")))
                .when().post("/api/v1/subscriptions").then().statusCode(403);
        given().auth().oauth2(member).contentType("application/json")
                .body(Map.of("team", team, "severity", List.of("urgent")))
                .when().post("/api/v1/subscriptions").then().statusCode(400)
                .body("detail", containsString("urgent"));
        given().auth().oauth2(member).contentType("application/json")
                .body(Map.of("team", team, "severity", List.of("high", "critical")))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(201).body("topic", is("pillar.team." + team + ".findings"))
                .body("severity", hasItem("high"));
        given().auth().oauth2(member).when().get("/api/v1/subscriptions")
                .then().statusCode(200).body("team", hasItem(team));
        given().auth().oauth2(outsider).when().get("/api/v1/subscriptions")
                .then().statusCode(200).body("team", not(hasItem(team)));

        String run = UUID.randomUUID().toString();
        String ours = report(run + "-ours-high", "high") + "," + report(run + "-ours-low", "low");
        given().auth().oauth2(member).contentType("application/json").body("[" + ours + "]")
                .queryParam("team", team).when().post("/api/v1/findings/imports").then().statusCode(201);
        String admin = TestTokens.token("root", Set.of("admin"), Set.of());
        given().auth().oauth2(admin).contentType("application/json")
                .body("[" + report(run + "-theirs-high", "high") + "]").queryParam("team", "platform")
                .when().post("/api/v1/findings/imports").then().statusCode(201);

        List<String> titles = titlesOn("pillar.team." + team + ".findings", run, Duration.ofSeconds(20));
        assertEquals(List.of(run + "-ours-high"), titles);
    }

    private static String report(String title, String severity) {
        return """
                {"title": "%s", "severity": "%s", "product": "sub-test", "rule": "%s",
                 "resources": [{"uid": "urn:test:%s"}]}""".formatted(title, severity, title, title);
    }

    /** Titles of this run's findings on the topic, read from its start for the given time. */
    private List<String> titlesOn(String topic, String run, Duration duration) throws Exception {
        List<String> titles = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    String title = JSON.readTree(r.value()).at("/data/finding_info/title").asText();
                    if (title.startsWith(run)) {
                        titles.add(title);
                        assertEquals("io.pillar.finding.created",
                                new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
                    }
                }
                if (!titles.isEmpty() && System.nanoTime() > deadline - duration.toNanos() / 2) {
                    break;
                }
            }
        }
        return titles;
    }
}
