package io.pillar.findings.parser.trivy;

import static io.pillar.findings.parser.ReportFields.at;
import static io.pillar.findings.parser.ReportFields.number;
import static io.pillar.findings.parser.ReportFields.text;
import static io.pillar.findings.parser.ReportFields.texts;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.Fingerprint;
import io.pillar.findings.parser.JsonReport;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportFields;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.parser.Severity;

/**
 * Trivy JSON: the current schema (SchemaVersion 2: ArtifactName, Results), the legacy one (an array of results), and
 * Kubernetes reports (ClusterName with Resources, Vulnerabilities or Misconfigurations lists of workloads), and Trivy
 * Operator's report resources ({@link OperatorReports}). Every
 * vulnerability, misconfiguration, secret and license of every result is a finding; results are streamed one at a
 * time. Fingerprints: artifact (or workload), target, and the package and vulnerability id; the check id and cause
 * line; the secret rule and line; the package and license.
 */
@ApplicationScoped
public class TrivyParser implements FindingParser {
    private static final Set<String> WORKLOAD_LISTS = Set.of("Resources", "Vulnerabilities", "Misconfigurations");
    /** A Trivy Operator report resource's fields (a List of them has {@code items}). */
    private static final Set<String> OPERATOR_FIELDS = Set.of("apiVersion", "kind", "metadata", "report");

    @Override
    public String format() {
        return "trivy";
    }

    @Override
    public int detect(ReportHead head) {
        int score = 0;
        if (head.key("ArtifactName") || head.key("ClusterName")) {
            score += 50;
        }
        if (head.key("Results") || head.key("Target")) {
            score += 20;
        }
        if (head.key("VulnerabilityID") || head.key("MisconfSummary") || head.key("InstalledVersion")) {
            score += 30;
        }
        if (head.has("\"" + OperatorReports.API_GROUP)) {
            return 90;
        }
        return head.key("Target") || head.key("ArtifactName") || head.key("ClusterName") ? score : 0;
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        JsonReport.read(report, p -> {
            long[] index = {0};
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                forEachObject(p, index, sink, result -> results(null, null, result, index, sink));
            } else if (first == JsonToken.START_OBJECT) {
                String artifact = null;
                String cluster = null;
                boolean any = false;
                ObjectNode operatorReport = JsonReport.MAPPER.createObjectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken value = p.nextToken();
                    if (OPERATOR_FIELDS.contains(key)) {
                        operatorReport.set(key, p.readValueAsTree());
                    } else if (key.equals("items") && value == JsonToken.START_ARRAY) {
                        any = true;
                        forEachObject(p, index, sink, item -> OperatorReports.read(item, index, sink));
                    } else if (key.equals("ArtifactName") || key.equals("ClusterName")) {
                        if (key.equals("ArtifactName")) {
                            artifact = p.getValueAsString();
                        } else {
                            cluster = p.getValueAsString();
                        }
                    } else if (key.equals("Results") && value == JsonToken.START_ARRAY) {
                        any = true;
                        String a = artifact;
                        forEachObject(p, index, sink, result -> results(a, null, result, index, sink));
                    } else if (WORKLOAD_LISTS.contains(key) && value == JsonToken.START_ARRAY) {
                        any = true;
                        String c = cluster;
                        forEachObject(p, index, sink, workload -> {
                            String uid = "k8s:" + (c == null ? "" : c + "/") + text(workload, "Namespace") + "/"
                                    + text(workload, "Kind") + "/" + text(workload, "Name");
                            for (JsonNode result : ReportFields.elements(workload.get("Results"))) {
                                results(c, uid, result, index, sink);
                            }
                        });
                    } else {
                        p.skipChildren();
                    }
                }
                if (OperatorReports.isOperatorApi(text(operatorReport, "apiVersion")) && operatorReport.has("report")) {
                    any = true;
                    OperatorReports.read(operatorReport, index, sink);
                }
                if (!any && artifact == null && cluster == null) {
                    throw JsonReport.malformed(p, "expected a Trivy report: ArtifactName with Results, ClusterName"
                            + " with Resources, or Trivy Operator reports");
                }
            } else {
                throw JsonReport.malformed(p, "expected a Trivy report: a JSON object or array");
            }
            JsonReport.expectEnd(p, "Trivy report");
        });
    }

    private interface ObjectHandler {
        void handle(JsonNode node);
    }

    private static void forEachObject(JsonParser p, long[] index, FindingSink sink, ObjectHandler handler)
            throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
                handler.handle(p.readValueAsTree());
            } else {
                p.skipChildren();
                sink.reject(index[0]++, "expected a JSON object, found " + t);
            }
        }
    }

    /** Every item of one result (a scanned target), for an artifact or a Kubernetes workload. */
    private static void results(String artifact, String workload, JsonNode result, long[] index, FindingSink sink) {
        String target = text(result, "Target");
        String scope = workload != null ? workload : artifact != null ? artifact : target;
        String resourceType = workload != null
                ? "kubernetes-workload"
                : "container_image".equals(text(result, "Class")) || "os-pkgs".equals(text(result, "Class"))
                        ? "container-image"
                        : "artifact";
        NormalizedFinding.Resource resource = new NormalizedFinding.Resource(scope == null ? "unknown" : scope,
                resourceType, target, null, null);
        for (JsonNode v : ReportFields.elements(result.get("Vulnerabilities"))) {
            emit(index, sink, () -> vulnerability(resource, target, v));
        }
        for (JsonNode m : ReportFields.elements(result.get("Misconfigurations"))) {
            emit(index, sink, () -> misconfiguration(resource, target, m));
        }
        for (JsonNode s : ReportFields.elements(result.get("Secrets"))) {
            emit(index, sink, () -> secret(resource, target, s));
        }
        for (JsonNode l : ReportFields.elements(result.get("Licenses"))) {
            emit(index, sink, () -> license(resource, target, l));
        }
    }

    interface Mapping {
        NormalizedFinding map();
    }

    static void emit(long[] index, FindingSink sink, Mapping mapping) {
        long i = index[0]++;
        try {
            sink.accept(mapping.map());
        } catch (IllegalArgumentException e) {
            sink.reject(i, e.getMessage());
        }
    }

    static NormalizedFinding vulnerability(NormalizedFinding.Resource resource, String target, JsonNode v) {
        String id = required(v, "VulnerabilityID");
        String pkg = required(v, "PkgName");
        String installed = text(v, "InstalledVersion");
        JsonNode cvss = bestCvss(v.get("CVSS"), text(v, "SeveritySource"));
        List<String> cwes = texts(v.get("CweIDs"));
        String title = (id + " " + pkg + (installed == null ? "" : " " + installed)).trim();
        return new NormalizedFinding("trivy", Fingerprint.of("trivy", "vulnerability", resource.uid(), target, pkg, id),
                NormalizedFinding.VULNERABILITY, Severity.fromLabel(text(v, "Severity")), NormalizedFinding.NEW, id,
                title, text(v, "Title") != null
                        ? text(v, "Title") + ". " + nullToEmpty(text(v, "Description"))
                        : text(v, "Description"),
                "Trivy", id, List.of(resource),
                List.of(new NormalizedFinding.Vulnerability(id.startsWith("CVE-") ? id : null,
                        cwes.isEmpty() ? null : cwes.get(0), text(cvss, "V3Vector"), number(cvss, "V3Score"), null,
                        pkg, installed, text(v, "FixedVersion"))),
                text(v, "FixedVersion") == null ? null : "Upgrade " + pkg + " to " + text(v, "FixedVersion"),
                List.of(), target, null, ReportFields.raw(v));
    }

    static NormalizedFinding misconfiguration(NormalizedFinding.Resource resource, String target, JsonNode m) {
        String id = required(m, "ID");
        String status = text(m, "Status");
        Double line = number(m, "CauseMetadata", "StartLine");
        String location = line == null ? target : target + ":" + line.longValue();
        return new NormalizedFinding("trivy",
                Fingerprint.of("trivy", "misconfiguration", resource.uid(), target, id,
                        line == null ? "" : Long.toString(line.longValue())),
                NormalizedFinding.COMPLIANCE, Severity.fromLabel(text(m, "Severity")),
                "PASS".equals(status)
                        ? NormalizedFinding.RESOLVED
                        : "EXCEPTION".equals(status) ? NormalizedFinding.SUPPRESSED : NormalizedFinding.NEW,
                text(m, "AVDID") != null ? text(m, "AVDID") : id,
                id + " - " + required(m, "Title"),
                text(m, "Message") != null ? text(m, "Message") : text(m, "Description"), "Trivy", id,
                List.of(resource), List.of(), text(m, "Resolution"), List.of(id), location, null, ReportFields.raw(m));
    }

    static NormalizedFinding secret(NormalizedFinding.Resource resource, String target, JsonNode s) {
        String rule = required(s, "RuleID");
        Double line = number(s, "StartLine");
        String location = line == null ? target : target + ":" + line.longValue();
        // the match and code excerpt hold the secret itself: never kept
        ObjectNode redacted = s.deepCopy();
        redacted.remove("Match");
        redacted.remove("Code");
        return new NormalizedFinding("trivy",
                Fingerprint.of("trivy", "secret", resource.uid(), target, rule,
                        line == null ? "" : Long.toString(line.longValue())),
                NormalizedFinding.DETECTION, Severity.fromLabel(text(s, "Severity")), NormalizedFinding.NEW, rule,
                required(s, "Title"), "Secret of category " + text(s, "Category") + " found in " + location,
                "Trivy", rule, List.of(resource), List.of(), "Revoke the secret and remove it from the source",
                List.of(), location, null, ReportFields.raw(redacted));
    }

    static NormalizedFinding license(NormalizedFinding.Resource resource, String target, JsonNode l) {
        String name = required(l, "Name");
        String pkg = text(l, "PkgName");
        String file = text(l, "FilePath");
        // a license found in files (no package) is one finding per file: the same license in two files is two
        String fingerprint = file == null
                ? Fingerprint.of("trivy", "license", resource.uid(), target, pkg, name)
                : Fingerprint.of("trivy", "license", resource.uid(), target, pkg, name, file);
        return new NormalizedFinding("trivy", fingerprint,
                NormalizedFinding.COMPLIANCE, Severity.fromLabel(text(l, "Severity")), NormalizedFinding.NEW, name,
                "License " + name + (pkg == null ? "" : " in " + pkg),
                "Category " + text(l, "Category") + (file == null ? "" : " in " + file),
                "Trivy", "license:" + name, List.of(resource), List.of(), null, List.of(), target, null,
                ReportFields.raw(l));
    }

    /** The CVSS of the severity source when present, else NVD's, else any. */
    private static JsonNode bestCvss(JsonNode cvss, String source) {
        if (cvss == null || !cvss.isObject() || cvss.isEmpty()) {
            return null;
        }
        if (source != null && cvss.has(source)) {
            return cvss.get(source);
        }
        return cvss.has("nvd") ? cvss.get("nvd") : cvss.elements().next();
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

}
