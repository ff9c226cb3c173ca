package io.pillar.findings.parser.asff;

import static io.pillar.findings.parser.ReportFields.at;
import static io.pillar.findings.parser.ReportFields.instant;
import static io.pillar.findings.parser.ReportFields.number;
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
 * AWS Security Finding Format (Security Hub), including GuardDuty, Inspector and Config findings as Security Hub
 * delivers them: a {@code Findings} array (the API's and EventBridge's shape) or a bare array. Fingerprint: ProductArn
 * and Id, which Security Hub keeps for a finding across its updates.
 */
@ApplicationScoped
public class AsffParser implements FindingParser {

    @Override
    public String format() {
        return "asff";
    }

    @Override
    public int detect(ReportHead head) {
        int score = 0;
        if (head.keyValue("SchemaVersion", "2018-10-08")) {
            score += 60;
        }
        if (head.key("ProductArn")) {
            score += 30;
        }
        if (head.key("AwsAccountId") && head.key("GeneratorId")) {
            score += 20;
        }
        return score;
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        JsonReport.forEachFinding(report, Set.of("Findings", "findings"), "ASFF findings", sink, AsffParser::map, true);
    }

    static NormalizedFinding map(JsonNode f) {
        String id = required(f, "Id");
        String productArn = required(f, "ProductArn");
        String title = required(f, "Title");
        String account = text(f, "AwsAccountId");
        List<NormalizedFinding.Resource> resources = new ArrayList<>();
        for (JsonNode r : ReportFields.elements(f.get("Resources"))) {
            resources.add(new NormalizedFinding.Resource(required(r, "Id"), text(r, "Type"), text(r, "Id"),
                    text(r, "Region"), account));
        }
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("Resources must name at least one resource");
        }
        List<NormalizedFinding.Vulnerability> vulnerabilities = new ArrayList<>();
        for (JsonNode v : ReportFields.elements(f.get("Vulnerabilities"))) {
            JsonNode cvss = first(v.get("Cvss"));
            JsonNode pkg = first(v.get("VulnerablePackages"));
            String vid = text(v, "Id");
            vulnerabilities.add(new NormalizedFinding.Vulnerability(vid, cwe(v), text(cvss, "BaseVector"),
                    number(cvss, "BaseScore"), number(v, "EpssScore"), text(pkg, "Name"), text(pkg, "Version"),
                    text(pkg, "FixedInVersion")));
        }
        JsonNode compliance = f.get("Compliance");
        int classUid = !vulnerabilities.isEmpty()
                ? NormalizedFinding.VULNERABILITY
                : compliance != null && compliance.isObject()
                        ? NormalizedFinding.COMPLIANCE
                        : NormalizedFinding.DETECTION;
        List<String> controls = new ArrayList<>();
        String control = firstNonNull(text(compliance, "SecurityControlId"), text(f, "ProductFields", "ControlId"));
        if (control != null) {
            controls.add(control);
        }
        controls.addAll(texts(at(compliance, "RelatedRequirements")));
        String rule = firstNonNull(control, vulnerabilities.isEmpty() ? null : vulnerabilities.get(0).cve(),
                firstType(f), text(f, "GeneratorId"));
        return new NormalizedFinding("asff", Fingerprint.of("asff", productArn, id), classUid, severity(f),
                status(f), id, title, text(f, "Description"), product(f, productArn), rule, resources,
                vulnerabilities,
                remediation(f),
                controls, null, firstNonNull(instant(f, "FirstObservedAt"), instant(f, "CreatedAt")),
                ReportFields.raw(f));
    }

    /** Severity.Label, else the 0-100 Normalized score (Security Hub's own bands), else Product. */
    private static int severity(JsonNode f) {
        String label = text(f, "Severity", "Label");
        if (label != null) {
            return Severity.fromLabel(label);
        }
        Double normalized = number(f, "Severity", "Normalized");
        if (normalized != null) {
            double n = normalized;
            return n == 0
                    ? Severity.INFORMATIONAL
                    : n < 40
                            ? Severity.LOW
                            : n < 70
                                    ? Severity.MEDIUM
                                    : n < 90 ? Severity.HIGH : Severity.CRITICAL;
        }
        Double product = number(f, "Severity", "Product");
        return product == null ? Severity.UNKNOWN : Severity.fromScore(product);
    }

    /** Resolved when archived, resolved in the workflow, or a passed check; suppressed when suppressed there. */
    private static String status(JsonNode f) {
        String workflow = firstNonNull(text(f, "Workflow", "Status"), text(f, "WorkflowState"));
        if ("SUPPRESSED".equals(workflow)) {
            return NormalizedFinding.SUPPRESSED;
        }
        if ("ARCHIVED".equals(text(f, "RecordState")) || "RESOLVED".equals(workflow)
                || "PASSED".equals(text(f, "Compliance", "Status"))) {
            return NormalizedFinding.RESOLVED;
        }
        return NormalizedFinding.NEW;
    }

    private static String remediation(JsonNode f) {
        String text = text(f, "Remediation", "Recommendation", "Text");
        String url = text(f, "Remediation", "Recommendation", "Url");
        return text == null ? url : url == null ? text : text + " " + url;
    }

    private static String product(JsonNode f, String productArn) {
        String name = firstNonNull(text(f, "ProductName"), text(f, "ProductFields", "aws/securityhub/ProductName"));
        return name != null ? name : productArn.substring(productArn.lastIndexOf('/') + 1);
    }

    private static String firstType(JsonNode f) {
        List<String> types = texts(f.get("Types"));
        return types.isEmpty() ? null : types.get(0);
    }

    private static String cwe(JsonNode v) {
        for (JsonNode ref : ReportFields.elements(v.get("RelatedVulnerabilities"))) {
            if (ref.asText().startsWith("CWE-")) {
                return ref.asText();
            }
        }
        return null;
    }

    private static JsonNode first(JsonNode array) {
        return array != null && array.isArray() && !array.isEmpty() ? array.get(0) : null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
