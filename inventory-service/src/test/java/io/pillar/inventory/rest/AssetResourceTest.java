package io.pillar.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.pillar.inventory.Asset;
import io.pillar.inventory.repository.AssetRepository;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetResourceTest {
    private static final String PATH = "/api/v1/assets";

    @Inject
    AssetRepository assets;

    @BeforeAll
    void seed() {
        Instant base = Instant.parse("2026-11-01T10:00:00Z");
        QuarkusTransaction.requiringNew().run(() -> {
            assets.persist(asset("database", "arn:aws:rds:eu-west-1:111122223333:db:logs", base));
            assets.persist(asset("instance", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1", base.plusSeconds(60)));
            assets.persist(
                    asset("database", "arn:aws:rds:eu-west-1:111122223333:db:data", base.plus(1, ChronoUnit.HOURS)));
        });
    }

    @Test
    void withoutOrWithABadTokenIsUnauthorized() {
        given().when().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.foreignToken("mallory", Set.of("admin"))).when().get(PATH).then()
                .statusCode(401);
    }

    @Test
    void aTokenWithoutAPillarRoleIsForbidden() {
        given().auth().oauth2(TestTokens.token("nobody", Set.of("uma_authorization"), Set.of())).when().get(PATH)
                .then().statusCode(403);
    }

    @Test
    void anIntegrationReadsAssetsPageByPageFilteredByType() {
        String token = TestTokens.token("svc-integration", Set.of("integration"), Set.of());
        String next = given().auth().oauth2(token).queryParam("type", "database").queryParam("limit", 1)
                .when().get(PATH)
                .then().statusCode(200)
                .body("items.natural_id", contains("arn:aws:rds:eu-west-1:111122223333:db:data"))
                .body("next_cursor", notNullValue())
                .extract().path("next_cursor");
        given().auth().oauth2(token).queryParam("type", "database").queryParam("cursor", next)
                .when().get(PATH)
                .then().statusCode(200)
                .body("items.natural_id", contains("arn:aws:rds:eu-west-1:111122223333:db:logs"))
                .body("next_cursor", nullValue());
    }

    @Test
    void healthIsPublic() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    private static Asset asset(String type, String naturalId, Instant at) {
        Asset a = new Asset();
        a.id = UUID.randomUUID();
        a.type = type;
        a.naturalId = naturalId;
        a.provider = "aws";
        a.version = 1;
        a.createdAt = at;
        a.updatedAt = at;
        return a;
    }
}
