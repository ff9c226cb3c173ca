package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Keycloak token -> gateway -> inventory-service (PostgreSQL, rules) -> pillar.findings.raw on Kafka ->
 * findings-service: a bucket made public becomes a finding with its best practices; made private, the finding is
 * resolved.
 */
class InventoryIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRuleViolatedAtImportBecomesAFindingAndItsFixResolvesIt() {
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        String bucket = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String arn = "arn:aws:s3:::" + bucket;
        given().auth().oauth2(Keycloak.integration()).contentType("application/json").body(bucketItem(bucket, true))
                .when().post(gateway + "/api/v1/assets/imports")
                .then().statusCode(200).body("format", is("aws-config")).body("created", is(1));

        String auditor = Keycloak.demoUser("auditor");
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .auth().oauth2(auditor).queryParam("asset", arn).queryParam("product", "pillar-inventory")
                .when().get(gateway + "/api/v1/findings")
                .then().statusCode(200)
                .body("items.rule", hasItem("s3-bucket-public"))
                .body("items.find { it.rule == 's3-bucket-public' }.status", is("new"))
                .body("items.find { it.rule == 's3-bucket-public' }.best_practices", hasItem("SEC03-BP07")));

        given().auth().oauth2(Keycloak.integration()).contentType("application/json").body(bucketItem(bucket, false))
                .queryParam("format", "aws-config")
                .when().post(gateway + "/api/v1/assets/imports")
                .then().statusCode(200).body("updated", is(1));
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .auth().oauth2(auditor).queryParam("asset", arn).queryParam("product", "pillar-inventory")
                .when().get(gateway + "/api/v1/findings")
                .then().statusCode(200)
                .body("items.find { it.rule == 's3-bucket-public' }.status", is("resolved")));

        given().auth().oauth2(Keycloak.demoUser("viewer")).when().get(gateway + "/api/v1/rules")
                .then().statusCode(200).body("rules.id", hasItem("s3-bucket-public"));
    }

    @Test
    void findingsAreResolvedToInventoryAssetsAndRankedByRisk() {
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String exposed = "arn:aws:s3:::risk-" + run;
        String unknown = "urn:e2e:host:" + run;
        given().auth().oauth2(Keycloak.integration()).contentType("application/json").queryParam("format", "pillar")
                .body("""
                        {"type": "bucket", "natural_id": "%s", "owner_team": "platform", "criticality": "critical",
                         "data_classification": "restricted", "attributes": {"publicly_accessible": true}}"""
                        .formatted(exposed))
                .when().post(gateway + "/api/v1/assets/imports").then().statusCode(200).body("created", is(1));
        given().auth().oauth2(Keycloak.integration()).contentType("application/json")
                .body("""
                        [{"title": "public restricted data", "severity": "critical", "product": "e2e-%1$s",
                          "rule": "r1", "resources": [{"uid": "%2$s"}]},
                         {"title": "agent outdated", "severity": "critical", "product": "e2e-%1$s", "rule": "r2",
                          "resources": [{"uid": "%3$s"}]}]""".formatted(run, exposed, unknown))
                .when().post(gateway + "/api/v1/findings/imports").then().statusCode(201);

        String auditor = Keycloak.demoUser("auditor");
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .auth().oauth2(auditor).queryParam("product", "e2e-" + run).queryParam("sort", "risk")
                .when().get(gateway + "/api/v1/findings")
                .then().statusCode(200)
                .body("items.title", contains("public restricted data", "agent outdated"))
                .body("items[0].risk_score", is(100))
                .body("items[0].risk_factors.internet_exposed", is(true))
                .body("items[1].risk_score", is(30))
                .body("items[0].asset_ids.size()", is(1)));
        given().auth().oauth2(auditor).queryParam("q", unknown).when().get(gateway + "/api/v1/assets").then()
                .statusCode(200).body("items[0].type", is("unclassified"))
                .body("items[0].changed_by", is("service-account-findings-service"));
    }

    @Test
    void aTeamSubscribedToAnAssetTagGetsTheFindingsOfThoseAssetsOnItsTopic() throws Exception {
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String host = "urn:e2e:tagged:" + run;
        given().auth().oauth2(Keycloak.demoUser("analyst")).contentType("application/json")
                .body(java.util.Map.of("team", "platform", "asset_tag", java.util.Map.of("e2e-run", run)))
                .when().post(gateway + "/api/v1/subscriptions").then().statusCode(201)
                .body("asset_tag.e2e-run", is(run));
        given().auth().oauth2(Keycloak.integration()).contentType("application/json").queryParam("format", "pillar")
                .body("{\"type\": \"instance\", \"natural_id\": \"" + host + "\", \"tags\": {\"e2e-run\": \""
                        + run + "\"}}")
                .when().post(gateway + "/api/v1/assets/imports").then().statusCode(200);
        String findingId;
        // read as the team's consumers do: with the client ./pillar up wrote for team platform
        var teamClient = new java.util.HashMap<>(
                io.pillar.stack.KafkaClients.team(PlatformUnderTest.layout(), "platform"));
        teamClient.put("group.id", "pillar-team-platform.e2e-" + run);
        teamClient.put("auto.offset.reset", "latest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(teamClient,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(java.util.List.of("pillar.team.platform.findings"));
            consumer.poll(Duration.ofSeconds(2));
            findingId = given().auth().oauth2(Keycloak.integration()).contentType("application/json")
                    .queryParam("team", "platform")
                    .body("[{\"title\": \"tagged\", \"severity\": \"low\", \"product\": \"e2e-tag-" + run
                            + "\", \"rule\": \"r\", \"resources\": [{\"uid\": \"" + host + "\"}]}]")
                    .when().post(gateway + "/api/v1/findings/imports").then().statusCode(201)
                    .extract().path("id");
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean arrived = false;
            while (!arrived && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    arrived |= r.value().contains("e2e-tag-" + run);
                }
            }
            org.junit.jupiter.api.Assertions.assertTrue(arrived, "the finding reached the team topic (import "
                    + findingId + ")");
        }
    }

    private static String bucketItem(String name, boolean publicRead) {
        String acl = publicRead
                ? "{\\\"grantList\\\":[{\\\"grantee\\\":\\\"AllUsers\\\",\\\"permission\\\":\\\"Read\\\"}]}"
                : "{\\\"grantList\\\":[]}";
        return """
                {"configurationItems": [{"configurationItemStatus": "OK", "resourceType": "AWS::S3::Bucket",
                 "resourceId": "%1$s", "resourceName": "%1$s", "ARN": "arn:aws:s3:::%1$s",
                 "awsAccountId": "111122223333", "awsRegion": "eu-west-1",
                 "tags": {"owner": "data", "data-classification": "internal"},
                 "configuration": {"name": "%1$s"},
                 "supplementaryConfiguration": {"AccessControlList": "%2$s"}}]}""".formatted(name, acl);
    }
}
