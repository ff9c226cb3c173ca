package io.pillar.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.contracts.Topic;
import io.pillar.inventory.AssetImportJob;
import io.pillar.inventory.KafkaTopics;
import io.pillar.inventory.RulesDirResource;
import io.pillar.platform.jobs.RunningJobs;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Imports over REST against the real PostgreSQL and Kafka: versions, exposure, rules and their findings. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RulesDirResource.class)
class AssetImportTest {
    static final String IMPORTS = "/api/v1/assets/imports";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectKafka
    String bootstrap;
    @Inject
    RunningJobs runningJobs;

    private final String analyst = TestTokens.token("alice", Set.of("analyst"), Set.of("platform"));

    @Test
    void aConfigSnapshotIsImportedOnceWithTagMappingExposureAndRuleFindings() throws Exception {
        byte[] snapshot = fixture("aws-config/snapshot.json");
        importReport(snapshot, null).statusCode(200)
                .body("status", is("completed")).body("format", is("aws-config"))
                .body("received", is(3)).body("rejected", is(0));
        importReport(snapshot, "aws-config").statusCode(200)
                .body("received", is(3)).body("created", is(0)).body("updated", is(0)).body("unchanged", is(3));

        JsonNode bucket = onlyAsset("q=acme-exports&type=bucket");
        assertEquals("data-platform", bucket.get("owner_team").asText(), "from the Owner tag, normalized");
        assertEquals("restricted", bucket.get("data_classification").asText());
        assertEquals("prod", bucket.get("environment").asText());
        assertTrue(bucket.get("internet_exposed").asBoolean());

        JsonNode instance = onlyAsset("q=i-0a0000000000000a1");
        assertTrue(instance.get("internet_exposed").asBoolean(), instance.toString());
        assertThat(instance.get("exposure_reasons").get(0).asText(), "sg-0a1b2c3d4e5f60001");

        JsonNode detail = get("/api/v1/assets/" + bucket.get("id").asText()).statusCode(200)
                .body("configuration.supplementary_configuration.BucketVersioningConfiguration.status", is("Enabled"))
                .extract().as(JsonNode.class);
        List<String> violations = JSON.convertValue(detail.get("violations"), List.class);
        assertTrue(violations.containsAll(List.of("s3-bucket-public", "s3-bucket-tls-only",
                "restricted-data-internet-exposed", "s3-bucket-access-logging")), violations.toString());
        assertTrue(!violations.contains("s3-bucket-encryption"), violations.toString());

        List<ConsumerRecord<String, String>> findings = KafkaTopics.read(bootstrap, Topic.FINDINGS_RAW.topicName(),
                r -> "arn:aws:s3:::acme-exports".equals(r.key()), violations.size(), WAIT);
        assertEquals(violations.size(), findings.size(), "one finding per violated rule, published once");
        JsonNode finding = JSON.readTree(findings.stream().filter(r -> r.value().contains("\"s3-bucket-public\""))
                .findFirst().orElseThrow().value());
        assertEquals("io.pillar.finding.reported", finding.get("type").asText());
        assertEquals("pillar", KafkaTopics.header(findings.get(0), "pillar-format"));
        assertEquals("data-platform", KafkaTopics.header(findings.get(0), "pillar-team"),
                "the finding is the owning team's");
        JsonNode data = finding.get("data");
        assertEquals("critical", data.get("severity").asText());
        assertEquals("pillar-inventory", data.get("product").asText());
        assertEquals("arn:aws:s3:::acme-exports", data.get("resources").get(0).get("uid").asText());
        assertTrue(data.get("best_practices").toString().contains("SEC03-BP07"));
        assertEquals(false, data.get("resolved").asBoolean());

        List<ConsumerRecord<String, String>> events = KafkaTopics.read(bootstrap,
                Topic.INVENTORY_EVENTS.topicName(), r -> bucket.get("id").asText().equals(r.key()), 1, WAIT);
        assertEquals("io.pillar.asset.created", JSON.readTree(events.get(0).value()).get("type").asText());
    }

    @Test
    void aChangeIsANewVersionWithItsPatchAndTheFixResolvesTheFinding() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String group = "sg-" + suffix;
        String instance = "i-" + suffix;
        Instant beforeImport = Instant.now();
        importReport(configItems(securityGroup(group, 22), instanceItem(instance, group)), "aws-config")
                .statusCode(200).body("created", is(2));
        JsonNode sg = onlyAsset("q=" + group + "&type=security_group");
        JsonNode vm = onlyAsset("q=" + instance);
        assertTrue(vm.get("internet_exposed").asBoolean(), "public IP behind a group open to the internet");
        awaitFinding(arn(group), "security-group-admin-ports-open", false);
        Instant betweenVersions = Instant.now();
        Thread.sleep(5);

        importReport(configItems(securityGroup(group, null)), "aws-config").statusCode(200).body("updated", is(1));
        String sgId = sg.get("id").asText();
        get("/api/v1/assets/" + sgId).statusCode(200).body("version", is(2))
                .body("attributes.open_to_internet", is(false))
                .body("violations", not(hasItem("security-group-admin-ports-open")));
        get("/api/v1/assets/" + vm.get("id").asText()).statusCode(200).body("internet_exposed", is(false))
                .body("version", is(2)).body("changed_by", is("pillar:exposure"));
        awaitFinding(arn(group), "security-group-admin-ports-open", true);

        get("/api/v1/assets/" + sgId + "/history").statusCode(200)
                .body("items.version", is(List.of(2, 1)))
                .body("items[0].changed_by", is("alice")).body("items[0].source", is("api"))
                .body("items[0].patch.path", hasItem(containsString("/attributes/ingress")))
                .body("items[1].patch[0].op", is("add"));
        get("/api/v1/assets/" + sgId + "?at=" + betweenVersions).statusCode(200)
                .body("version", is(1)).body("attributes.open_to_internet", is(true));
        get("/api/v1/assets/" + sgId + "?at=" + beforeImport.minusSeconds(60)).statusCode(404)
                .contentType("application/problem+json");
        get("/api/v1/assets/" + sgId + "/diff?from=1&to=2").statusCode(200)
                .body("patch.op", hasItem("replace")).body("patch.path", hasItem("/attributes/open_to_internet"));
        get("/api/v1/assets/" + sgId + "/diff?from=1&to=9").statusCode(404);

        importReport(configItems(deletedInstance(instance)), "aws-config").statusCode(200).body("updated", is(1));
        get("/api/v1/assets/" + vm.get("id").asText()).statusCode(200).body("status", is("deleted"))
                .body("violations", is(List.of()));
        given().auth().oauth2(analyst).queryParam("q", instance).when().get("/api/v1/assets").then()
                .body("items", is(List.of()));
        given().auth().oauth2(analyst).queryParam("q", instance).queryParam("status", "deleted")
                .when().get("/api/v1/assets").then().body("items.status", everyItem(is("deleted")));
    }

    @Test
    void valuesSetByHandOutliveImportsAndAreAudited() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String natural = "arn:aws:s3:::hand-" + suffix;
        String pillar = """
                {"assets": [{"type": "bucket", "natural_id": "%s", "tags": {"owner": "platform"},
                 "attributes": {"publicly_accessible": false}}]}""".formatted(natural);
        importReport(pillar.getBytes(), "pillar").statusCode(200).body("created", is(1));
        JsonNode asset = onlyAsset("q=hand-" + suffix);
        assertEquals("platform", asset.get("owner_team").asText());
        String path = "/api/v1/assets/" + asset.get("id").asText();

        given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"owner_team\": \"payments\", \"data_classification\": \"confidential\"}")
                .when().patch(path).then().statusCode(200)
                .body("owner_team", is("payments")).body("data_classification", is("confidential"))
                .body("set_by_hand", hasItems("owner_team", "data_classification"))
                .body("violations", not(hasItem("asset-classification-missing")));
        importReport(pillar.getBytes(), "pillar").statusCode(200).body("unchanged", is(1));
        get(path).body("owner_team", is("payments"));

        given().auth().oauth2(analyst).contentType("application/json").body("{\"data_classification\": \"secret\"}")
                .when().patch(path).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("data_classification must be one of"));
        given().auth().oauth2(analyst).contentType("application/json").body("{\"name\": \"x\"}")
                .when().patch(path).then().statusCode(400).body("detail", containsString("name cannot be set"));
        given().auth().oauth2(TestTokens.token("v", Set.of("viewer"), Set.of())).contentType("application/json")
                .body("{\"owner_team\": \"x\"}").when().patch(path).then().statusCode(403);
        // the asset is payments' now: platform's analyst no longer changes it, payments' does
        given().auth().oauth2(analyst).contentType("application/json").body("{\"criticality\": \"high\"}")
                .when().patch(path).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("paula", Set.of("analyst"), Set.of("payments")))
                .contentType("application/json").body("{\"criticality\": \"high\"}")
                .when().patch(path).then().statusCode(200).body("criticality", is("high"));

        List<ConsumerRecord<String, String>> audit = KafkaTopics.read(bootstrap, Topic.AUDIT.topicName(),
                r -> ("asset/" + asset.get("id").asText()).equals(r.key()), 1, WAIT);
        JsonNode data = JSON.readTree(audit.get(0).value()).get("data");
        assertEquals("alice", data.get("actor").asText());
        assertEquals("pillar-cli", data.get("client").asText());
        assertEquals("asset.updated", data.get("action").asText());
        assertEquals("payments", data.get("after").get("owner_team").asText());
        assertEquals("platform", data.get("before").get("owner_team").asText());
    }

    @Test
    void badReportsAndItemsSayWhatIsWrong() throws Exception {
        importReport(fixture("aws-config/list-with-invalid.json"), "aws-config").statusCode(200)
                .body("received", is(4)).body("rejected", is(2))
                .body("errors.index", is(List.of(1, 2)))
                .body("errors[0].reason", containsString("resourceType"));
        importReport("{\"assets\": [\n{\"type\": ".getBytes(), "pillar").statusCode(400)
                .contentType("application/problem+json").body("line", is(2))
                .body("detail", containsString("not valid JSON"));
        importReport("{\"what\": 1}".getBytes(), null).statusCode(415)
                .body("supported_formats", is(List.of("aws-config", "ec2-describe", "pillar")));
        importReport("{}".getBytes(), "nmap").statusCode(415).body("detail", containsString("unknown format"));
        given().auth().oauth2(TestTokens.token("v", Set.of("viewer"), Set.of())).body("{}")
                .when().post(IMPORTS).then().statusCode(403);
    }

    @Test
    void importsAreJobsListedToTheirTeamAndRequesterOnly() throws IOException {
        String scope = "aws:111122223333:eu-west-1:" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth().oauth2(analyst).contentType("application/json")
                .body(fixture("aws-config/snapshot.json")).queryParam("scope", scope)
                .when().post(IMPORTS).then().statusCode(200)
                .header("Location", containsString(IMPORTS + "/"))
                .body("status", is("completed")).body("scope", is(scope)).body("team", is("platform"))
                .body("requested_by", is("alice")).body("received", is(3))
                .extract().path("id");
        given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"assets\": [{\"type\": ").queryParam("format", "pillar").queryParam("scope", scope)
                .when().post(IMPORTS).then().statusCode(400);

        given().auth().oauth2(analyst).queryParam("scope", scope).when().get(IMPORTS).then().statusCode(200)
                .body("items.size()", is(2)).body("items[1].id", is(id))
                .body("items[0].status", is("failed"))
                .body("items[0].failure", containsString("not valid JSON"))
                .body("items[0].failure", containsString("nothing of this import was kept"));
        given().auth().oauth2(analyst).queryParam("scope", scope).queryParam("status", "completed")
                .queryParam("limit", 1).when().get(IMPORTS).then().statusCode(200)
                .body("items.id", is(List.of(id))).body("next_cursor", is((Object) null));
        given().auth().oauth2(analyst).when().get(IMPORTS + "/" + id).then().statusCode(200)
                .body("errors", is(List.of()));
        given().auth().oauth2(TestTokens.token("auditor", Set.of("auditor"), Set.of()))
                .queryParam("scope", scope).when().get(IMPORTS).then().statusCode(200).body("items.size()", is(2));

        // another team's analyst: neither listed nor readable by id
        String other = TestTokens.token("mallory", Set.of("analyst"), Set.of("payments"));
        given().auth().oauth2(other).queryParam("scope", scope).when().get(IMPORTS).then().statusCode(200)
                .body("items.size()", is(0));
        given().auth().oauth2(other).when().get(IMPORTS + "/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).contentType("application/json").body("{\"assets\": []}")
                .queryParam("format", "pillar").queryParam("team", "platform").when().post(IMPORTS).then()
                .statusCode(403);
        given().auth().oauth2(analyst).queryParam("status", "stuck").when().get(IMPORTS).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("status"));
        given().auth().oauth2(analyst).contentType("application/json").body("{\"assets\": []}")
                .queryParam("scope", "no spaces").when().post(IMPORTS).then().statusCode(400)
                .body("detail", containsString("scope"));
    }

    @Test
    void anImportLeftRunningByAStoppedInstanceIsClosedAsFailed() {
        UUID left = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            AssetImportJob job = new AssetImportJob();
            job.id = left;
            job.format = "aws-config";
            job.team = "platform";
            job.status = AssetImportJob.RUNNING;
            job.requestedBy = "alice";
            job.startedAt = Instant.now().minusSeconds(300);
            job.instance = "inventory-gone:8081";
            job.heartbeatAt = job.startedAt;
            job.persist();
        });
        runningJobs.beat();
        given().auth().oauth2(analyst).when().get(IMPORTS + "/" + left).then().statusCode(200)
                .body("status", is("failed")).body("failure", containsString("inventory-gone:8081"))
                .body("finished_at", not(is((Object) null)));
    }

    @Test
    void describeOutputMergesWithConfigItemsOfTheSameResource() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String subnet = "subnet-" + suffix;
        String describe = """
                {"Subnets": [{"AvailabilityZone": "eu-west-1b", "CidrBlock": "10.9.0.0/24", "MapPublicIpOnLaunch": false,
                  "SubnetId": "%s", "VpcId": "vpc-1", "OwnerId": "111122223333",
                  "SubnetArn": "arn:aws:ec2:eu-west-1:111122223333:subnet/%s"}]}"""
                .formatted(subnet, subnet);
        importReport(describe.getBytes(), null).statusCode(200).body("format", is("ec2-describe"))
                .body("created", is(1));
        String item = """
                {"configurationItemStatus": "OK", "resourceType": "AWS::EC2::Subnet", "resourceId": "%s",
                 "awsAccountId": "111122223333", "awsRegion": "eu-west-1", "tags": {"owner": "net"},
                 "ARN": "arn:aws:ec2:eu-west-1:111122223333:subnet/%s",
                 "configuration": {"subnetId": "%s", "vpcId": "vpc-1", "cidrBlock": "10.9.0.0/24",
                   "mapPublicIpOnLaunch": true, "availabilityZone": "eu-west-1b"}}""".formatted(subnet, subnet,
                subnet);
        importReport(item.getBytes(), "aws-config").statusCode(200).body("created", is(0)).body("updated", is(1));
        JsonNode asset = onlyAsset("q=" + subnet);
        assertEquals("net", asset.get("owner_team").asText());
        assertEquals(2, asset.get("version").asInt());
        assertTrue(asset.get("attributes").get("map_public_ip_on_launch").asBoolean());
    }

    private void awaitFinding(String key, String rule, boolean resolved) throws Exception {
        List<ConsumerRecord<String, String>> found = KafkaTopics.read(bootstrap, Topic.FINDINGS_RAW.topicName(),
                r -> key.equals(r.key()) && r.value().contains("\"rule\":\"" + rule + "\"")
                        && r.value().contains("\"resolved\":" + resolved),
                1, WAIT);
        assertEquals(1, found.size(), "finding " + rule + " resolved=" + resolved + " for " + key);
    }

    static String arn(String group) {
        return "arn:aws:ec2:eu-west-1:111122223333:security-group/" + group;
    }

    static byte[] configItems(String... items) {
        return ("{\"configurationItems\": [" + String.join(",", items) + "]}").getBytes();
    }

    static String securityGroup(String id, Integer openPort) {
        String open = openPort == null
                ? ""
                : ",{\"ipProtocol\": \"tcp\", \"fromPort\": %d, \"toPort\": %d, \"ipv4Ranges\": [{\"cidrIp\": \"0.0.0.0/0\"}]}"
                        .formatted(openPort, openPort);
        return """
                {"configurationItemStatus": "OK", "resourceType": "AWS::EC2::SecurityGroup", "resourceId": "%s",
                 "ARN": "%s", "awsAccountId": "111122223333", "awsRegion": "eu-west-1",
                 "tags": {"owner": "web", "data-classification": "internal"},
                 "configuration": {"groupId": "%s", "groupName": "g-%s", "vpcId": "vpc-1", "ipPermissions": [
                   {"ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "ipv4Ranges": [{"cidrIp": "10.0.0.0/8"}]}%s],
                   "ipPermissionsEgress": []}}""".formatted(id, arn(id), id, id, open);
    }

    static String instanceItem(String id, String group) {
        return """
                {"configurationItemStatus": "OK", "resourceType": "AWS::EC2::Instance", "resourceId": "%s",
                 "ARN": "arn:aws:ec2:eu-west-1:111122223333:instance/%s", "awsAccountId": "111122223333",
                 "awsRegion": "eu-west-1", "tags": {"owner": "web", "data-classification": "internal"},
                 "relationships": [{"resourceType": "AWS::EC2::SecurityGroup", "resourceId": "%s",
                   "relationshipName": "Is associated with SecurityGroup"}],
                 "configuration": {"instanceId": "%s", "publicIpAddress": "198.51.100.7",
                   "metadataOptions": {"httpTokens": "required", "httpEndpoint": "enabled"},
                   "securityGroups": [{"groupId": "%s"}]}}""".formatted(id, id, group, id, group);
    }

    static String deletedInstance(String id) {
        return """
                {"configurationItemStatus": "ResourceDeleted", "resourceType": "AWS::EC2::Instance", "resourceId": "%s",
                 "ARN": "arn:aws:ec2:eu-west-1:111122223333:instance/%s", "awsAccountId": "111122223333",
                 "awsRegion": "eu-west-1", "configuration": null}""".formatted(id, id);
    }

    private JsonNode onlyAsset(String query) {
        JsonNode page = given().auth().oauth2(analyst).when().get("/api/v1/assets?" + query).then().statusCode(200)
                .extract().as(JsonNode.class);
        assertEquals(1, page.get("items").size(), query + ": " + page);
        return page.get("items").get(0);
    }

    private ValidatableResponse get(String path) {
        return given().auth().oauth2(analyst).when().get(path).then();
    }

    private ValidatableResponse importReport(byte[] body, String format) {
        var request = given().auth().oauth2(analyst).contentType("application/json").body(body);
        if (format != null) {
            request.queryParam("format", format);
        }
        return request.when().post(IMPORTS).then();
    }

    private static void assertThat(String text, String part) {
        assertTrue(text.contains(part), text + " should mention " + part);
    }

    static byte[] fixture(String path) throws IOException {
        try (InputStream in = AssetImportTest.class.getClassLoader().getResourceAsStream("inventory/" + path)) {
            return in.readAllBytes();
        }
    }
}
