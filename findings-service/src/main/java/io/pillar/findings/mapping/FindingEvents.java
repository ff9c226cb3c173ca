package io.pillar.findings.mapping;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.findings.Finding;
import io.pillar.findings.parser.Severity;
import io.pillar.findings.repository.FindingRow;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.json.Json;

/**
 * pillar.findings.events records: a CloudEvents 1.0 envelope whose data is an OCSF finding (contracts:
 * schemas/finding-event.schema.json), with Pillar's own fields under {@code unmapped.pillar}.
 */
public final class FindingEvents {
    public static final String CREATED = "io.pillar.finding.created";
    public static final String UPDATED = "io.pillar.finding.updated";
    public static final String STATUS_CHANGED = "io.pillar.finding.status_changed";
    public static final String RESOLVED = "io.pillar.finding.resolved";
    private static final String SOURCE = CloudEvent.source("findings-service");
    private static final String DATA_SCHEMA = "https://pillar.io/schemas/finding-event.schema.json";
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String OCSF_VERSION = "1.3.0";

    /** What an event tells of a finding. */
    public record Data(UUID id, String fingerprint, int classUid, int severityId, String status, String title,
            String description, String product, String rule, String team, String format, String uid,
            String resourcesJson, String vulnerabilitiesJson, String remediation, String[] compliance,
            String[] bestPractices, String location, String scope, Instant firstSeen, Instant lastSeen,
            UUID importId) {
    }

    public static Data of(FindingRow row, Instant lastSeen, UUID importId) {
        return new Data(row.id(), row.fingerprint(), row.classUid(), row.severityId(), row.status(), row.title(),
                row.description(), row.product(), row.ruleUid(), row.team(), row.format(), row.uid(),
                row.resourcesJson(), row.vulnerabilitiesJson(), row.remediation(), row.compliance(),
                row.bestPractices(), row.location(), row.scope(), row.firstSeen(), lastSeen, importId);
    }

    public static Data of(Finding f) {
        return new Data(f.id, f.fingerprint, f.classUid, f.severityId, f.status, f.title, f.description, f.product,
                f.ruleUid, f.team, f.format, f.uid, f.resources, f.vulnerabilities, f.remediation, f.compliance,
                f.bestPractices, f.location, f.scope, f.firstSeen, f.lastSeen, f.lastImportId);
    }

    /** The CloudEvent as JSON text; its id is unique per event, its subject the finding id (the record key). */
    public static String cloudEvent(String type, Data d, Instant time) {
        return CloudEvent.write(UUID.randomUUID().toString(), SOURCE, type, d.id().toString(), time, DATA_SCHEMA,
                g -> writeOcsf(g, d, time));
    }

    /** A stored finding as an OCSF finding object (what exports write). */
    public static void writeOcsf(JsonGenerator g, Finding f) throws IOException {
        writeOcsf(g, of(f), f.updatedAt == null ? f.lastSeen : f.updatedAt);
    }

    /**
     * Written field by field rather than built as a tree: events are made for every finding of every import. The
     * resources are stored JSON (written by Pillar or read back from PostgreSQL) and go in as they are.
     */
    static void writeOcsf(JsonGenerator g, Data d, Instant time) throws IOException {
        g.writeStartObject();
        g.writeNumberField("class_uid", d.classUid());
        g.writeStringField("class_name", className(d.classUid()));
        g.writeNumberField("category_uid", 2);
        g.writeStringField("category_name", "Findings");
        g.writeNumberField("activity_id", 2);
        g.writeNumberField("severity_id", d.severityId());
        g.writeStringField("severity", capitalize(Severity.label(d.severityId())));
        g.writeNumberField("status_id", statusId(d.status()));
        g.writeStringField("status", d.status());
        g.writeNumberField("time", time.toEpochMilli());
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", OCSF_VERSION);
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "Pillar");
        g.writeStringField("vendor_name", "Pillar");
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("finding_info");
        g.writeStringField("uid", d.id().toString());
        g.writeStringField("title", d.title());
        g.writeStringField("desc", d.description());
        if (d.firstSeen() != null) {
            g.writeNumberField("first_seen_time", d.firstSeen().toEpochMilli());
        }
        if (d.lastSeen() != null) {
            g.writeNumberField("last_seen_time", d.lastSeen().toEpochMilli());
        }
        g.writeObjectFieldStart("analytic");
        g.writeStringField("uid", d.rule());
        g.writeStringField("name", d.rule());
        g.writeNumberField("type_id", 1);
        g.writeStringField("type", "Rule");
        g.writeEndObject();
        g.writeArrayFieldStart("related_events");
        g.writeEndArray();
        g.writeEndObject();
        g.writeFieldName("resources");
        g.writeRawValue(d.resourcesJson() == null ? "[]" : d.resourcesJson());
        g.writeArrayFieldStart("vulnerabilities");
        if (d.vulnerabilitiesJson() != null && !d.vulnerabilitiesJson().equals("[]")) {
            for (JsonNode v : JSON.readTree(d.vulnerabilitiesJson())) {
                writeVulnerability(g, v);
            }
        }
        g.writeEndArray();
        if (d.remediation() != null) {
            g.writeObjectFieldStart("remediation");
            g.writeStringField("desc", d.remediation());
            g.writeEndObject();
        }
        if (d.compliance() != null && d.compliance().length > 0) {
            g.writeObjectFieldStart("compliance");
            g.writeArrayFieldStart("requirements");
            for (String c : d.compliance()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeObjectFieldStart("unmapped");
        g.writeObjectFieldStart("pillar");
        g.writeStringField("finding_id", d.id().toString());
        g.writeStringField("fingerprint", d.fingerprint());
        g.writeStringField("format", d.format());
        g.writeStringField("product", d.product());
        g.writeStringField("rule", d.rule());
        g.writeStringField("source_uid", d.uid());
        g.writeStringField("team", d.team());
        g.writeStringField("scope", d.scope());
        g.writeStringField("location", d.location());
        g.writeStringField("import_id", d.importId() == null ? null : d.importId().toString());
        g.writeArrayFieldStart("best_practices");
        if (d.bestPractices() != null) {
            for (String bp : d.bestPractices()) {
                g.writeString(bp);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A stored vulnerability (Pillar's flat form) as OCSF: cve with cvss and epss, cwe, affected package. */
    private static void writeVulnerability(JsonGenerator g, JsonNode v) throws IOException {
        g.writeStartObject();
        if (v.hasNonNull("cve")) {
            g.writeObjectFieldStart("cve");
            g.writeStringField("uid", v.get("cve").asText());
            if (v.hasNonNull("cvss_score") || v.hasNonNull("cvss_vector")) {
                g.writeArrayFieldStart("cvss");
                g.writeStartObject();
                if (v.hasNonNull("cvss_score")) {
                    g.writeNumberField("base_score", v.get("cvss_score").asDouble());
                }
                if (v.hasNonNull("cvss_vector")) {
                    g.writeStringField("vector_string", v.get("cvss_vector").asText());
                }
                g.writeEndObject();
                g.writeEndArray();
            }
            if (v.hasNonNull("epss")) {
                g.writeObjectFieldStart("epss");
                g.writeStringField("score", v.get("epss").asText());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        if (v.hasNonNull("cwe")) {
            g.writeObjectFieldStart("cwe");
            g.writeStringField("uid", v.get("cwe").asText());
            g.writeEndObject();
        }
        if (v.hasNonNull("package_name")) {
            g.writeArrayFieldStart("affected_packages");
            g.writeStartObject();
            g.writeStringField("name", v.get("package_name").asText());
            if (v.hasNonNull("installed_version")) {
                g.writeStringField("version", v.get("installed_version").asText());
            }
            if (v.hasNonNull("fixed_version")) {
                g.writeStringField("fixed_in_version", v.get("fixed_version").asText());
            }
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** OCSF finding status: 1 new, 2 in progress, 3 suppressed, 4 resolved. */
    public static int statusId(String status) {
        return switch (status) {
            case "new" -> 1;
            case "triaged", "in_progress" -> 2;
            case "suppressed", "false_positive", "risk_accepted" -> 3;
            case "resolved" -> 4;
            default -> 99;
        };
    }

    private static String className(int classUid) {
        return switch (classUid) {
            case 2002 -> "Vulnerability Finding";
            case 2003 -> "Compliance Finding";
            default -> "Detection Finding";
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private FindingEvents() {
    }
}
