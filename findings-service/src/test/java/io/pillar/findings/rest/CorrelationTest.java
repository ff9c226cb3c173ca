package io.pillar.findings.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The same vulnerability on the same resource from two tools is one correlation group. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class CorrelationTest {

    @Test
    void twoToolsReportingOneCveOnOneImageAreLinked() {
        String analyst = TestTokens.token("ivan", Set.of("analyst"), Set.of("platform"));
        String image = "registry.example.com/shop@sha256:" + UUID.randomUUID().toString().replace("-", "");
        for (String tool : List.of("trivy-like", "grype-like")) {
            given().auth().oauth2(analyst).contentType("application/json")
                    .body(List.of(Map.of("title", "openssl flaw", "severity", "high", "product", tool, "rule",
                            "CVE-2024-0727", "cve", "cve-2024-0727", "resources", List.of(Map.of("uid", image)))))
                    .queryParam("team", "platform").when().post("/api/v1/findings/imports").then().statusCode(201);
        }
        String key = "CVE-2024-0727@" + image;
        String id = given().auth().oauth2(analyst).queryParam("correlation", key).when().get("/api/v1/findings")
                .then().statusCode(200).body("items.product", containsInAnyOrder("trivy-like", "grype-like"))
                .body("items[0].correlation_key", is(key))
                .extract().path("items[0].id");
        given().auth().oauth2(analyst).when().get("/api/v1/findings/" + id).then().statusCode(200)
                .body("correlated.size()", is(1));
    }
}
