package io.pillar.findings.parser.snyk;

import static io.pillar.findings.parser.ReportFields.at;
import static io.pillar.findings.parser.ReportFields.elements;
import static io.pillar.findings.parser.ReportFields.number;
import static io.pillar.findings.parser.ReportFields.required;
import static io.pillar.findings.parser.ReportFields.text;
import static io.pillar.findings.parser.ReportFields.texts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.Fingerprint;
import io.pillar.findings.parser.JsonRecords;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.MarkedParser;
import io.pillar.findings.parser.Marks;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportFields;
import io.pillar.findings.parser.ReportSource;
import io.pillar.findings.parser.Severity;

/**
 * Snyk Open Source and Snyk Container JSON ({@code snyk test --json}, {@code snyk container test --json}): one project
 * or an array of them ({@code --all-projects}), a container's applications ({@code --app-vulns}) each a project of its
 * own. Every vulnerability of every dependency path is a finding; those under
 * {@code filtered.ignore} (ignored in the Snyk policy) are kept as suppressed. The project is written after its
 * vulnerabilities, so the report is read twice. Fingerprint: tool, project, vulnerability id, package, dependency
 * path by package names.
 */
@ApplicationScoped
public class SnykParser extends MarkedParser {
    private static final List<List<String>> RECORDS = JsonRecords.paths("vulnerabilities", "filtered/ignore",
            "applications/vulnerabilities");

    public SnykParser() {
        super(new Marks("snyk", 80, List.of("vulnerabilities", "packageManager", "dependencyCount")));
    }

    @Override
    public void parse(ReportSource report, FindingSink sink) throws IOException, MalformedReportException {
        JsonRecords.read(report, RECORDS, "a Snyk report (vulnerabilities)", sink, (index, vulnerability, context) -> {
            try {
                // an application found in a container image (--app-vulns) is a project of its own
                boolean ignored = !isProject(context.parent());
                JsonNode project = isProject(context.parent()) ? context.parent() : context.report();
                sink.accept(vulnerability(vulnerability, project, ignored));
            } catch (IllegalArgumentException e) {
                sink.reject(index, e.getMessage());
            }
        });
    }

    /** A project's object (the report, or an application of a container) rather than its {@code filtered} part. */
    private static boolean isProject(JsonNode node) {
        return node.has("projectName") || node.has("packageManager") || node.has("targetFile")
                || node.has("displayTargetFile");
    }

    static NormalizedFinding vulnerability(JsonNode v, JsonNode project, boolean ignored) {
        String id = required(v, "id");
        String pkg = required(v, "packageName");
        String version = text(v, "version");
        List<String> from = texts(v.get("from"));
        NormalizedFinding.Resource resource = resource(project);
        String target = text(project, "displayTargetFile");
        List<String> fixedIn = texts(v.get("fixedIn"));
        String fixed = fixedIn.isEmpty() ? text(v, "nearestFixedInVersion") : String.join(", ", fixedIn);
        List<String> cves = texts(at(v, "identifiers", "CVE"));
        List<String> cwes = texts(at(v, "identifiers", "CWE"));
        Double score = number(v, "cvssScore");
        String label = text(v, "severityWithCritical") != null ? text(v, "severityWithCritical") : text(v, "severity");
        int severity = Severity.fromLabel(label);
        String title = required(v, "title") + " in " + pkg + (version == null ? "" : "@" + version);
        return new NormalizedFinding("snyk",
                Fingerprint.of("snyk", resource.uid(), target, id, pkg, String.join(" > ", names(from))),
                NormalizedFinding.VULNERABILITY,
                severity == Severity.UNKNOWN && score != null ? Severity.fromScore(score) : severity,
                ignored ? NormalizedFinding.SUPPRESSED : NormalizedFinding.NEW, id, title,
                description(v, from), "Snyk", id, List.of(resource),
                List.of(new NormalizedFinding.Vulnerability(cves.isEmpty() ? null : cves.get(0),
                        cwes.isEmpty() ? null : cwes.get(0), text(v, "CVSSv3"), score,
                        number(v, "epssDetails", "probability"), pkg, version, fixed)),
                remediation(v, pkg, fixed), List.of(), target, ReportFields.instant(v, "disclosureTime"),
                ReportFields.raw(v));
    }

    /**
     * The project: a container image by its reference ({@code path} of Snyk Container), an open source project by its
     * name (its {@code path} is the directory it was tested in, which differs between machines).
     */
    static NormalizedFinding.Resource resource(JsonNode project) {
        boolean container = project.has("docker") || String.valueOf(text(project, "projectName"))
                .startsWith("docker-image|");
        String uid = container && text(project, "path") != null ? text(project, "path") : text(project, "projectName");
        return new NormalizedFinding.Resource(uid == null ? "unknown" : uid,
                container ? "container-image" : "code-project", text(project, "displayTargetFile"), null, null);
    }

    /** {@code a@1 > b@2} as {@code a > b}: a new version of a dependency on the path is the same finding. */
    private static List<String> names(List<String> from) {
        List<String> out = new ArrayList<>(from.size());
        for (String step : from) {
            int at = step.lastIndexOf('@');
            out.add(at > 0 ? step.substring(0, at) : step);
        }
        return out;
    }

    private static String description(JsonNode v, List<String> from) {
        String path = from.isEmpty() ? "" : "Introduced through " + String.join(" > ", from) + ".\n\n";
        String text = text(v, "description");
        return text == null ? (path.isEmpty() ? null : path.strip()) : path + text;
    }

    /** The upgrade of the direct dependency when Snyk names one, else the fixed versions of the package. */
    private static String remediation(JsonNode v, String pkg, String fixed) {
        JsonNode upgrade = v.get("upgradePath");
        if (v.path("isUpgradable").asBoolean(false)) {
            for (JsonNode step : elements(upgrade)) {
                if (step.isTextual()) {
                    return "Upgrade to " + step.asText();
                }
            }
        }
        if (v.path("isPatchable").asBoolean(false)) {
            return "Apply the Snyk patch for " + pkg;
        }
        return fixed == null ? null : "Upgrade " + pkg + " to " + fixed;
    }
}
