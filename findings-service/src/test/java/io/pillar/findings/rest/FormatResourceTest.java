package io.pillar.findings.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.pillar.contracts.Topic;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Formats defined by mapping files: uploaded by admins, loaded from the folder, used by imports like built-ins. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class FormatResourceTest {
    private static final String FORMATS = "/api/v1/findings/formats";
    private static final String IMPORTS = "/api/v1/findings/imports";
    private static final Path FOLDER = Path.of("target/test-mappings");

    @InjectKafka
    String bootstrap;

    private final String admin = TestTokens.token("ada", Set.of("admin"), Set.of());
    private final String analyst = TestTokens.token("alice", Set.of("analyst"), Set.of("platform"));
    private final String payments = TestTokens.token("pat", Set.of("analyst"), Set.of("payments"));

    @Test
    void builtInAndShippedMappedFormatsAreListed() {
        given().auth().oauth2(TestTokens.token("v", Set.of("viewer"), Set.of("platform"))).when().get(FORMATS)
                .then().statusCode(200)
                .body("formats.format", hasItems("asff", "trivy", "grype", "zap", "bandit", "checkov", "semgrep"))
                .body("formats.find { it.format == 'bandit' }.kind", is("mapping"))
                .body("formats.find { it.format == 'bandit' }.source", is("mappings/bandit.yaml"))
                .body("formats.find { it.format == 'trivy' }.kind", is("built-in"));
        given().auth().oauth2(analyst).when().get(FORMATS + "/checkov").then().statusCode(200)
                .body("definition", containsString("records: [results/failed_checks"));
        given().when().get(FORMATS).then().statusCode(401);
    }

    @Test
    void anUploadedFormatIsDetectedImportedDeduplicatedPerTeamReplacedAndDeleted() throws Exception {
        String format = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String marker = "acme_" + format.substring(5);
        given().auth().oauth2(admin).contentType("application/yaml").body(yaml(mapping(format, marker, "record.level")))
                .when().post(FORMATS)
                .then().statusCode(201).body("format", is(format)).body("source", is("upload"))
                .body("uploaded_by", is("ada")).body("version", is(1));
        String report = "{\"" + marker + "\": \"1\", \"issues\": [{\"id\": \"A1\", \"name\": \"Open admin port\", "
                + "\"level\": \"high\", \"host\": \"db-" + format + "\"}]}";
        given().auth().oauth2(analyst).contentType("application/json").body(report).queryParam("team", "platform")
                .when().post(IMPORTS).then().statusCode(201).body("format", is(format)).body("created", is(1));
        given().auth().oauth2(analyst).contentType("application/json").body(report).queryParam("team", "platform")
                .when().post(IMPORTS).then().statusCode(201).body("created", is(0)).body("unchanged", is(1));
        // the same finding for another team is that team's own: no fingerprint reaches across teams
        given().auth().oauth2(payments).contentType("application/json").body(report)
                .when().post(IMPORTS).then().statusCode(201).body("created", is(1));
        given().auth().oauth2(analyst).queryParam("product", "Acme Scanner").queryParam("q", "db-" + format)
                .when().get("/api/v1/findings").then().statusCode(200).body("items.size()", is(1))
                .body("items[0].team", is("platform")).body("items[0].severity", is("high"));
        given().auth().oauth2(payments).queryParam("q", "db-" + format)
                .when().get("/api/v1/findings").then().body("items.team", not(hasItem("platform")));

        given().auth().oauth2(admin).contentType("application/yaml").body(yaml(mapping(format, marker, "record.level")))
                .when().post(FORMATS).then().statusCode(409);
        given().auth().oauth2(admin).contentType("application/yaml")
                .body(yaml(mapping(format, marker, "\"'critical'\"")))
                .when().put(FORMATS + "/" + format).then().statusCode(200).body("version", is(2));
        given().auth().oauth2(analyst).contentType("application/json").body(report).queryParam("team", "platform")
                .when().post(IMPORTS).then().statusCode(201).body("updated", is(1));

        // a scope resolves what a later import of it no longer reports, as for a built-in format
        String scope = "acme-scope-" + format;
        given().auth().oauth2(analyst).contentType("application/json").body(report.replace("db-", "scoped-db-"))
                .queryParam("team", "platform").queryParam("scope", scope).when().post(IMPORTS).then().statusCode(201)
                .body("created", is(1));
        given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"" + marker + "\": \"1\", \"issues\": []}").queryParam("team", "platform")
                .queryParam("scope", scope).when().post(IMPORTS).then().statusCode(201).body("resolved", is(1));

        given().auth().oauth2(admin).when().delete(FORMATS + "/" + format).then().statusCode(204);
        given().auth().oauth2(analyst).contentType("application/json").body(report).queryParam("format", format)
                .when().post(IMPORTS).then().statusCode(415);
        given().auth().oauth2(admin).when().delete(FORMATS + "/" + format).then().statusCode(404);
        assertTrue(audited(format), "format.uploaded on pillar.audit");
    }

    @Test
    void aBrokenUploadIsRefusedWithItsLineAndChangesNothing() {
        String format = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin).contentType("application/yaml")
                .body(yaml(mapping(format, "acme_x", "record.level +")))
                .when().post(FORMATS)
                .then().statusCode(422).contentType("application/problem+json").body("line", is(12))
                .body("reason", containsString("severity does not compile"));
        given().auth().oauth2(admin).when().get(FORMATS + "/" + format).then().statusCode(404);
        given().auth().oauth2(admin).contentType("application/yaml")
                .body(yaml(mapping(format, "acme_x", "record.level").replace("title: Open admin port",
                        "title: Wrong")))
                .when().post(FORMATS)
                .then().statusCode(422).body("reason", containsString("examples[0].findings[0].title is 'Open admin"
                        + " port', expected 'Wrong'"));
        given().auth().oauth2(admin).contentType("application/yaml")
                .body(yaml(mapping("trivy", "acme_x", "record.level")))
                .when().post(FORMATS).then().statusCode(422).body("reason", containsString("built-in"));
        given().auth().oauth2(admin).contentType("application/yaml")
                .body(yaml(mapping("bandit", "acme_x", "record.level")))
                .when().post(FORMATS).then().statusCode(409).body("detail", containsString("mappings folder"));
    }

    @Test
    void onlyAdminsDefineFormats() {
        String body = mapping("acme-denied", "acme_d", "record.level");
        for (String token : List.of(analyst, payments, TestTokens.token("svc", Set.of("integration"), Set.of()),
                TestTokens.token("aud", Set.of("auditor"), Set.of()))) {
            given().auth().oauth2(token).contentType("application/yaml").body(yaml(body)).when().post(FORMATS)
                    .then().statusCode(403);
            given().auth().oauth2(token).contentType("application/yaml").body(yaml(body))
                    .when().put(FORMATS + "/acme-denied").then().statusCode(403);
            given().auth().oauth2(token).when().delete(FORMATS + "/bandit").then().statusCode(403);
        }
        given().contentType("application/yaml").body(yaml(body)).when().post(FORMATS).then().statusCode(401);
    }

    @Test
    void folderFilesAreLoadedOnChangeAndABrokenOneKeepsItsPreviousVersion() throws Exception {
        String format = "folder-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = FOLDER.resolve(format + ".yaml");
        try {
            Files.writeString(file, mapping(format, "folder_x", "record.level"));
            await(() -> given().auth().oauth2(analyst).when().get(FORMATS + "/" + format).statusCode() == 200);
            Files.writeString(file, mapping(format, "folder_x", "record.level +"));
            await(() -> given().auth().oauth2(analyst).when().get(FORMATS).then().extract()
                    .path("refused_mappings.find { it.file == '" + format + ".yaml' }") != null);
            given().auth().oauth2(analyst).when().get(FORMATS).then()
                    .body("refused_mappings.find { it.file == '" + format + ".yaml' }.line", is(12))
                    .body("refused_mappings.find { it.file == '" + format + ".yaml' }.previous_in_force", is(true));
            given().auth().oauth2(analyst).when().get(FORMATS + "/" + format).then().statusCode(200)
                    .body("definition", containsString("severity: record.level\n"));
        } finally {
            Files.deleteIfExists(file);
        }
        await(() -> given().auth().oauth2(analyst).when().get(FORMATS + "/" + format).statusCode() == 404);
    }

    /** A small format: records under "issues", detected by {@code marker} and "issues". */
    private static String mapping(String format, String marker, String severity) {
        return """
                format: %s
                title: Acme Scanner
                class: vulnerability
                input: json
                detect:
                  marks: [%s, issues]
                records: [issues]
                fields:
                  title: record.name
                  rule: record.id
                  resource: record.host
                  severity: %s
                fingerprint: [record.host, record.id]
                examples:
                  - input: '{"%s": "1", "issues": [{"id": "A1", "name": "Open admin port", "level": "high", "host": "h"}]}'
                    findings:
                      - title: Open admin port
                        resource: h
                """
                .formatted(format, marker, severity, marker);
    }

    private static byte[] yaml(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 20 s");
            Thread.sleep(250);
        }
    }

    private boolean audited(String format) throws IOException {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.AUDIT.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean uploaded = false;
            boolean deleted = false;
            while (System.nanoTime() < deadline && !(uploaded && deleted)) {
                for (var r : consumer.poll(Duration.ofMillis(300))) {
                    if (("format/" + format).equals(r.key())) {
                        uploaded |= r.value().contains("\"format.uploaded\"") && r.value().contains("\"ada\"");
                        deleted |= r.value().contains("\"format.deleted\"");
                    }
                }
            }
            return uploaded && deleted;
        }
    }
}
