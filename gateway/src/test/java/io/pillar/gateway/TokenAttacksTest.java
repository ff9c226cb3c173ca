package io.pillar.gateway;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pillar.testsupport.ForgedTokens;
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

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI gateway;

    static Stream<Arguments> attacks() throws Exception {
        String valid = TestTokens.token("mallory", Set.of("viewer"), Set.of("platform"));
        String payload = valid.split("\\.")[1];
        Instant now = Instant.now();
        byte[] publicKey = Base64.getDecoder().decode(TestTokens.publicKeyBase64());
        String pem = ForgedTokens.pem(publicKey);
        return Stream.of(
                Arguments.of("alg none", ForgedTokens.algNone(payload, null)),
                Arguments.of("bad signature", TestTokens.tamperedToken("mallory", Set.of("viewer"))),
                Arguments.of("HS256 keyed with the public key (DER)", ForgedTokens.hs256(payload, null, publicKey)),
                Arguments.of("HS256 keyed with the public key (PEM)",
                        ForgedTokens.hs256(payload, null, pem.getBytes(StandardCharsets.US_ASCII))),
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
        String answer = ForgedTokens.answerTo(gateway.resolve("/api/v1/findings"), huge);
        org.junit.jupiter.api.Assertions.assertTrue(answer.equals("closed") || answer.startsWith("HTTP/1.1 431")
                || answer.startsWith("HTTP/1.1 401"), "answered " + answer);
    }

    @Test
    void theSameClaimsProperlySignedAreAccepted() {
        given().auth().oauth2(TestTokens.token("mallory", Set.of("viewer"), Set.of("platform")))
                .when().get("/api/v1/findings").then().statusCode(200);
    }
}
