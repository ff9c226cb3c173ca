package io.pillar.findings.parser.pillar;

import static io.pillar.findings.parser.ReportFields.instant;
import static io.pillar.findings.parser.ReportFields.required;
import static io.pillar.findings.parser.ReportFields.text;
import static io.pillar.findings.parser.ReportFields.texts;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

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
 * Pillar's native findings (contracts: schemas/finding-raw.schema.json): an array of findings, an object with a
 * {@code findings} array, or CloudEvents envelopes of type {@code io.pillar.finding.reported} whose {@code data} is a
 * finding. Fingerprint: product, rule, resource uids (sorted), location.
 */
@ApplicationScoped
public class PillarParser implements FindingParser {
    static final String EVENT_TYPE = "io.pillar.finding.reported";

    @Override
    public String format() {
        return "pillar";
    }

    @Override
    public int detect(ReportHead head) {
        if (head.keyValue("type", EVENT_TYPE)) {
            return 100;
        }
        boolean finding = head.key("rule") && head.key("product") && head.key("severity") && head.key("resources");
        return finding ? (head.key("findings") ? 40 : 30) : 0;
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        JsonReport.forEachFinding(report, Set.of("findings"), "Pillar findings", sink, PillarParser::map, true);
    }

    static NormalizedFinding map(JsonNode record) {
        JsonNode finding = record.has("specversion") ? unwrap(record) : record;
        String product = required(finding, "product");
        String rule = required(finding, "rule");
        String severity = required(finding, "severity");
        int severityId = Severity.fromLabel(severity);
        if (severityId == Severity.UNKNOWN) {
            throw new IllegalArgumentException("severity must be informational, low, medium, high or critical, was "
                    + severity);
        }
        JsonNode resourcesNode = finding.get("resources");
        if (resourcesNode == null || !resourcesNode.isArray() || resourcesNode.isEmpty()) {
            throw new IllegalArgumentException("resources must name at least one resource");
        }
        List<NormalizedFinding.Resource> resources = new ArrayList<>();
        for (JsonNode r : resourcesNode) {
            resources.add(new NormalizedFinding.Resource(required(r, "uid"), text(r, "type"), text(r, "name"),
                    text(r, "region"), text(r, "account")));
        }
        List<String> resourceIds = resources.stream().map(NormalizedFinding.Resource::uid).sorted().toList();
        String location = text(finding, "location");
        List<NormalizedFinding.Vulnerability> vulnerabilities = new ArrayList<>();
        if (text(finding, "cve") != null) {
            vulnerabilities.add(new NormalizedFinding.Vulnerability(text(finding, "cve"), text(finding, "cwe"),
                    text(finding, "cvss_vector"), ReportFields.number(finding, "cvss_score"),
                    ReportFields.number(finding, "epss"), null, null, null));
        }
        boolean resolved = finding.path("resolved").asBoolean(false);
        return new NormalizedFinding("pillar",
                Fingerprint.of("pillar", product, rule, String.join("\n", resourceIds), location),
                vulnerabilities.isEmpty() ? NormalizedFinding.DETECTION : NormalizedFinding.VULNERABILITY,
                severityId, resolved ? NormalizedFinding.RESOLVED : NormalizedFinding.NEW,
                text(finding, "uid"), required(finding, "title"), text(finding, "description"), product, rule,
                resources, vulnerabilities, text(finding, "remediation"), texts(finding.get("compliance")), location,
                instant(finding, "first_seen"), ReportFields.raw(record));
    }

    private static JsonNode unwrap(JsonNode event) {
        if (!EVENT_TYPE.equals(text(event, "type"))) {
            throw new IllegalArgumentException("type must be " + EVENT_TYPE + ", was " + text(event, "type"));
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("data must be a finding object");
        }
        return data;
    }
}
