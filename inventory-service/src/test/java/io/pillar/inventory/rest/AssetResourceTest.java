package io.pillar.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.pillar.inventory.RulesDirResource;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RulesDirResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetResourceTest {
    private static final String PATH = "/api/v1/assets";
    private final String account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
    private final String integration = TestTokens.token("svc-integration", Set.of("integration"), Set.of());

    private boolean seeded;

    /** Once, before the first test (RestAssured knows the port only once a test runs). */
    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        String assets = """
                {"assets": [
                 {"type": "database", "natural_id": "%1$s/db/logs", "name": "logs", "account": "%1$s",
                  "owner_team": "ops", "data_classification": "internal"},
                 {"type": "instance", "natural_id": "%1$s/i-1", "name": "web-1", "account": "%1$s",
                  "owner_team": "web", "identifiers": ["web-1.%1$s.example.com"],
                  "attributes": {"public_ip": "192.0.2.1"}},
                 {"type": "database", "natural_id": "%1$s/db/data", "name": "ledger", "account": "%1$s",
                  "owner_team": "payments", "data_classification": "restricted",
                  "attributes": {"publicly_accessible": true}}
                ]}""".formatted(account);
        given().auth().oauth2(integration).contentType("application/json").body(assets)
                .queryParam("format", "pillar").when().post(PATH + "/imports").then().statusCode(200)
                .body("created", is(3));
    }

    @Test
    void withoutOrWithABadTokenIsUnauthorized() {
        given().when().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.foreignToken("mallory", Set.of("admin"))).when().get(PATH).then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.tamperedToken("mallory", Set.of("admin"))).when().get(PATH).then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.tokenForAudience("findings-service", "mallory", Set.of("admin"), Set.of()))
                .when().get(PATH).then().statusCode(401);
    }

    @Test
    void aTokenWithoutAPillarRoleIsForbidden() {
        given().auth().oauth2(TestTokens.token("nobody", Set.of("uma_authorization"), Set.of())).when().get(PATH)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void assetsArePagedAndFilteredByTypeAccountOwnerClassificationExposureAndText() {
        var first = given().auth().oauth2(integration).queryParam("account", account)
                .queryParam("type", "database").queryParam("limit", 1).when().get(PATH)
                .then().statusCode(200).body("items.size()", is(1)).body("next_cursor", notNullValue()).extract();
        String next = first.path("next_cursor");
        String second = given().auth().oauth2(integration).queryParam("account", account)
                .queryParam("type", "database").queryParam("cursor", next).when().get(PATH)
                .then().statusCode(200).body("items.size()", is(1)).body("next_cursor", nullValue())
                .extract().path("items[0].natural_id");
        assertEquals(Set.of(account + "/db/data", account + "/db/logs"),
                Set.of(first.<String>path("items[0].natural_id"), second));
        given().auth().oauth2(integration).queryParam("account", account).queryParam("owner_team", "web")
                .when().get(PATH).then().body("items.name", contains("web-1"));
        given().auth().oauth2(integration).queryParam("account", account).queryParam("classification", "restricted")
                .when().get(PATH).then().body("items.name", contains("ledger"));
        given().auth().oauth2(integration).queryParam("account", account).queryParam("exposure", "internet")
                .when().get(PATH).then().body("items.name", containsInAnyOrder("ledger", "web-1"));
        given().auth().oauth2(integration).queryParam("q", "WEB-1." + account).when().get(PATH).then()
                .body("items.name", contains("web-1"));
        given().auth().oauth2(integration).queryParam("exposure", "sometimes").when().get(PATH).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(integration).queryParam("limit", 0).when().get(PATH).then().statusCode(400);
        given().auth().oauth2(integration).when().get(PATH + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void healthIsPublic() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }
}
