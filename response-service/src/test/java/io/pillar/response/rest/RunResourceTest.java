package io.pillar.response.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

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

/**
 * Runs against a real PostgreSQL and Kafka; the http-api step calls a real HTTP server this test starts on the
 * loopback address (the only allow-listed host in tests).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "response"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class RunResourceTest {
    private static final String APPROVE = "action--10000000-0000-4000-8000-00000000000a";
    private static HttpServer tickets;
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static final List<String> keys = new CopyOnWriteArrayList<>();
    @InjectKafka
    String bootstrap;

    @BeforeAll
    static void ticketSystem() throws IOException {
        tickets = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tickets.createContext("/tickets", exchange -> {
            received.add(exchange.getRequestURI() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            byte[] body = "{\"ticket\": \"T-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tickets.start();
    }

    @AfterAll
    static void stop() {
        tickets.stop(0);
    }

    static String user(String name, String role, String team) {
        return TestTokens.token(name, Set.of(role), Set.of(team));
    }

    static String playbook(String team, String cacaoFixture) throws IOException {
        return imported(team, PlaybookResourceTest.fixture(cacaoFixture));
    }

    /** The document imported for the team under a CACAO id of its own. */
    static String imported(String team, String document) {
        String doc = document.replace("playbook--5b2c8e41-6a7d-4f3e-9b1c-2d3e4f5a6b7c",
                "playbook--" + UUID.randomUUID());
        return given().auth().oauth2(user("ana", "analyst", team)).contentType("application/json").body(doc)
                .when().post("/api/v1/playbooks").then().statusCode(201).extract().path("playbook.id");
    }

    private static String start(String token, String playbook, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/v1/playbooks/" + playbook + "/runs").then().statusCode(201).extract().path("id");
    }

    private static void awaitStatus(String token, String run, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> given()
                .auth().oauth2(token).when().get("/api/v1/runs/" + run).then().statusCode(200)
                .body("status", is(status)));
    }

    @Test
    void aRunWaitsForItsApprovalThenCallsTheAllowedHostAndCompletes() throws IOException {
        String rex = user("rex", "responder", "platform");
        String pb = playbook("platform", "approve-then-call.json");
        String port = Integer.toString(tickets.getAddress().getPort());
        String run = start(rex, pb, Map.of("inputs", Map.of("__port__", port)));
        awaitStatus(rex, run, "waiting");
        given().auth().oauth2(rex).when().get("/api/v1/runs/" + run).then()
                .body("steps.find { it.step_id == '" + APPROVE + "' }.status", is("waiting"))
                .body("steps.find { it.step_id == '" + APPROVE + "' }.inputs.instruction",
                        is("Approve opening a ticket for platform"));

        given().auth().oauth2(user("vic", "viewer", "platform")).contentType("application/json")
                .body(Map.of("decision", "approve")).when()
                .post("/api/v1/runs/" + run + "/steps/" + APPROVE + "/complete").then().statusCode(403);
        given().auth().oauth2(rex).contentType("application/json")
                .body(Map.of("decision", "approve", "comment", "go", "outputs", Map.of("__approved__", "yes")))
                .when().post("/api/v1/runs/" + run + "/steps/" + APPROVE + "/complete").then().statusCode(200);
        awaitStatus(rex, run, "completed");
        given().auth().oauth2(rex).when().get("/api/v1/runs/" + run).then()
                .body("variables.__ticket__", is("{\"ticket\": \"T-1\"}"))
                .body("steps.find { it.step_id == '" + APPROVE + "' }.completed_by", is("rex"))
                .body("steps.find { it.step_id == '" + APPROVE + "' }.comment", is("go"));
        assertTrue(received.contains("/tickets?run=" + run + " {\"team\": \"platform\"}"), received.toString());
        given().auth().oauth2(rex).contentType("application/json").body(Map.of("decision", "approve")).when()
                .post("/api/v1/runs/" + run + "/steps/" + APPROVE + "/complete").then().statusCode(409);

        var event = TopicReader.first(bootstrap, Topic.RESPONSE_EVENTS.topicName(),
                r -> r.key().equals(run) && r.value().contains("io.pillar.run.completed"), Duration.ofSeconds(20));
        assertTrue(event.value().contains("\"team\":\"platform\""), event.value());
    }

    /**
     * A driver that stopped while a step ran (the service was killed): its lease runs out, another driver takes the
     * run, the step runs again with the same idempotency key, and the steps done before are not asked again.
     */
    @Test
    void aRunLeftByAStoppedDriverResumesWithoutRepeatingDoneSteps() throws IOException {
        String rex = user("rex", "responder", "platform");
        String port = Integer.toString(tickets.getAddress().getPort());
        String run = start(rex, playbook("platform", "approve-then-call.json"), Map.of("inputs",
                Map.of("__port__", port)));
        awaitStatus(rex, run, "waiting");
        given().auth().oauth2(rex).contentType("application/json")
                .body(Map.of("decision", "approve", "outputs", Map.of("__approved__", "yes"))).when()
                .post("/api/v1/runs/" + run + "/steps/" + APPROVE + "/complete").then().statusCode(200);
        awaitStatus(rex, run, "completed");
        String firstKey = keys.get(keys.size() - 1);
        assertTrue(firstKey.startsWith(run + "/"), firstKey);
        int calls = received.size();

        // as the database looks when the service was killed during the call: the step running, the run leased by
        // a driver that will never come back
        UUID id = UUID.fromString(run);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            io.pillar.response.RunStep.update("status = 'running', outcome = null, finishedAt = null "
                    + "where runId = ?1 and stepId = 'action--10000000-0000-4000-8000-00000000000b'", id);
            io.pillar.response.Run.update("status = 'running', finishedAt = null, leaseUntil = ?1, wakeAt = ?1 "
                    + "where id = ?2", java.time.Instant.now().plusSeconds(3), id);
        });
        awaitStatus(rex, run, "completed");
        assertEquals(calls + 1, received.size(), "the interrupted call is made once more");
        assertEquals(firstKey, keys.get(keys.size() - 1), "with the same idempotency key");
        given().auth().oauth2(rex).when().get("/api/v1/runs/" + run).then()
                .body("steps.find { it.step_id == '" + APPROVE + "' }.completed_by", is("rex"))
                .body("steps.find { it.step_id == 'action--10000000-0000-4000-8000-00000000000b' }.attempt", is(2));
    }

    @Test
    void aRejectedApprovalFailsTheRun() throws IOException {
        String rex = user("rex", "responder", "platform");
        String run = start(rex, playbook("platform", "approve-then-call.json"),
                Map.of("inputs", Map.of("__port__", "1")));
        awaitStatus(rex, run, "waiting");
        given().auth().oauth2(user("ana", "analyst", "platform")).contentType("application/json")
                .body(Map.of("decision", "reject", "comment", "not now")).when()
                .post("/api/v1/runs/" + run + "/steps/" + APPROVE + "/complete").then().statusCode(200);
        awaitStatus(rex, run, "failed");
        given().auth().oauth2(rex).when().get("/api/v1/runs/" + run).then()
                .body("error", containsString("rejected"));
    }

    @Test
    void aHostOffTheAllowListIsNeverCalled() throws IOException {
        String rex = user("rex", "responder", "platform");
        String metadata = PlaybookResourceTest.fixture("approve-then-call.json").replace("\"127.0.0.1\"",
                "\"169.254.169.254\"");
        String run = start(rex, imported("platform", metadata), Map.of("inputs", Map.of("__port__", "80")));
        awaitStatus(rex, run, "waiting");
        given().auth().oauth2(rex).contentType("application/json")
                .body(Map.of("decision", "approve", "outputs", Map.of("__approved__", "yes"))).when()
                .post("/api/v1/runs/" + run + "/steps/" + APPROVE + "/complete").then().statusCode(200);
        awaitStatus(rex, run, "failed");
        given().auth().oauth2(rex).when().get("/api/v1/runs/" + run).then()
                .body("error", containsString("169.254.169.254 is not on the allow-list"));
    }

    @Test
    void anExternalExecutorGetsTheCommandAndItsResultCompletesTheStep() throws Exception {
        String rex = user("rex", "responder", "platform");
        String run = start(rex, playbook("platform", "external-block.json"),
                Map.of("inputs", Map.of("__address__", "203.0.113.7")));
        awaitStatus(rex, run, "waiting");
        var command = TopicReader.first(bootstrap, Topic.RESPONSE_COMMANDS.topicName(), r -> r.key().equals(run),
                Duration.ofSeconds(20));
        assertTrue(command.value().contains("\\\"ipv4_net\\\": \\\"203.0.113.7\\\""), command.value());
        assertTrue(command.value().contains("\"step_id\":\"action--20000000-0000-4000-8000-00000000000a\""),
                command.value());
        String result = """
                {"specversion": "1.0", "id": "%s", "source": "/executors/firewall", "type": "io.pillar.response.result",
                 "time": "2026-12-02T08:00:00Z", "data": {"run_id": "%s",
                 "step_id": "action--20000000-0000-4000-8000-00000000000a", "status": "success",
                 "outputs": {"__rule_id__": "deny-42"}}}""";
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", bootstrap), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topic.RESPONSE_RESULTS.topicName(),
                    run, result.formatted(UUID.randomUUID(), run))).get();
            String stranger = UUID.randomUUID().toString();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topic.RESPONSE_RESULTS.topicName(),
                    stranger, result.formatted(UUID.randomUUID(), stranger))).get();
        }
        awaitStatus(rex, run, "completed");
        given().auth().oauth2(rex).when().get("/api/v1/runs/" + run).then()
                .body("variables.__rule_id__", is("deny-42"))
                .body("steps[0].completed_by", is("/executors/firewall"));
        var dead = TopicReader.first(bootstrap, Topic.RESPONSE_RESULTS_DLQ.topicName(), r -> r.value().contains(
                "deny-42") && !r.key().equals(run), Duration.ofSeconds(20));
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.startsWith("no run "), reason);
    }

    @Test
    void aGameDayCarriesNothingOutAndReportsWaitsAndWhatWouldFail() throws IOException {
        String rex = user("rex", "responder", "platform");
        String run = start(rex, playbook("platform", "game-day.json"), Map.of("simulation", true, "inputs",
                Map.of("__asset_id__", UUID.randomUUID().toString())));
        awaitStatus(rex, run, "completed");
        given().auth().oauth2(rex).when().get("/api/v1/runs/" + run + "/report").then().statusCode(200)
                .body("simulation", is(true)).body("steps.size()", is(4))
                .body("totals.approvals", is(1)).body("totals.approval_wait_ms", is(600000))
                .body("steps[3].waits_ms", is(30000))
                .body("totals.would_fail", is(2))
                .body("steps[0].would", containsString("would wait up to PT10M for a responder"))
                .body("steps[1].would_fail", containsString("quarantine-asset"))
                .body("steps[2].would_fail", containsString("169.254.169.254 is not on the allow-list"))
                .body("steps[3].would", containsString("external executor"))
                .body("steps[3].would_fail", org.hamcrest.Matchers.nullValue());
        var commands = TopicReader.first(bootstrap, Topic.RESPONSE_EVENTS.topicName(),
                r -> r.key().equals(run) && r.value().contains("io.pillar.run.completed"), Duration.ofSeconds(20));
        assertTrue(commands.value().contains("\"simulation\":true"), commands.value());
        given().auth().oauth2(user("pay", "responder", "payments")).when().get("/api/v1/runs/" + run + "/report")
                .then().statusCode(404);
    }

    @Test
    void aVariableNobodySetsStopsTheRunBeforeItStarts() throws IOException {
        String rex = user("rex", "responder", "platform");
        given().auth().oauth2(rex).contentType("application/json").body(Map.of())
                .when().post("/api/v1/playbooks/" + playbook("platform", "approve-then-call.json") + "/runs")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.message", hasItem(containsString("__port__")))
                .body("errors.path", hasItem("$.target_definitions['http-api--10000000-0000-4000-8000-0000000000b1']"
                        + ".port"));
    }

    @Test
    void anotherTeamCannotSeeStartAnswerOrCancelARun() throws IOException {
        String rex = user("rex", "responder", "platform");
        String pb = playbook("platform", "approve-then-call.json");
        String run = start(rex, pb, Map.of("inputs", Map.of("__port__", "1")));
        String pay = user("pay", "responder", "payments");
        given().auth().oauth2(pay).when().get("/api/v1/runs/" + run).then().statusCode(404);
        given().auth().oauth2(pay).contentType("application/json").body(Map.of("decision", "approve")).when()
                .post("/api/v1/runs/" + run + "/steps/" + APPROVE + "/complete").then().statusCode(404);
        given().auth().oauth2(pay).contentType("application/json").body(Map.of()).when()
                .post("/api/v1/runs/" + run + "/cancel").then().statusCode(404);
        given().auth().oauth2(pay).contentType("application/json").body(Map.of("inputs", Map.of("__port__", "1")))
                .when().post("/api/v1/playbooks/" + pb + "/runs").then().statusCode(404);
        given().auth().oauth2(pay).queryParam("limit", 500).when().get("/api/v1/runs").then().statusCode(200)
                .body("items.id", not(hasItem(run)));
        given().auth().oauth2(rex).contentType("application/json").body(Map.of("reason", "drill over")).when()
                .post("/api/v1/runs/" + run + "/cancel").then().statusCode(200).body("status", is("cancelled"));
    }
}
