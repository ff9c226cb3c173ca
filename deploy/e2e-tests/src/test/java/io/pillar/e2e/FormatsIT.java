package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.pillar.contracts.Topic;
import io.pillar.stack.KafkaClients;

/**
 * Keycloak admin -> gateway -> findings-service: a format taught by a mapping file is then read from REST imports and
 * from pillar.findings.raw like a built-in one; XML reports come through the gateway and a DTD is refused.
 */
class FormatsIT {
    private static final String GATEWAY = PlatformUnderTest.get("PILLAR_GATEWAY_URL");

    @Test
    void anAdminTeachesAFormatThatRestAndKafkaImportsThenRead() throws Exception {
        String name = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String marker = "scanner_" + name.substring(4);
        String user = "formats-admin-" + name.substring(4);
        String password = "Pw-" + UUID.randomUUID();
        String userId = Keycloak.newUser(user, password);
        try {
            Keycloak.grantRealmRole(userId, "admin");
            String admin = Keycloak.passwordGrant(user, password).then().statusCode(200).extract()
                    .path("access_token");
            given().auth().oauth2(Keycloak.demoUser("analyst")).contentType("application/yaml")
                    .body(mapping(name, marker).getBytes(StandardCharsets.UTF_8))
                    .put(GATEWAY + "/api/v1/findings/formats/" + name).then().statusCode(403);
            given().auth().oauth2(admin).contentType("application/yaml")
                    .body(mapping(name, marker).getBytes(StandardCharsets.UTF_8))
                    .put(GATEWAY + "/api/v1/findings/formats/" + name).then().statusCode(200)
                    .body("source", is("upload")).body("uploaded_by", is(user));

            String integration = Keycloak.integration();
            given().auth().oauth2(integration).contentType("application/json").body(report(marker, "rest-" + name))
                    .post(GATEWAY + "/api/v1/findings/imports?team=platform").then().statusCode(201)
                    .body("format", is(name)).body("created", is(1));

            Map<String, Object> config = new HashMap<>(KafkaClients.config(PlatformUnderTest.env(),
                    PlatformUnderTest.get("PILLAR_INTEGRATION_CLIENT_ID"),
                    PlatformUnderTest.get("PILLAR_INTEGRATION_CLIENT_SECRET")));
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            String poison = "{\"" + marker + "\": \"1\", \"issues\": [{\"id\": \"X\", \"level\": \"low\"}]}";
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                    new StringSerializer())) {
                ProducerRecord<String, String> good = new ProducerRecord<>(Topic.FINDINGS_RAW.topicName(), name,
                        report(marker, "kafka-" + name));
                good.headers().add("pillar-team", "platform".getBytes(StandardCharsets.UTF_8));
                producer.send(good).get();
                ProducerRecord<String, String> bad = new ProducerRecord<>(Topic.FINDINGS_RAW.topicName(), name,
                        poison);
                bad.headers().add("pillar-format", name.getBytes(StandardCharsets.UTF_8));
                bad.headers().add("pillar-team", "platform".getBytes(StandardCharsets.UTF_8));
                producer.send(bad).get();
            }
            String analyst = Keycloak.demoUser("analyst");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                    .auth().oauth2(analyst).queryParam("q", "kafka-" + name).get(GATEWAY + "/api/v1/findings")
                    .then().statusCode(200).body("items.size()", is(1))
                    .body("items[0].severity", is("high")).body("items[0].team", is("platform")));
            assertTrue(deadLettered(config, poison), "the record no finding came of is on the dead-letter topic");

            given().auth().oauth2(analyst).get(GATEWAY + "/api/v1/findings/formats").then().statusCode(200)
                    .body("formats.format", hasItem(name));
            given().auth().oauth2(admin).delete(GATEWAY + "/api/v1/findings/formats/" + name).then().statusCode(204);
        } finally {
            Keycloak.removeUser(userId);
        }
    }

    @Test
    void xmlReportsComeThroughTheGatewayAndADtdIsRefused() {
        String integration = Keycloak.integration();
        String site = "https://e2e-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String zap = """
                <?xml version="1.0"?>
                <OWASPZAPReport programName="ZAP" version="2.15.0" generated="Tue, 1 Dec 2026 10:00:00">
                <site name="%s" host="e2e.example" port="443" ssl="true"><alerts>
                <alertitem><pluginid>10038</pluginid><alertRef>10038-1</alertRef>
                <alert>Content Security Policy (CSP) Header Not Set</alert><riskcode>2</riskcode><confidence>3</confidence>
                <desc>&lt;p&gt;No CSP.&lt;/p&gt;</desc><instances><instance><uri>%s/</uri><method>GET</method></instance>
                </instances><cweid>693</cweid></alertitem></alerts></site></OWASPZAPReport>
                """
                .formatted(site, site);
        given().auth().oauth2(integration).contentType("application/xml").body(zap)
                .post(GATEWAY + "/api/v1/findings/imports?team=platform").then().statusCode(201)
                .body("format", is("zap")).body("created", is(1));
        String xxe = zap.replace("<OWASPZAPReport", "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<OWASPZAPReport").replace("No CSP.", "&x;");
        given().auth().oauth2(integration).contentType("application/xml").body(xxe)
                .post(GATEWAY + "/api/v1/findings/imports?team=platform&format=zap").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("DTD"));
    }

    private static boolean deadLettered(Map<String, Object> producerConfig, String value) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.remove(ProducerConfig.ACKS_CONFIG);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, PlatformUnderTest.get("PILLAR_INTEGRATION_CLIENT_ID") + ".e2e-"
                + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.FINDINGS_RAW_DLQ.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    var reason = r.headers().lastHeader("dead-letter-reason");
                    if (value.equals(r.value()) && reason != null
                            && new String(reason.value(), StandardCharsets.UTF_8).contains("title")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String report(String marker, String host) {
        return "{\"" + marker + "\": \"1\", \"issues\": [{\"id\": \"E1\", \"name\": \"Exposed admin port\", "
                + "\"level\": \"high\", \"host\": \"" + host + "\"}]}";
    }

    private static String mapping(String name, String marker) {
        return """
                format: %s
                title: E2E Scanner
                class: vulnerability
                detect:
                  marks: [%s, issues]
                records: [issues]
                fields:
                  title: record.name
                  rule: record.id
                  severity: record.level
                  resource: record.host
                fingerprint: [record.host, record.id]
                examples:
                  - input: '{"%s": "1", "issues": [{"id": "E1", "name": "n", "level": "high", "host": "h"}]}'
                    findings:
                      - title: n
                        severity: high
                """.formatted(name, marker, marker);
    }
}
