package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The metrics an operator watches, from the running services, and the monitoring files of deploy/monitoring (the
 * Grafana dashboard, the Prometheus alerts): every metric they use is one the platform exports.
 */
class MonitoringIT {
    private static final Pattern METRIC = Pattern.compile("\\b((?:pillar|kafka)_[a-z_]+)\\b");
    /** Counters that appear with their first increment (a dead letter): exported then, by the services that count. */
    private static final Set<String> COUNTED_WHEN_IT_HAPPENS = Set.of("pillar_dead_letters_total");

    /** An import, so that what imports count has counted. */
    @BeforeAll
    static void importOnce() {
        String marker = "monitoring-" + UUID.randomUUID();
        given().auth().oauth2(Keycloak.integration()).contentType("application/json")
                .body("{\"findings\": [{\"title\": \"" + marker + "\", \"severity\": \"low\", \"product\": \"" + marker
                        + "\", \"rule\": \"r\", \"resources\": [{\"uid\": \"urn:" + marker + "\"}]}]}")
                .post(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + "/api/v1/findings/imports?format=pillar")
                .then().statusCode(201);
    }

    @Test
    void theServicesExportPillarsOwnMetrics() {
        String token = Keycloak.integration();
        String findings = scrape("PILLAR_FINDINGS_URL", token);
        for (String sample : List.of("pillar_outbox_backlog_events", "pillar_outbox_oldest_event_age_seconds",
                "pillar_outbox_dead_letters", "pillar_outbox_relayed_events_total",
                "pillar_import_jobs{status=\"completed\"", "pillar_import_jobs{status=\"running\"",
                "pillar_import_jobs_oldest_running_seconds", "pillar_import_duration_seconds_count",
                "pillar_findings_changes_total{change=\"created\"",
                "kafka_consumer_fetch_manager_records_lag_max{client_id=\"findings-service-pillar.findings.raw\"")) {
            assertTrue(findings.contains(sample), "findings-service exports " + sample);
        }
        String inventory = scrape("PILLAR_INVENTORY_URL", token);
        for (String sample : List.of("pillar_outbox_backlog_events", "pillar_import_jobs{status=\"failed\"",
                "pillar_import_jobs_oldest_running_seconds")) {
            assertTrue(inventory.contains(sample), "inventory-service exports " + sample);
        }
        assertTrue(scrape("PILLAR_IDENTITY_URL", token).contains("pillar_audit_checkpoints_refused_total"));
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExported() throws IOException {
        String token = Keycloak.integration();
        Set<String> exported = new HashSet<>(COUNTED_WHEN_IT_HAPPENS);
        for (String service : List.of("PILLAR_FINDINGS_URL", "PILLAR_INVENTORY_URL", "PILLAR_IDENTITY_URL",
                "PILLAR_RESPONSE_URL", "PILLAR_GATEWAY_URL")) {
            exported.addAll(names(scrape(service, token)));
        }
        Path restarts = PlatformUnderTest.layout().run().resolve("restarts.prom");
        assertTrue(Files.isRegularFile(restarts), "the supervisor writes " + restarts);
        exported.addAll(names(Files.readString(restarts)));

        Path monitoring = PlatformUnderTest.repo().resolve("deploy/monitoring");
        Set<String> used = new TreeSet<>();
        for (JsonNode group : new YAMLMapper().readTree(monitoring.resolve("alerts.yml").toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                used.addAll(names(rule.path("expr").asText()));
            }
        }
        for (JsonNode panel : new ObjectMapper().readTree(monitoring.resolve("grafana-dashboard.json").toFile())
                .path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                used.addAll(names(target.path("expr").asText()));
            }
        }
        assertTrue(used.size() > 10, used.toString());
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(exported);
        assertTrue(unknown.isEmpty(), "used but not exported: " + unknown);
    }

    private static String scrape(String service, String token) {
        return given().auth().oauth2(token).when().get(PlatformUnderTest.get(service) + "/q/metrics").then()
                .statusCode(200).extract().asString();
    }

    private static Set<String> names(String text) {
        Set<String> names = new HashSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
