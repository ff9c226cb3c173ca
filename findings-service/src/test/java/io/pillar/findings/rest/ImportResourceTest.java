package io.pillar.findings.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.contracts.Topic;
import io.pillar.findings.ImportJob;
import io.pillar.findings.repository.ImportJobRepository;
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

/** Imports through the REST API into a real PostgreSQL, events out through a real Kafka broker. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class ImportResourceTest {
    private static final String IMPORTS = "/api/v1/findings/imports";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafka
    String bootstrap;
    @Inject
    RunningJobs runningJobs;
    @Inject
    ImportJobRepository jobs;

    private final String analyst = TestTokens.token("alice", Set.of("analyst"), Set.of("platform"));

    @Test
    void aReportIsImportedDeduplicatedResolvedAndReopenedWithItsEvents() throws Exception {
        String scope = "image:shop-api-" + UUID.randomUUID();
        byte[] report = fixture("scans/trivy/many_findings.json");

        JsonNode first = importReport(report, "scope=" + scope + "&team=platform").statusCode(201)
                .body("status", is("completed")).body("format", is("trivy"))
                .body("received", is(5)).body("created", is(5)).body("unchanged", is(0)).body("rejected", is(0))
                .extract().as(JsonNode.class);
        String firstImport = first.get("id").asText();

        given().auth().oauth2(analyst).queryParam("import_id", firstImport).queryParam("limit", 500)
                .when().get("/api/v1/findings")
                .then().statusCode(200)
                .body("items.size()", is(5))
                .body("items.team", everyItem(is("platform")))
                .body("items.scope", everyItem(is(scope)))
                .body("items.title", hasItems("CVE-2023-5363 libcrypto3 3.1.3-r0", "AWS Access Key ID",
                        "DS002 - Image user should not be 'root'"))
                .body("items.find { it.rule == 'CVE-2023-5363' }.vulnerabilities[0].cvss_score", is(7.5f))
                .body("items.find { it.rule == 'CVE-2023-5363' }.best_practices", hasItem("SEC06-BP01"))
                .body("items.find { it.rule == 'aws-access-key-id' }.best_practices", hasItem("SEC02-BP03"));

        importReport(report, "scope=" + scope).statusCode(201)
                .body("received", is(5)).body("created", is(0)).body("unchanged", is(5)).body("resolved", is(0));

        // the same report without the low urllib3 finding: it is resolved, the rest is unchanged
        String fewer = new String(report, StandardCharsets.UTF_8).replace(
                "\"VulnerabilityID\": \"GHSA-v845-jxx5-vc9f\"",
                "\"VulnerabilityID\": \"GHSA-v845-jxx5-vc9f\", \"Ignore\": true");
        JsonNode withoutLow = JSON.readTree(fewer);
        ((com.fasterxml.jackson.databind.node.ArrayNode) withoutLow.get("Results").get(1).get("Vulnerabilities"))
                .remove(0);
        importReport(JSON.writeValueAsBytes(withoutLow), "scope=" + scope).statusCode(201)
                .body("received", is(4)).body("unchanged", is(4)).body("resolved", is(1));
        String resolvedId = given().auth().oauth2(analyst).queryParam("q", "urllib3").queryParam("status", "resolved")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("items.size()", is(1))
                .body("items[0].status_reason", containsString("no longer reported in scope " + scope))
                .extract().path("items[0].id");

        // it comes back: reopened
        importReport(report, "scope=" + scope).statusCode(201).body("updated", is(1)).body("unchanged", is(4));
        given().auth().oauth2(analyst).queryParam("q", "urllib3")
                .when().get("/api/v1/findings")
                .then().body("items[0].id", is(resolvedId)).body("items[0].status", is("new"))
                .body("items[0].occurrences", is(3));

        Map<String, List<String>> events = eventTypesByKey(resolvedId, Duration.ofSeconds(30));
        assertEquals(List.of("io.pillar.finding.created", "io.pillar.finding.resolved",
                "io.pillar.finding.status_changed"), events.get(resolvedId));
    }

    @Test
    void eventsAreCloudEventsWithAnOcsfPayloadKeyedByFindingId() throws Exception {
        String bucket = "arn:aws:s3:::exports-" + UUID.randomUUID();
        byte[] report = new String(fixture("scans/pillar/one_finding.json"), StandardCharsets.UTF_8)
                .replace("arn:aws:s3:::shop-exports", bucket).getBytes(StandardCharsets.UTF_8);
        JsonNode job = importReport(report, "team=platform").statusCode(201)
                .body("format", is("pillar")).body("created", is(1)).extract().as(JsonNode.class);
        String id = given().auth().oauth2(analyst).queryParam("import_id", job.get("id").asText())
                .when().get("/api/v1/findings").then().extract().path("items[0].id");
        ConsumerRecord<String, String> record = firstEvent(id, Duration.ofSeconds(30));
        JsonNode event = JSON.readTree(record.value());
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals("io.pillar.finding.created", event.get("type").asText());
        assertEquals(id, event.get("subject").asText());
        JsonNode ocsf = event.get("data");
        assertEquals(2004, ocsf.get("class_uid").asInt());
        assertEquals(4, ocsf.get("severity_id").asInt());
        assertEquals(1, ocsf.get("status_id").asInt());
        assertEquals("S3 bucket allows public read", ocsf.at("/finding_info/title").asText());
        assertEquals(bucket, ocsf.at("/resources/0/uid").asText());
        assertEquals("platform", ocsf.at("/unmapped/pillar/team").asText());
        assertEquals("io.pillar.finding.created",
                new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
    }

    @Test
    void aMostlyValidReportImportsItsValidRecordsAndListsTheRejectedOnes() {
        importReport(fixture("scans/pillar/mostly_valid.json"), "format=pillar").statusCode(201)
                .body("received", is(4)).body("created", is(2)).body("rejected", is(2))
                .body("errors.index", hasItems(1, 2))
                .body("errors.find { it.index == 1 }.reason", containsString("severity is required"))
                .body("errors.find { it.index == 2 }.reason", containsString("expected a JSON object"));
    }

    @Test
    void eventBridgeEventsAsJsonLinesAreDetectedAndImported() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String event = ("{\"version\": \"0\", \"id\": \"%s-%d\", \"detail-type\": \"GuardDuty Finding\", \"source\": "
                + "\"aws.guardduty\", \"detail\": {\"schemaVersion\": \"2.0\", \"accountId\": \"444455556666\", "
                + "\"region\": \"eu-central-1\", \"arn\": \"arn:aws:guardduty:eu-central-1:444455556666:detector/d1/"
                + "finding/%s-%d\", \"type\": \"Recon:EC2/PortProbeUnprotectedPort\", \"severity\": 2, \"title\": "
                + "\"Unprotected port probed\", \"resource\": {\"resourceType\": \"Instance\", \"instanceDetails\": "
                + "{\"instanceId\": \"i-%s\"}}, \"service\": {\"archived\": false}}}\n");
        String lines = event.formatted(run, 1, run, 1, run) + event.formatted(run, 2, run, 2, run);
        importReport(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8), "").statusCode(201)
                .body("format", is("guardduty")).body("received", is(2)).body("created", is(2));
    }

    @Test
    void aMalformedReportIsAProblemSayingWhereAndLeavesNothingBehind() {
        String truncated = new String(fixture("scans/trivy/many_findings.json"), StandardCharsets.UTF_8)
                .substring(0, 1500);
        int before = given().auth().oauth2(analyst).queryParam("limit", 500).queryParam("product", "Trivy")
                .when().get("/api/v1/findings").then().extract().path("items.size()");
        given().auth().oauth2(analyst).contentType("application/json").body(truncated)
                .queryParam("format", "trivy").queryParam("team", "platform")
                .when().post(IMPORTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("line")).body("line", is(org.hamcrest.Matchers.greaterThan(1)))
                .body("offset", is(org.hamcrest.Matchers.greaterThan(0)));
        given().auth().oauth2(analyst).queryParam("limit", 500).queryParam("product", "Trivy")
                .when().get("/api/v1/findings").then().body("items.size()", is(before));
    }

    @Test
    void aLargeReportBrokenNearItsEndLeavesNothingBehind() {
        // more findings than one batch: the report is checked whole before the first batch is written
        String product = "broken-" + UUID.randomUUID();
        StringBuilder report = new StringBuilder("{\"findings\":[");
        for (int i = 0; i < 1_200; i++) {
            report.append(i == 0 ? "" : ",").append("""
                    {"title":"t%d","severity":"low","product":"%s","rule":"r%d","resources":[{"uid":"u%d"}]}"""
                    .formatted(i, product, i, i));
        }
        report.append("],}");
        given().auth().oauth2(analyst).contentType("application/json").body(report.toString())
                .queryParam("format", "pillar").queryParam("team", "platform")
                .when().post(IMPORTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("line"));
        given().auth().oauth2(analyst).queryParam("product", product)
                .when().get("/api/v1/findings").then().statusCode(200).body("items.size()", is(0));
    }

    @Test
    void anUnknownOrUnrecognisedFormatIsUnsupportedNamingTheFormats() {
        given().auth().oauth2(analyst).contentType("application/json").body("{}").queryParam("format", "nessus")
                .when().post(IMPORTS)
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("nessus"))
                .body("supported_formats", hasItems("asff", "ocsf", "sarif", "trivy", "guardduty", "prowler-v3",
                        "pillar", "grype", "snyk", "inspector2", "zap"));
        given().auth().oauth2(analyst).contentType("application/json").body("{\"hello\": \"world\"}")
                .when().post(IMPORTS)
                .then().statusCode(415).body("detail", containsString("not recognised"));
    }

    @Test
    void anXmlReportIsDetectedImportedAndADtdRefusedBeforeAnythingIsWritten() {
        given().auth().oauth2(analyst).contentType("application/xml").body(fixture("scans/zap/one_finding.xml"))
                .queryParam("team", "platform").when().post(IMPORTS)
                .then().statusCode(201).body("format", is("zap")).body("received", is(1));
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <OWASPZAPReport><site name="https://xxe.example"><alerts><alertitem><alert>&x;</alert>
                <pluginid>1</pluginid></alertitem></alerts></site></OWASPZAPReport>
                """;
        given().auth().oauth2(analyst).contentType("application/xml").body(xxe).queryParam("team", "platform")
                .when().post(IMPORTS)
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("DTD"))
                .body("line", is(2));
    }

    @Test
    void deepNestingAndHugeTextsAreRefusedWithTheirPlace() {
        String deep = "{\"matches\": " + "[".repeat(2_000) + "]".repeat(2_000) + "}";
        given().auth().oauth2(analyst).contentType("application/json").body(deep).queryParam("format", "grype")
                .when().post(IMPORTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("nesting depth")).body("line", is(1));
        String huge = "{\"matches\": [{\"vulnerability\": {\"id\": \"" + "x".repeat(20_000_001) + "\"}}]}";
        given().auth().oauth2(analyst).contentType("application/json").body(huge).queryParam("format", "grype")
                .when().post(IMPORTS)
                .then().statusCode(400).body("detail", containsString("length"));
        String hugeXml = "<OWASPZAPReport><site name=\"s\"><alerts><alertitem><desc>" + "x".repeat(10_000_001)
                + "</desc></alertitem></alerts></site></OWASPZAPReport>";
        given().auth().oauth2(analyst).contentType("application/xml").body(hugeXml).queryParam("format", "zap")
                .when().post(IMPORTS)
                .then().statusCode(400).body("detail", containsString("longer than"));
    }

    @Test
    void aReportThatComesCloseToAFormatSaysWhichAndWhyNot() {
        given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"matches\": [{\"vulnerability\": {\"id\": \"CVE-1\"}, \"artifact\": {\"name\": \"x\"}}]}")
                .when().post(IMPORTS)
                .then().statusCode(415).body("detail", containsString("looks like grype"))
                .body("detail", containsString("lacks \"matchDetails\""));
    }

    @Test
    void whoMayImport() {
        byte[] report = fixture("scans/pillar/one_finding.json");
        given().auth().oauth2(TestTokens.token("v", Set.of("viewer"), Set.of("platform"))).body(report)
                .contentType("application/json").when().post(IMPORTS).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("svc", Set.of("integration"), Set.of())).body(report)
                .contentType("application/json").when().post(IMPORTS).then().statusCode(201);
        given().auth().oauth2(analyst).body(report).contentType("application/json").queryParam("team", "payments")
                .when().post(IMPORTS).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("payments"));
        given().body(report).contentType("application/json").when().post(IMPORTS).then().statusCode(401);
    }

    @Test
    void anImportCanBeFollowedById() {
        String id = importReport(fixture("scans/pillar/one_finding.json"), "").statusCode(201)
                .header("Location", containsString(IMPORTS + "/")).extract().path("id");
        given().auth().oauth2(TestTokens.token("v", Set.of("viewer"), Set.of("platform")))
                .when().get(IMPORTS + "/" + id)
                .then().statusCode(200).body("id", is(id)).body("status", is("completed"))
                .body("requested_by", is("alice"));
        given().auth().oauth2(analyst).when().get(IMPORTS + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void importsAreListedPerTeamByScopeStatusAndTimeNewestFirst() {
        String scope = "list-" + UUID.randomUUID();
        String first = importReport(fixture("scans/pillar/one_finding.json"), "scope=" + scope).statusCode(201)
                .extract().path("id");
        String second = importReport(fixture("scans/pillar/one_finding.json"), "scope=" + scope).statusCode(201)
                .extract().path("id");
        given().auth().oauth2(TestTokens.token("v", Set.of("viewer"), Set.of("platform"))).queryParam("scope", scope)
                .queryParam("status", "completed").queryParam("since", "2020-01-01T00:00:00Z")
                .when().get(IMPORTS).then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(second, first))
                .body("items[0].team", is("platform"));
        given().auth().oauth2(analyst).queryParam("scope", scope).queryParam("limit", 1).when().get(IMPORTS).then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.contains(second))
                .body("next_cursor", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(analyst).queryParam("scope", scope).queryParam("status", "failed").when().get(IMPORTS)
                .then().statusCode(200).body("items.size()", is(0));
        given().auth().oauth2(TestTokens.token("p", Set.of("analyst"), Set.of("payments"))).queryParam("scope", scope)
                .when().get(IMPORTS).then().statusCode(200).body("items.size()", is(0));
        given().auth().oauth2(analyst).queryParam("status", "stuck").when().get(IMPORTS).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(analyst).queryParam("since", "last week").when().get(IMPORTS).then().statusCode(400);
    }

    @Test
    void anImportLeftRunningByAStoppedInstanceIsClosedAsFailedWithWhatItHadCommitted() {
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        UUID ofDeadInstance = runningJob("pod-gone:8082", longAgo, 27_500);
        UUID noLongerRunningHere = runningJob(runningJobs.instance(), Instant.now(), 1_000);
        UUID aliveHere = UUID.randomUUID();
        runningJobs.started(aliveHere);
        runningJob(aliveHere, runningJobs.instance(), longAgo, 500);
        UUID aliveElsewhere = runningJob("pod-busy:8082", Instant.now(), 700);
        try {
            runningJobs.beat();
            importJob(ofDeadInstance).body("status", is("failed")).body("received", is(27_500))
                    .body("created", is(27_500)).body("failure", containsString("pod-gone:8082"))
                    .body("failure", containsString("stopped before it finished")).body("finished_at", notNullValue());
            importJob(noLongerRunningHere).body("status", is("failed")).body("received", is(1_000));
            importJob(aliveHere).body("status", is("running"));
            importJob(aliveElsewhere).body("status", is("running"));

            // at start: the jobs an earlier run of this instance left
            UUID leftByEarlierRun = runningJob(runningJobs.instance(), Instant.now(), 10);
            runningJobs.closeLeftovers();
            importJob(leftByEarlierRun).body("status", is("failed"));
            given().auth().oauth2(analyst).queryParam("status", "failed").queryParam("limit", 200).when()
                    .get(IMPORTS).then().statusCode(200)
                    .body("items.id", hasItems(ofDeadInstance.toString(), noLongerRunningHere.toString(),
                            leftByEarlierRun.toString()));
        } finally {
            runningJobs.finished(aliveHere);
            QuarkusTransaction.requiringNew().run(() -> {
                jobs.deleteById(aliveHere);
                jobs.deleteById(aliveElsewhere);
            });
        }
    }

    private UUID runningJob(String instance, Instant heartbeat, int committed) {
        return runningJob(UUID.randomUUID(), instance, heartbeat, committed);
    }

    private UUID runningJob(UUID id, String instance, Instant heartbeat, int committed) {
        ImportJob job = new ImportJob();
        job.id = id;
        job.format = "trivy";
        job.team = "platform";
        job.status = ImportJob.RUNNING;
        job.received = committed;
        job.created = committed;
        job.requestedBy = "alice";
        job.startedAt = heartbeat.minusSeconds(30);
        job.instance = instance;
        job.heartbeatAt = heartbeat;
        QuarkusTransaction.requiringNew().run(() -> jobs.persist(job));
        return job.id;
    }

    private ValidatableResponse importJob(UUID id) {
        return given().auth().oauth2(analyst).when().get(IMPORTS + "/" + id).then().statusCode(200);
    }

    @Test
    void textWithTabsNewlinesBackslashesQuotesAndUnicodeIsStoredAsReported() {
        String title = "Tab\there, quote \" and backslash \\ \u00e9\u4e2d\ud83d\udd12";
        String description = "line one\nline two\r\n\\N is not null";
        String control = "CIS \"1.2\", {x}\\y";
        String report = """
                {"findings":[{"title":%s,"severity":"low","product":"copy-test","rule":"r-%s",
                 "description":%s,"compliance":[%s,"SEC08-BP02"],
                 "resources":[{"uid":"arn:aws:s3:::copy-test\\\\tab"}]}]}""".formatted(quoted(title),
                UUID.randomUUID(), quoted(description), quoted(control));
        String id = importReport(report.getBytes(StandardCharsets.UTF_8), "").statusCode(201).body("created", is(1))
                .extract().path("id");
        given().auth().oauth2(TestTokens.token("admin", Set.of("admin"), Set.of())).queryParam("import_id", id)
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("items.size()", is(1))
                .body("items[0].title", is(title))
                .body("items[0].description", is(description))
                .body("items[0].compliance", hasItems(control, "SEC08-BP02"))
                .body("items[0].resources[0].uid", is("arn:aws:s3:::copy-test\\tab"));
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ValidatableResponse importReport(byte[] report, String query) {
        return given().auth().oauth2(analyst).contentType("application/json").body(report)
                .when().post(IMPORTS + (query.isEmpty() ? "" : "?" + query)).then();
    }

    private static byte[] fixture(String path) {
        try (InputStream in = ImportResourceTest.class.getClassLoader().getResourceAsStream(path)) {
            assertTrue(in != null, path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConsumerRecord<String, String> firstEvent(String key, Duration timeout) {
        return events(key, timeout, 1).get(0);
    }

    private Map<String, List<String>> eventTypesByKey(String key, Duration timeout) throws IOException {
        Map<String, List<String>> types = new HashMap<>();
        for (ConsumerRecord<String, String> r : events(key, timeout, 3)) {
            types.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JSON.readTree(r.value()).get("type").asText());
        }
        return types;
    }

    /** Reads pillar.findings.events from the start until {@code count} records with this key have come. */
    private List<ConsumerRecord<String, String>> events(String key, Duration timeout, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.FINDINGS_EVENTS.topicName()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < count) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        assertFalse(found.size() < count, "only " + found.size() + " events for " + key);
        return found;
    }
}
