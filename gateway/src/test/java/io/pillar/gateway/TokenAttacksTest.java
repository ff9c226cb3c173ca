package io.pillar.gateway;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tokens an attacker can make, each refused by the gateway before anything is relayed. The same attacks on the real
 * Keycloak keys, and at each service directly, are in the end-to-end TokenAttacksIT.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RecordingUpstream.class)
@WithTestResource(FaultyUpstream.class)
class TokenAttacksTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI gateway;

    static Stream<Arguments> attacks() throws Exception {
        String valid = TestTokens.token("mallory", Set.of("viewer"), Set.of("platform"));
        String payload = valid.split("\\.")[1];
        Instant now = Instant.now();
        byte[] publicKey = Base64.getDecoder().decode(TestTokens.publicKeyBase64());
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(publicKey)
                + "\n-----END PUBLIC KEY-----\n";
        return Stream.of(
                Arguments.of("alg none", header("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + "."),
                Arguments.of("bad signature", TestTokens.tamperedToken("mallory", Set.of("viewer"))),
                Arguments.of("HS256 keyed with the public key (DER)", hs256(payload, publicKey)),
                Arguments.of("HS256 keyed with the public key (PEM)",
                        hs256(payload, pem.getBytes(StandardCharsets.US_ASCII))),
                Arguments.of("expired", TestTokens.signedWith("mallory",
                        c -> c.issuedAt(now.minusSeconds(1200)).expiresAt(now.minusSeconds(600)))),
                Arguments.of("not yet valid", TestTokens.signedWith("mallory",
                        c -> c.issuedAt(now.plusSeconds(600)).claim("nbf", now.plusSeconds(600).getEpochSecond())
                                .expiresAt(now.plusSeconds(900)))),
                Arguments.of("wrong issuer", TestTokens.signedWith("mallory",
                        c -> c.issuer("https://evil.example/realms/pillar"))),
                Arguments.of("wrong audience", TestTokens.tokenForAudience("account", "mallory", Set.of("viewer"),
                        Set.of())),
                Arguments.of("unknown key id, foreign key", TestTokens.foreignToken("mallory", Set.of("viewer"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void isRefusedAtTheGateway(String attack, String token) {
        given().auth().oauth2(token).when().get("/api/v1/findings").then().statusCode(401);
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .when().post("/api/v1/findings/imports").then().statusCode(401);
    }

    @Test
    void anOversizedTokenIsRefusedBeforeItIsVerified() throws Exception {
        String huge = TestTokens.signedWith("mallory", c -> c.claim("padding", "x".repeat(64 * 1024)));
        // the gateway may close the connection while the headers are still coming: a refusal as well
        try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(15_000);
            try {
                socket.getOutputStream().write(("GET /api/v1/findings HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + huge + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            } catch (java.io.IOException closed) {
                // refused before all was sent
            }
            String answer;
            try {
                answer = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
            } catch (java.io.IOException closed) {
                answer = null;
            }
            org.junit.jupiter.api.Assertions.assertTrue(answer == null || answer.startsWith("HTTP/1.1 431")
                    || answer.startsWith("HTTP/1.1 401"), "answered " + answer);
        }
    }

    @Test
    void theSameClaimsProperlySignedAreAccepted() {
        given().auth().oauth2(TestTokens.token("mallory", Set.of("viewer"), Set.of("platform")))
                .when().get("/api/v1/findings").then().statusCode(200);
    }

    private static String header(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String payload, byte[] key) throws Exception {
        String signingInput = header("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
