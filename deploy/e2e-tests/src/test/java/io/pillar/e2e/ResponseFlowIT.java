package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Through the gateway of the running stack: a finding on an internet-facing instance fires a team's trigger, which
 * opens an incident and runs a playbook that quarantines the instance in the inventory (over gRPC, with the
 * response-service's own token). Another team sees none of it.
 */
class ResponseFlowIT {

    /** A small valid CACAO 2.0 playbook whose one action waits on a person. */
    static String manualPlaybook(String name) {
        return """
                {"type": "playbook", "spec_version": "cacao-2.0", "id": "playbook--%s", "name": "%s",
                 "created_by": "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                 "created": "2026-12-02T08:00:00.000Z", "modified": "2026-12-02T08:00:00.000Z",
                 "workflow_start": "start--30000000-0000-4000-8000-000000000001",
                 "workflow": {
                   "start--30000000-0000-4000-8000-000000000001": {"type": "start",
                     "on_completion": "action--30000000-0000-4000-8000-00000000000a"},
                   "action--30000000-0000-4000-8000-00000000000a": {"type": "action", "name": "Look",
                     "commands": [{"type": "manual", "command": "Look at the finding"}],
                     "agent": "individual--30000000-0000-4000-8000-0000000000a1",
                     "on_completion": "end--30000000-0000-4000-8000-0000000000ff"},
                   "end--30000000-0000-4000-8000-0000000000ff": {"type": "end"}},
                 "agent_definitions": {"individual--30000000-0000-4000-8000-0000000000a1":
                   {"type": "individual", "name": "On call"}}}""".formatted(UUID.randomUUID(), name);
    }

    /** Quarantines the finding's asset and tells the on-call address. */
    static String quarantinePlaybook(String name) {
        return """
                {"type": "playbook", "spec_version": "cacao-2.0", "id": "playbook--%s", "name": "%s",
                 "created_by": "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                 "created": "2026-12-02T08:00:00.000Z", "modified": "2026-12-02T08:00:00.000Z",
                 "workflow_start": "start--40000000-0000-4000-8000-000000000001",
                 "workflow": {
                   "start--40000000-0000-4000-8000-000000000001": {"type": "start",
                     "on_completion": "action--40000000-0000-4000-8000-00000000000a"},
                   "action--40000000-0000-4000-8000-00000000000a": {"type": "action", "name": "Quarantine",
                     "commands": [{"type": "x-pillar", "command": "quarantine-asset",
                       "arguments": {"asset": "__asset_id__", "reason": "finding __finding_id__"}},
                       {"type": "x-pillar", "command": "notify",
                       "arguments": {"to": "individual--40000000-0000-4000-8000-0000000000a1",
                                     "message": "quarantined __asset_id__"}}],
                     "agent": "individual--40000000-0000-4000-8000-0000000000a1",
                     "on_completion": "end--40000000-0000-4000-8000-0000000000ff"},
                   "end--40000000-0000-4000-8000-0000000000ff": {"type": "end"}},
                 "agent_definitions": {"individual--40000000-0000-4000-8000-0000000000a1":
                   {"type": "individual", "name": "On call", "contact": {"email": {"work": "oncall@example.org"}}}}}"""
                .formatted(UUID.randomUUID(), name);
    }

    @Test
    void aFindingOnAnExposedInstanceIsContainedByTheTeamsPlaybook() {
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        String analyst = Keycloak.demoUser("analyst");
        String marker = "flow-" + UUID.randomUUID();
        String arn = "arn:aws:ec2:eu-west-1:123456789012:instance/i-" + marker;
        given().auth().oauth2(analyst).contentType("application/json").queryParam("format", "pillar")
                .body(Map.of("assets", List.of(Map.of("type", "instance", "natural_id", arn, "provider", "aws",
                        "name", marker, "owner_team", "platform"))))
                .when().post(gateway + "/api/v1/assets/imports").then().statusCode(200);
        String asset = given().auth().oauth2(analyst).queryParam("q", marker).when().get(gateway + "/api/v1/assets")
                .then().statusCode(200).extract().path("items[0].id");

        // the shipped, shared playbook: evidence, quarantine, the finding in progress, the responders told
        String playbook = given().auth().oauth2(analyst).queryParam("limit", 500).when()
                .get(gateway + "/api/v1/playbooks").then().statusCode(200)
                .extract().path("items.find { it.name == 'Compromised instance' && it.team == null }.id");
        given().auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("name", marker, "team", "platform", "open_incident", true, "playbook_id", playbook,
                        "inputs", Map.of("__notify__", "oncall@example.org"),
                        "filter", Map.of("min_severity_id", 4, "products", List.of(marker))))
                .when().post(gateway + "/api/v1/triggers").then().statusCode(201);

        given().auth().oauth2(analyst).contentType("application/json").queryParam("format", "pillar")
                .queryParam("team", "platform")
                .body(Map.of("findings", List.of(Map.of("title", "Instance talks to a mining pool", "severity",
                        "critical", "product", marker, "rule", "CryptoCurrency:EC2/BitcoinTool.B",
                        "resources", List.of(Map.of("uid", arn, "type", "AwsEc2Instance"))))))
                .when().post(gateway + "/api/v1/findings/imports").then().statusCode(201);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> given()
                .auth().oauth2(analyst).when().get(gateway + "/api/v1/assets/" + asset).then().statusCode(200)
                .body("quarantine.quarantined", is(true)));
        String run = given().auth().oauth2(analyst).queryParam("limit", 500).when().get(gateway + "/api/v1/runs")
                .then().statusCode(200).extract().path("items.find { it.playbook_id == '" + playbook
                        + "' && it.inputs.__asset_id__ == '" + asset + "' }.id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .auth().oauth2(analyst).when().get(gateway + "/api/v1/runs/" + run).then().statusCode(200)
                .body("status", is("completed"))
                .body("variables.__quarantined_asset__", is(asset))
                .body("variables.__notified__", is("oncall@example.org")));
        String evidence = given().auth().oauth2(analyst).when().get(gateway + "/api/v1/runs/" + run).then()
                .extract().path("variables.__evidence_id__");
        given().auth().oauth2(analyst).when().get(gateway + "/api/v1/evidence/" + evidence).then().statusCode(200)
                .body("intact", is(true)).body("subject_id", is(asset))
                .body("content.configuration.document.name", is(marker))
                .body("content.findings[0].product", is(marker))
                .body("custody.action", org.hamcrest.Matchers.contains("captured", "read"));
        given().auth().oauth2(analyst).queryParam("product", marker).when().get(gateway + "/api/v1/findings").then()
                .statusCode(200).body("items[0].status", is("in_progress"));
        String incident = given().auth().oauth2(analyst).when().get(gateway + "/api/v1/runs/" + run).then()
                .extract().path("incident_id");
        given().auth().oauth2(analyst).when().get(gateway + "/api/v1/incidents/" + incident).then().statusCode(200)
                .body("team", is("platform")).body("asset_ids", hasItem(asset))
                .body("timeline.kind", hasItem("run.completed"));

        // a game day of the same playbook on the same asset: nothing carried out, nothing would fail (the service
        // holds every role it needs, the asset and finding are the team's)
        String finding = given().auth().oauth2(analyst).queryParam("product", marker).when()
                .get(gateway + "/api/v1/findings").then().extract().path("items[0].id");
        String drill = given().auth().oauth2(Keycloak.demoUser("responder")).contentType("application/json")
                .body(Map.of("simulation", true, "inputs", Map.of("__asset_id__", asset, "__finding_id__", finding,
                        "__notify__", "oncall@example.org")))
                .when().post(gateway + "/api/v1/playbooks/" + playbook + "/runs").then().statusCode(201)
                .extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .auth().oauth2(analyst).when().get(gateway + "/api/v1/runs/" + drill + "/report").then()
                .statusCode(200).body("status", is("completed")).body("totals.steps", is(4))
                .body("totals.would_fail", is(0)));

        String payments = Keycloak.demoUser("analyst-payments");
        given().auth().oauth2(payments).when().get(gateway + "/api/v1/runs/" + run).then().statusCode(404);
        given().auth().oauth2(payments).when().get(gateway + "/api/v1/incidents/" + incident).then().statusCode(404);
        given().auth().oauth2(payments).when().get(gateway + "/api/v1/evidence/" + evidence).then().statusCode(404);
    }

    @Test
    void anotherTeamsAssetIsNeverQuarantinedByThisTeamsRun() {
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        String analyst = Keycloak.demoUser("analyst");
        String marker = "theirs-" + UUID.randomUUID();
        given().auth().oauth2(Keycloak.integration()).contentType("application/json").queryParam("format", "pillar")
                .body(Map.of("assets", List.of(Map.of("type", "instance", "natural_id", "arn:aws:ec2:eu-west-1:"
                        + "123456789012:instance/i-" + marker, "provider", "aws", "name", marker,
                        "owner_team", "payments"))))
                .when().post(gateway + "/api/v1/assets/imports").then().statusCode(200);
        String theirs = given().auth().oauth2(Keycloak.integration()).queryParam("q", marker).when()
                .get(gateway + "/api/v1/assets").then().statusCode(200).extract().path("items[0].id");
        String playbook = given().auth().oauth2(analyst).contentType("application/json")
                .body(quarantinePlaybook(marker)).queryParam("team", "platform")
                .when().post(gateway + "/api/v1/playbooks").then().statusCode(201).extract().path("playbook.id");
        String run = given().auth().oauth2(Keycloak.demoUser("responder")).contentType("application/json")
                .body(Map.of("inputs", Map.of("__asset_id__", theirs, "__finding_id__", "none")))
                .when().post(gateway + "/api/v1/playbooks/" + playbook + "/runs").then().statusCode(201)
                .extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .auth().oauth2(analyst).when().get(gateway + "/api/v1/runs/" + run).then().statusCode(200)
                .body("status", is("failed")));
        given().auth().oauth2(Keycloak.integration()).when().get(gateway + "/api/v1/assets/" + theirs).then()
                .statusCode(200).body("quarantine.quarantined", is(false));
        // and a game day says so before anyone runs it for real
        String drill = given().auth().oauth2(Keycloak.demoUser("responder")).contentType("application/json")
                .body(Map.of("simulation", true, "inputs", Map.of("__asset_id__", theirs, "__finding_id__", "none")))
                .when().post(gateway + "/api/v1/playbooks/" + playbook + "/runs").then().statusCode(201)
                .extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .auth().oauth2(analyst).when().get(gateway + "/api/v1/runs/" + drill + "/report").then()
                .statusCode(200).body("status", is("completed"))
                .body("steps[0].would_fail", org.hamcrest.Matchers.containsString("no asset " + theirs)));
    }
}
