package io.pillar.findings.parser.inspector2;

import static io.pillar.findings.parser.ReportFields.at;
import static io.pillar.findings.parser.ReportFields.elements;
import static io.pillar.findings.parser.ReportFields.number;
import static io.pillar.findings.parser.ReportFields.required;
import static io.pillar.findings.parser.ReportFields.text;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.Fingerprint;
import io.pillar.findings.parser.JsonReport;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.Marks;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportFields;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.parser.Severity;

/**
 * Amazon Inspector's native findings: the {@code findings} of {@code aws inspector2 list-findings}, one finding, or
 * the EventBridge events that deliver them. Package vulnerabilities and code vulnerabilities are vulnerability
 * findings, network reachability a compliance finding. Fingerprint: tool and {@code findingArn} (Inspector keeps one
 * finding per resource and issue and updates it; the ARN is its identity).
 */
@ApplicationScoped
public class Inspector2Parser implements FindingParser {
    private static final Marks MARKS = new Marks("inspector2", 85,
            List.of("findingArn", "awsAccountId", "firstObservedAt"));

    @Override
    public String format() {
        return "inspector2";
    }

    @Override
    public int detect(ReportHead head) {
        return head.has("arn:aws:inspector2:") ? MARKS.score(head) : 0;
    }

    @Override
    public String nearMiss(ReportHead head) {
        return MARKS.nearMiss(head);
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        JsonReport.forEachFinding(report, Set.of("findings"), "Amazon Inspector findings (findings)", sink,
                Inspector2Parser::finding, true);
    }

    static NormalizedFinding finding(JsonNode f) {
        String arn = required(f, "findingArn");
        String type = required(f, "type");
        String account = text(f, "awsAccountId");
        List<NormalizedFinding.Resource> resources = new ArrayList<>();
        for (JsonNode r : elements(f.get("resources"))) {
            resources.add(new NormalizedFinding.Resource(required(r, "id"), resourceType(text(r, "type")),
                    name(r), text(r, "region"), account));
        }
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("resources is required (at least one)");
        }
        JsonNode packages = at(f, "packageVulnerabilityDetails");
        JsonNode code = at(f, "codeVulnerabilityDetails");
        JsonNode cvss = cvss(f);
        Double score = number(cvss, "score") != null ? number(cvss, "score") : number(cvss, "baseScore");
        String vulnerabilityId = text(packages, "vulnerabilityId");
        String cwe = firstText(code == null ? null : code.get("cwes"));
        List<NormalizedFinding.Vulnerability> vulnerabilities = new ArrayList<>();
        String cve = vulnerabilityId != null && vulnerabilityId.startsWith("CVE-") ? vulnerabilityId : null;
        Double epss = number(f, "epss", "score");
        for (JsonNode p : elements(packages == null ? null : packages.get("vulnerablePackages"))) {
            vulnerabilities.add(new NormalizedFinding.Vulnerability(cve, null, text(cvss, "scoringVector"), score,
                    epss, text(p, "name"), version(p), text(p, "fixedInVersion")));
        }
        if (vulnerabilities.isEmpty() && (cve != null || cwe != null)) {
            vulnerabilities.add(new NormalizedFinding.Vulnerability(cve, cwe, text(cvss, "scoringVector"), score, epss,
                    null, null, null));
        }
        String rule = switch (type) {
            case "PACKAGE_VULNERABILITY" -> vulnerabilityId != null ? vulnerabilityId : type;
            case "CODE_VULNERABILITY" -> text(code, "detectorId") != null ? text(code, "detectorId") : type;
            default -> type.toLowerCase(Locale.ROOT).replace('_', '-');
        };
        return new NormalizedFinding("inspector2", Fingerprint.of("inspector2", arn),
                "NETWORK_REACHABILITY".equals(type) ? NormalizedFinding.COMPLIANCE : NormalizedFinding.VULNERABILITY,
                severity(text(f, "severity"), score), status(text(f, "status")), arn, required(f, "title"),
                text(f, "description"), "Amazon Inspector", rule, resources, vulnerabilities, remediation(f),
                List.of(), location(f, code), ReportFields.instant(f, "firstObservedAt"), ReportFields.raw(f));
    }

    /** Inspector's adjusted CVSS (what its score is based on), else the first the package details list. */
    private static JsonNode cvss(JsonNode f) {
        JsonNode adjusted = at(f, "inspectorScoreDetails", "adjustedCvss");
        if (adjusted != null && adjusted.isObject()) {
            return adjusted;
        }
        for (JsonNode c : elements(at(f, "packageVulnerabilityDetails", "cvss"))) {
            return c;
        }
        return null;
    }

    /** INFORMATIONAL to CRITICAL; UNTRIAGED (no severity from the vendor yet) from the score when there is one. */
    static int severity(String label, Double score) {
        int s = Severity.fromLabel(label);
        return s == Severity.UNKNOWN && score != null ? Severity.fromScore(score) : s;
    }

    static String status(String status) {
        return switch (status == null ? "" : status) {
            case "CLOSED" -> NormalizedFinding.RESOLVED;
            case "SUPPRESSED" -> NormalizedFinding.SUPPRESSED;
            default -> NormalizedFinding.NEW;
        };
    }

    /** AWS_EC2_INSTANCE as AwsEc2Instance, the resource type names of the ASFF. */
    static String resourceType(String type) {
        if (type == null) {
            return "Other";
        }
        StringBuilder out = new StringBuilder();
        for (String word : type.toLowerCase(Locale.ROOT).split("_")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }

    private static String name(JsonNode r) {
        JsonNode image = at(r, "details", "awsEcrContainerImage");
        if (image != null) {
            return text(image, "repositoryName");
        }
        JsonNode lambda = at(r, "details", "awsLambdaFunction");
        return lambda != null ? text(lambda, "functionName") : null;
    }

    private static String version(JsonNode p) {
        String version = text(p, "version");
        String release = text(p, "release");
        return version == null ? null : release == null ? version : version + "-" + release;
    }

    private static String remediation(JsonNode f) {
        String text = text(f, "remediation", "recommendation", "text");
        if (text != null && !text.equals("None Provided")) {
            return text;
        }
        for (JsonNode p : elements(at(f, "packageVulnerabilityDetails", "vulnerablePackages"))) {
            if (text(p, "fixedInVersion") != null && !"NotAvailable".equals(text(p, "fixedInVersion"))) {
                return "Upgrade " + text(p, "name") + " to " + text(p, "fixedInVersion")
                        + (text(p, "remediation") != null ? " (" + text(p, "remediation") + ")" : "");
            }
        }
        return null;
    }

    /** A code vulnerability's file and line; a Lambda package's file path. */
    private static String location(JsonNode f, JsonNode code) {
        if (code != null) {
            String file = text(code, "filePath", "filePath");
            Double line = number(code, "filePath", "startLine");
            return file == null ? null : line == null ? file : file + ":" + line.longValue();
        }
        for (JsonNode p : elements(at(f, "packageVulnerabilityDetails", "vulnerablePackages"))) {
            if (text(p, "filePath") != null) {
                return text(p, "filePath");
            }
        }
        return null;
    }

    private static String firstText(JsonNode array) {
        for (JsonNode e : elements(array)) {
            if (e.isTextual() && !e.asText().isEmpty()) {
                return e.asText();
            }
        }
        return null;
    }
}
