package io.pillar.identity.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.service.AuditLedger;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Appending in batches, fields too long for their column, and what an auditor filters the ledger by. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "identity"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class AuditLedgerTest {
    @Inject
    AuditLedger ledger;
    @Inject
    LedgerVerifier verifier;

    @Test
    void aBatchIsChainedOnceAndInOrder() {
        String run = UUID.randomUUID().toString();
        AuditRecord a = record(run + "-a", "alice", "finding/1");
        AuditRecord b = record(run + "-b", "bob", "finding/2");
        assertEquals(2, ledger.appendAll(List.of(a, b, a)));
        assertEquals(0, ledger.appendAll(List.of(b, a)), "redelivered events are already in the ledger");
        assertTrue(verifier.verify(true).valid());
    }

    @Test
    void aFieldTooLongForItsColumnIsCutWithTheDigestOfTheWholeValue() {
        String run = UUID.randomUUID().toString();
        String longResource = "bucket/" + "x".repeat(5_000);
        String longId = run + "-" + "i".repeat(300);
        assertTrue(ledger.append(new AuditRecord(longId, Instant.now(), "/pillar/test", "al\0ice", "export",
                longResource, "success", null, "{\"note\":\"nul \\u0000 in JSON text is kept escaped\"}")));
        assertTrue(!ledger.append(new AuditRecord(longId, Instant.now(), "/pillar/test", "alice", "export",
                "other", "success", null, "{}")), "the same long event id is the same event");
        String auditor = TestTokens.token("auditor", Set.of("auditor"), Set.of("platform"));
        given().auth().oauth2(auditor).queryParam("action", "export").queryParam("target", "bucket/*")
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("items[0].actor", is("alice"))
                .body("items[0].resource.length()", is(2048))
                .body("items[0].resource", startsWith("bucket/xxx"))
                .body("items[0].resource", org.hamcrest.Matchers.containsString(
                        "[cut: 5007 chars, sha256 " + sha256(longResource) + "]"));
        assertTrue(verifier.verify(true).valid());
    }

    @Test
    void theLedgerIsFilteredByActorActionTargetOutcomeAndTime() {
        String run = UUID.randomUUID().toString();
        ledger.appendAll(List.of(record(run + "-1", "carol-" + run, "asset/" + run + "/1"),
                new AuditRecord(run + "-2", Instant.parse("2026-11-01T00:00:00Z"), "/pillar/test", "carol-" + run,
                        "login", "realm/pillar", "failure", "10.0.0.9", "{}"),
                record(run + "-3", "dave-" + run, "asset/" + run + "/2")));
        String auditor = TestTokens.token("auditor", Set.of("auditor"), Set.of("platform"));
        given().auth().oauth2(auditor).queryParam("actor", "carol-" + run).when().get("/api/v1/audit")
                .then().statusCode(200).body("items.size()", is(2)).body("items.actor", everyItem(is("carol-" + run)));
        given().auth().oauth2(auditor).queryParam("target", "asset/" + run + "/*").when().get("/api/v1/audit")
                .then().statusCode(200).body("items.size()", is(2));
        given().auth().oauth2(auditor).queryParam("actor", "carol-" + run).queryParam("outcome", "failure")
                .queryParam("until", "2026-11-02T00:00:00Z").when().get("/api/v1/audit")
                .then().statusCode(200).body("items.size()", is(1)).body("items[0].action", is("login"));
        given().auth().oauth2(auditor).queryParam("actor", "carol-" + run).queryParam("since", "2026-11-02T00:00:00Z")
                .queryParam("limit", 1).when().get("/api/v1/audit")
                .then().statusCode(200).body("items.size()", is(1)).body("next_cursor", is((Object) null));
        given().auth().oauth2(auditor).queryParam("since", "yesterday").when().get("/api/v1/audit")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("since: expected an RFC 3339 date-time"));
    }

    @Test
    void everyReadOfTheLedgerIsChainedIntoItWhoeverAsks() {
        String run = UUID.randomUUID().toString();
        String auditor = TestTokens.serviceToken("audit-export-" + run.substring(0, 8), "identity-service", Set.of());
        String reader = TestTokens.token("reader-" + run, Set.of("auditor"), Set.of());
        given().auth().oauth2(reader).queryParam("actor", "nobody-" + run).when().get("/api/v1/audit")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.token("nosy-" + run, Set.of("analyst"), Set.of("/platform"))).when()
                .get("/api/v1/audit/verify").then().statusCode(403);
        given().auth().oauth2(auditor).when().get("/api/v1/audit").then().statusCode(403);
        given().queryParam("probe", run).when().get("/api/v1/audit").then().statusCode(401);
        String admin = TestTokens.token("ada", Set.of("admin"), Set.of());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            given().auth().oauth2(admin).queryParam("actor", "reader-" + run).when().get("/api/v1/audit").then()
                    .statusCode(200).body("items[0].action", is("GET /api/v1/audit"))
                    .body("items[0].outcome", is("success"))
                    .body("items[0].details.query", is("actor=nobody-" + run))
                    .body("items[0].source", is("/pillar/identity-service"));
            given().auth().oauth2(admin).queryParam("actor", "nosy-" + run).when().get("/api/v1/audit").then()
                    .statusCode(200).body("items[0].action", is("GET /api/v1/audit/verify"))
                    .body("items[0].outcome", is("denied"));
            given().auth().oauth2(admin).queryParam("actor", "service-account-audit-export-*").when()
                    .get("/api/v1/audit").then().statusCode(200)
                    .body("items.client", org.hamcrest.Matchers.hasItem("audit-export-" + run.substring(0, 8)));
            given().auth().oauth2(admin).queryParam("actor", "anonymous").queryParam("limit", 200).when()
                    .get("/api/v1/audit").then().statusCode(200)
                    .body("items.find { it.details.query == 'probe=" + run + "' }.outcome", is("denied"));
        });
    }

    private static AuditRecord record(String id, String actor, String resource) {
        return new AuditRecord(id, Instant.parse("2026-12-02T08:00:00Z"), "/pillar/test", actor, "asset.changed",
                resource, "success", "10.0.0.1", "{}");
    }

    private static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
