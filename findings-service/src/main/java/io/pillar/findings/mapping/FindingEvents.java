package io.pillar.findings.mapping;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.findings.Finding;
import io.pillar.findings.parser.Severity;
import io.pillar.findings.repository.FindingRow;

/**
 * pillar.findings.events records: a CloudEvents 1.0 envelope whose data is an OCSF finding (contracts:
 * schemas/finding-event.schema.json), with Pillar's own fields under {@code unmapped.pillar}.
 */
public final class FindingEvents {
    public static final String CREATED = "io.pillar.finding.created";
    public static final String UPDATED = "io.pillar.finding.updated";
    public static final String STATUS_CHANGED = "io.pillar.finding.status_changed";
    public static final String RESOLVED = "io.pillar.finding.resolved";
    private static final ObjectMapper JSON = new ObjectMapper();
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
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", "/pillar/findings-service")
                .put("type", type)
                .put("subject", d.id().toString())
                .put("time", time.toString())
                .put("datacontenttype", "application/json")
                .put("dataschema", "https://pillar.io/schemas/finding-event.schema.json");
        event.set("data", ocsf(d, time));
        return event.toString();
    }

    /** An audit event for pillar.audit, written through the outbox with the change it records. */
    public static io.pillar.findings.repository.FindingWriter.OutboxRow audit(String actor, String action,
            String resource, String status, String reason, Instant time) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", "/pillar/findings-service")
                .put("type", "io.pillar.audit.recorded")
                .put("time", time.toString())
                .put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.put("actor", actor).put("action", action).put("resource", resource).put("outcome", "success");
        data.putObject("after").put("status", status).put("reason", reason);
        return new io.pillar.findings.repository.FindingWriter.OutboxRow(io.pillar.contracts.Topic.AUDIT.topicName(),
                resource, "io.pillar.audit.recorded", event.toString());
    }

    /** A stored finding as an OCSF finding object (what exports write). */
    public static ObjectNode ocsf(Finding f) {
        return ocsf(of(f), f.updatedAt == null ? f.lastSeen : f.updatedAt);
    }

    static ObjectNode ocsf(Data d, Instant time) {
        ObjectNode f = JSON.createObjectNode()
                .put("class_uid", d.classUid())
                .put("class_name", className(d.classUid()))
                .put("category_uid", 2)
                .put("category_name", "Findings")
                .put("activity_id", 2)
                .put("severity_id", d.severityId())
                .put("severity", capitalize(Severity.label(d.severityId())))
                .put("status_id", statusId(d.status()))
                .put("status", d.status())
                .put("time", time.toEpochMilli());
        f.putObject("metadata").put("version", OCSF_VERSION).putObject("product").put("name", "Pillar")
                .put("vendor_name", "Pillar");
        ObjectNode info = f.putObject("finding_info").put("uid", d.id().toString()).put("title", d.title())
                .put("desc", d.description());
        if (d.firstSeen() != null) {
            info.put("first_seen_time", d.firstSeen().toEpochMilli());
        }
        if (d.lastSeen() != null) {
            info.put("last_seen_time", d.lastSeen().toEpochMilli());
        }
        info.putObject("analytic").put("uid", d.rule()).put("name", d.rule()).put("type_id", 1)
                .put("type", "Rule");
        info.putArray("related_events");
        f.set("resources", parse(d.resourcesJson()));
        ArrayNode vulnerabilities = f.putArray("vulnerabilities");
        for (JsonNode v : parse(d.vulnerabilitiesJson())) {
            ObjectNode out = vulnerabilities.addObject();
            if (v.hasNonNull("cve")) {
                ObjectNode cve = out.putObject("cve").put("uid", v.get("cve").asText());
                if (v.hasNonNull("cvss_score") || v.hasNonNull("cvss_vector")) {
                    ObjectNode cvss = cve.putArray("cvss").addObject();
                    if (v.hasNonNull("cvss_score")) {
                        cvss.put("base_score", v.get("cvss_score").asDouble());
                    }
                    if (v.hasNonNull("cvss_vector")) {
                        cvss.put("vector_string", v.get("cvss_vector").asText());
                    }
                }
                if (v.hasNonNull("epss")) {
                    cve.putObject("epss").put("score", v.get("epss").asText());
                }
            }
            if (v.hasNonNull("cwe")) {
                out.putObject("cwe").put("uid", v.get("cwe").asText());
            }
            if (v.hasNonNull("package_name")) {
                ObjectNode pkg = out.putArray("affected_packages").addObject().put("name",
                        v.get("package_name").asText());
                if (v.hasNonNull("installed_version")) {
                    pkg.put("version", v.get("installed_version").asText());
                }
                if (v.hasNonNull("fixed_version")) {
                    pkg.put("fixed_in_version", v.get("fixed_version").asText());
                }
            }
        }
        if (d.remediation() != null) {
            f.putObject("remediation").put("desc", d.remediation());
        }
        if (d.compliance() != null && d.compliance().length > 0) {
            ArrayNode requirements = f.putObject("compliance").putArray("requirements");
            for (String c : d.compliance()) {
                requirements.add(c);
            }
        }
        ObjectNode pillar = f.putObject("unmapped").putObject("pillar")
                .put("finding_id", d.id().toString())
                .put("fingerprint", d.fingerprint())
                .put("format", d.format())
                .put("product", d.product())
                .put("rule", d.rule())
                .put("source_uid", d.uid())
                .put("team", d.team())
                .put("scope", d.scope())
                .put("location", d.location())
                .put("import_id", d.importId() == null ? null : d.importId().toString());
        ArrayNode bps = pillar.putArray("best_practices");
        if (d.bestPractices() != null) {
            for (String bp : d.bestPractices()) {
                bps.add(bp);
            }
        }
        return f;
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

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json == null ? "[]" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private FindingEvents() {
    }
}
