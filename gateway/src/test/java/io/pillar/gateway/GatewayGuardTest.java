package io.pillar.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** What the gateway refuses before relaying: size, rate, concurrent imports, slow searches; and what it adds. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RecordingUpstream.class)
@WithTestResource(FaultyUpstream.class)
class GatewayGuardTest {
    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @TestHTTPResource("/")
    URI gateway;

    private static String analyst() {
        return TestTokens.token("analyst-" + UUID.randomUUID(), Set.of("analyst"), Set.of("platform"));
    }

    @Test
    void aBodyLargerThanTheRouteAcceptsIsRefusedBeforeItIsRead() {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        given().auth().oauth2(analyst()).contentType("application/json").body(twoMegabytes)
                .when().post("/api/v1/incidents")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("larger than the 1048576 bytes accepted at /api/v1/incidents"));
        // where reports are imported, the same body goes through
        given().auth().oauth2(analyst()).contentType("application/json").body(twoMegabytes)
                .when().post("/api/v1/findings/imports")
                .then().statusCode(200).body("length", is(twoMegabytes.length));
    }

    @Test
    void aChunkedBodyIsCountedAsItComes() throws Exception {
        // no Content-Length: the limit is found only while relaying
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + analyst()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            String head = Integer.toHexString(chunk.length) + "\r\n";
            try {
                for (int i = 0; i < 40; i++) {
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedUnderUs) {
                // the gateway answered and closed the connection: the answer is still there to read
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
        }
    }

    @Test
    void aUserOverTheRateIsToldWhenToComeBackAndOthersAreServed() {
        String token = analyst();
        Response refused = null;
        for (int i = 0; i < 400 && refused == null; i++) {
            Response r = given().auth().oauth2(token).when().get("/api/v1/findings");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.statusCode());
            }
        }
        assertTrue(refused != null, "400 requests in a few seconds exceed 20 per second with bursts of 40");
        refused.then().contentType("application/problem+json").header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("detail", containsString("requests per second"));
        given().auth().oauth2(analyst()).when().get("/api/v1/findings").then().statusCode(200);
    }

    @Test
    void aClientMayRunOnlySoManyImportsAtOnce() throws Exception {
        String client = "importer-" + UUID.randomUUID();
        String token = TestTokens.serviceToken(client, "pillar-gateway", Set.of());
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(http.sendAsync(HttpRequest.newBuilder(gateway.resolve("/api/v1/findings/imports?delay_ms=3000"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(1_000);
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .when().post("/api/v1/findings/imports")
                .then().statusCode(429).header("Retry-After", is("5"))
                .body("detail", containsString("already has 4 imports running"));
        // reads are not imports
        given().auth().oauth2(token).when().get("/api/v1/findings/imports").then().statusCode(200);
        for (CompletableFuture<HttpResponse<String>> r : running) {
            assertEquals(200, r.get().statusCode());
        }
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .when().post("/api/v1/findings/imports").then().statusCode(200);
    }

    @Test
    void aTextSearchThatTakesTooLongIsStopped() {
        given().auth().oauth2(analyst()).queryParam("q", "log4j").queryParam("delay_ms", 5000)
                .when().get("/api/v1/findings")
                .then().statusCode(504).contentType("application/problem+json")
                .body("detail", containsString("findings-service did not answer within 2000 ms"));
        // without q= the same wait is not bounded by the search timeout
        given().auth().oauth2(analyst()).queryParam("delay_ms", 2500).when().get("/api/v1/findings")
                .then().statusCode(200);
    }

    @Test
    void everyRequestCarriesATraceContext() {
        given().auth().oauth2(analyst()).header("traceparent", TRACE).when().get("/api/v1/findings")
                .then().statusCode(200).body("traceparent", is(TRACE));
        given().auth().oauth2(analyst()).when().get("/api/v1/findings")
                .then().statusCode(200).body("traceparent", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
        given().auth().oauth2(analyst()).header("traceparent", "00-zz-not-a-trace").when().get("/api/v1/findings")
                .then().statusCode(200).body("traceparent", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }

    @Test
    void answersCarryTheSecurityHeadersRefusalsIncluded() {
        for (Response r : List.of(given().auth().oauth2(analyst()).when().get("/api/v1/findings"),
                given().when().get("/api/v1/findings"))) {
            r.then().header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                    // plain HTTP: HSTS would mean nothing here
                    .header("Strict-Transport-Security", nullValue());
        }
    }

    @Test
    void onlyAllowedOriginsMayCallFromABrowser() {
        given().header("Origin", "https://console.allowed.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/findings/imports")
                .then().header("Access-Control-Allow-Origin", "https://console.allowed.example");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/findings/imports")
                .then().header("Access-Control-Allow-Origin", not("https://evil.example"));
        given().auth().oauth2(analyst()).header("Origin", "https://evil.example").when().get("/api/v1/findings")
                .then().statusCode(403);
    }
}
