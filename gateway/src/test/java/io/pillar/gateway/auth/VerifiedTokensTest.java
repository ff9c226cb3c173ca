package io.pillar.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pillar.gateway.FaultyUpstream;
import io.pillar.gateway.RecordingUpstream;
import io.pillar.testsupport.ForgedTokens;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A token verified once is answered from memory, and only that exact token, only while it is valid. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RecordingUpstream.class)
@WithTestResource(FaultyUpstream.class)
class VerifiedTokensTest {
    @Inject
    VerifiedTokens verified;

    @Test
    void anApiCallersTokenIsRememberedOnceVerifiedWithItsRoles() {
        String token = TestTokens.token("grace", Set.of("viewer"), Set.of("platform"));
        assertNull(verified.find(token));
        given().auth().oauth2(token).when().get("/api/v1/findings").then().statusCode(200);
        assertNotNull(verified.find(token), "remembered");
        assertEquals(Set.of("viewer"), verified.find(token).getRoles());
        // answered from memory, relayed with the caller's own token
        long before = verified.answered();
        given().auth().oauth2(token).when().get("/api/v1/findings").then().statusCode(200)
                .body("authorization", org.hamcrest.Matchers.is("Bearer " + token));
        assertEquals(before + 1, verified.answered(), "answered from memory");
    }

    @Test
    void aForgedVariantOfARememberedTokenIsVerifiedAndRefused() {
        String token = TestTokens.token("heidi", Set.of("viewer"), Set.of("platform"));
        given().auth().oauth2(token).when().get("/api/v1/findings").then().statusCode(200);
        String[] parts = token.split("\\.");
        String otherSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(otherSignature).when().get("/api/v1/findings").then().statusCode(401);
        given().auth().oauth2(ForgedTokens.algNone(parts[1], null)).when().get("/api/v1/findings").then()
                .statusCode(401);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        Instant now = Instant.now();
        String token = TestTokens.signedWith("ivan", c -> c.issuedAt(now).expiresAt(now.plusSeconds(3)));
        given().auth().oauth2(token).when().get("/api/v1/findings").then().statusCode(200);
        assertNotNull(verified.find(token));
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .auth().oauth2(token).when().get("/api/v1/findings").then().statusCode(401));
        assertNull(verified.find(token));
    }

    @Test
    void aFullCacheIsEmptiedRatherThanGrown() {
        String token = TestTokens.token("judy", Set.of("viewer"), Set.of("platform"));
        given().auth().oauth2(token).when().get("/api/v1/findings").then().statusCode(200);
        VerifiedTokens small = new VerifiedTokens(Duration.ofSeconds(30), 2);
        small.remember("a", verified.find(token));
        small.remember("b", verified.find(token));
        small.remember("c", verified.find(token));
        assertEquals(1, small.size());
        assertNotNull(small.find("c"));
        assertNull(small.find("a"));
    }
}
