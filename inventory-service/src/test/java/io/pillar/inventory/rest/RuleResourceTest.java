package io.pillar.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pillar.inventory.RulesDirResource;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Rules are files: a new file takes effect without code; a broken one is refused and the previous set stays. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RulesDirResource.class)
class RuleResourceTest {
    private final String admin = TestTokens.token("root", Set.of("admin"), Set.of());
    private final String analyst = TestTokens.token("alice", Set.of("analyst"), Set.of());

    @Test
    void aRuleAddedAsAFileIsInForceAndABrokenOneIsRefusedWithFileAndLine() throws Exception {
        Path dir = Path.of(System.getProperty(RulesDirResource.PROPERTY));
        int before = given().auth().oauth2(analyst).when().get("/api/v1/rules").then().statusCode(200)
                .body("errors.size()", is(0)).extract().path("rules.size()");
        String id = "bucket-named-temp-" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(analyst).contentType("application/json").queryParam("format", "pillar")
                .body("{\"type\": \"bucket\", \"natural_id\": \"arn:aws:s3:::tmp-" + id + "\", \"name\": \"tmp-"
                        + id + "\"}")
                .when().post(AssetImportTest.IMPORTS).then().statusCode(200);
        String assetId = given().auth().oauth2(analyst).queryParam("q", "tmp-" + id).when().get("/api/v1/assets")
                .then().extract().path("items[0].id");
        Path added = dir.resolve(id + ".yaml");
        Files.writeString(added, """
                id: %s
                title: "Bucket name says temporary"
                severity: low
                resource_types: [bucket]
                best_practices: [SEC07-BP04]
                expression: "!(asset.name != null && asset.name.startsWith('tmp-'))"
                remediation: "Delete temporary buckets or give them a lifecycle rule."
                examples:
                  pass: [{"name": "data"}]
                  fail: [{"name": "tmp-x"}]
                """.formatted(id));
        given().auth().oauth2(admin).when().post("/api/v1/rules/reload").then().statusCode(200)
                .body("rules.size()", is(before + 1)).body("rules.id", hasItem(id)).body("errors.size()", is(0));
        // the asset was imported before the rule existed: the new rule set is evaluated against it
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(analyst)
                .when().get("/api/v1/assets/" + assetId).then().body("violations", hasItem(id)));

        Path broken = dir.resolve("zz-broken.yaml");
        Files.writeString(broken, """
                id: zz-broken
                title: "broken"
                severity: low
                resource_types: [bucket]
                best_practices: [SEC07-BP04]
                expression: "asset.name.startsWith("
                remediation: "x"
                examples:
                  pass: [{"name": "a"}]
                  fail: [{"name": "b"}]
                """);
        Files.delete(added);
        given().auth().oauth2(admin).when().post("/api/v1/rules/reload").then().statusCode(200)
                .body("rules.size()", is(before + 1)).body("rules.id", hasItem(id))
                .body("errors[0].file", is("zz-broken.yaml")).body("errors[0].line", is(6))
                .body("errors[0].reason", containsString("expression does not compile"));
        given().auth().oauth2(analyst).when().post("/api/v1/rules/reload").then().statusCode(403);

        Files.delete(broken);
        given().auth().oauth2(admin).when().post("/api/v1/rules/reload").then().statusCode(200)
                .body("rules.size()", is(before)).body("rules.id", not(hasItem(id))).body("errors.size()", is(0));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(analyst)
                .when().get("/api/v1/assets/" + assetId).then().body("violations", not(hasItem(id))));
    }
}
