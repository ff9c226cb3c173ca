package io.pillar.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What callers get when a service answers early, drops a connection, or is not there at all. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RecordingUpstream.class)
@WithTestResource(FaultyUpstream.class)
class GatewayFaultsTest {
    private static final String ANALYST = TestTokens.token("alice", Set.of("analyst"), Set.of("platform"));

    @Test
    void anAnswerGivenBeforeTheBodyWasReadReachesTheCallerAsGiven() {
        byte[] report = new byte[8 * 1024 * 1024];
        Arrays.fill(report, (byte) ' ');
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(ANALYST).contentType("application/json").body(report)
                    .when().post("/api/v1/faulty/early")
                    .then().statusCode(415).contentType("application/problem+json")
                    .body("detail", is("not a known format"));
        }
    }

    @Test
    void aReadIsSentAgainOnceWhenTheServiceDroppedTheConnectionWithoutAnswering() {
        String key = UUID.randomUUID().toString();
        given().auth().oauth2(ANALYST).when().get("/api/v1/faulty/stale?key=" + key)
                .then().statusCode(200).body("arrived", is(2));
    }

    @Test
    void aConnectionTheServiceClosesAsItIsHandedOutIsReplacedNotReported() throws Exception {
        List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (var callers = java.util.concurrent.Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 600; i++) {
                // a user each, under the per-user rate limit
                String token = TestTokens.token("brief-" + i, Set.of("analyst"), Set.of("platform"));
                callers.submit(() -> statuses.add(given().auth().oauth2(token).when().get("/api/v1/faulty/brief")
                        .then().extract().statusCode()));
            }
        }
        assertEquals(600, statuses.stream().filter(status -> status == 200).count(), "statuses: " + statuses
                .stream().filter(status -> status != 200).toList());
    }

    /** Java's HTTP client speaks HTTP/2 (h2c) to the gateway: the end of each stream is no hang-up. */
    @Test
    void anHttp2CallersRequestsShareTheServicesConnections() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI
                .create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                        + "/api/v1/faulty/ok?key=" + UUID.randomUUID());
        String token = TestTokens.token("h2-caller", Set.of("analyst"), Set.of("platform"));
        int before = FaultyUpstream.CONNECTIONS.get();
        for (int i = 0; i < 20; i++) {
            var answer = client
                    .send(java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertEquals(java.net.http.HttpClient.Version.HTTP_2, answer.version());
        }
        int opened = FaultyUpstream.CONNECTIONS.get() - before;
        org.junit.jupiter.api.Assertions.assertTrue(opened <= 2, "20 requests opened " + opened + " connections");
    }

    @Test
    void aChangeIsNotSentAgainAndTheProblemNamesTheService() {
        String key = UUID.randomUUID().toString();
        given().auth().oauth2(ANALYST).contentType("application/json").body("{\"title\": \"x\"}")
                .when().post("/api/v1/faulty/stale?key=" + key)
                .then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("faulty-service closed the connection before answering"))
                .body("detail", containsString("may or may not have been carried out"));
        assertEquals(1, FaultyUpstream.ARRIVED.get(key).get(), "a change is never sent twice");
    }

    /** A browser leaving a page mid-answer: the service's connection is closed, not left streaming to nobody. */
    @Test
    void aCallerThatHangsUpMidAnswerEndsTheServicesConnection() throws Exception {
        int before = FaultyUpstream.ENDLESS_CLOSED.get();
        java.net.URI gateway = java.net.URI.create(io.restassured.RestAssured.baseURI);
        try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), io.restassured.RestAssured.port)) {
            socket.getOutputStream().write(("GET /api/v1/faulty/endless HTTP/1.1\r\nHost: gateway\r\n"
                    + "Authorization: Bearer " + ANALYST + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getInputStream().readNBytes(4096);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> FaultyUpstream.ENDLESS_CLOSED.get() > before);
        given().auth().oauth2(ANALYST).when().get("/api/v1/faulty/ok?key=" + UUID.randomUUID())
                .then().statusCode(200);
    }

    @Test
    void aServiceThatIsNotListeningAnswers503WithRetryAfterAndTheOthersAreServed() {
        given().auth().oauth2(ANALYST).when().get("/api/v1/gone/things")
                .then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json")
                .body("detail", containsString("gone-service is not answering"))
                .body("instance", is("/api/v1/gone/things"));
        given().auth().oauth2(ANALYST).contentType("application/json").body(new byte[1_000_000])
                .when().post("/api/v1/gone/imports").then().statusCode(503).header("Retry-After", "5");
        given().auth().oauth2(ANALYST).when().get("/api/v1/findings").then().statusCode(200);
    }
}
