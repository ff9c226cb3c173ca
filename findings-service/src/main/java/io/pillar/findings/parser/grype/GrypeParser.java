package io.pillar.findings.parser.grype;

import static io.pillar.findings.parser.ReportFields.at;
import static io.pillar.findings.parser.ReportFields.elements;
import static io.pillar.findings.parser.ReportFields.number;
import static io.pillar.findings.parser.ReportFields.required;
import static io.pillar.findings.parser.ReportFields.text;
import static io.pillar.findings.parser.ReportFields.texts;

import java.io.IOException;
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
 * Anchore Grype JSON ({@code grype -o json}): every match is a vulnerability of a package found in the scanned
 * source (an image, a directory, a file, an SBOM); matches in {@code ignoredMatches} (ignored by the Grype
 * configuration) are kept as suppressed. The source is written after the matches, so the report is read twice.
 * Fingerprint: tool, source, package name and type, first location, vulnerability id.
 */
@ApplicationScoped
public class GrypeParser extends MarkedParser {
    private static final List<List<String>> RECORDS = JsonRecords.paths("matches", "ignoredMatches");

    public GrypeParser() {
        super(new Marks("grype", 80, List.of("matches", "matchDetails", "artifact")));
    }

    @Override
    public void parse(ReportSource report, FindingSink sink) throws IOException, MalformedReportException {
        JsonRecords.read(report, RECORDS, "a Grype report (matches)", sink, (index, match, context) -> {
            try {
                sink.accept(match(match, context.report(), match.has("appliedIgnoreRules")));
            } catch (IllegalArgumentException e) {
                sink.reject(index, e.getMessage());
            }
        });
    }

    /** One match; {@code ignored} when it is an entry of {@code ignoredMatches} (it names the rules applied). */
    static NormalizedFinding match(JsonNode match, JsonNode report, boolean ignored) {
        JsonNode vulnerability = match.path("vulnerability");
        JsonNode artifact = match.path("artifact");
        String id = required(match, "vulnerability", "id");
        String name = required(match, "artifact", "name");
        String version = text(artifact, "version");
        String type = text(artifact, "type");
        String location = firstLocation(artifact);
        NormalizedFinding.Resource resource = resource(report);
        List<JsonNode> related = toList(match.get("relatedVulnerabilities"));
        String cve = id.startsWith("CVE-")
                ? id
                : related.stream().map(r -> text(r, "id"))
                        .filter(r -> r != null && r.startsWith("CVE-")).findFirst().orElse(null);
        JsonNode cvss = bestCvss(vulnerability, related);
        Double score = number(cvss, "metrics", "baseScore");
        String fixed = fixedVersions(vulnerability);
        String description = text(vulnerability, "description");
        if (description == null) {
            description = related.stream().map(r -> text(r, "description")).filter(d -> d != null).findFirst()
                    .orElse(null);
        }
        String title = id + " " + name + (version == null ? "" : " " + version);
        return new NormalizedFinding("grype",
                Fingerprint.of("grype", resource.uid(), name, type, location, id),
                NormalizedFinding.VULNERABILITY, severity(text(vulnerability, "severity"), score),
                ignored ? NormalizedFinding.SUPPRESSED : NormalizedFinding.NEW, id, title, description, "Grype", id,
                List.of(resource),
                List.of(new NormalizedFinding.Vulnerability(cve, cwe(vulnerability), text(cvss, "vector"), score,
                        epss(vulnerability), name, version, fixed)),
                remediation(vulnerability, name, fixed), List.of(), location,
                ReportFields.instant(report, "descriptor", "timestamp"), ReportFields.raw(match));
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        elements(array).forEach(out::add);
        return out;
    }

    /** The scanned source: an image by the name it was asked for, a directory or file by its path. */
    static NormalizedFinding.Resource resource(JsonNode report) {
        JsonNode source = report.path("source");
        String kind = text(source, "type");
        JsonNode target = source.get("target");
        String uid = target != null && target.isTextual()
                ? target.asText()
                : text(target, "userInput") != null ? text(target, "userInput") : text(target, "name");
        String type = "image".equals(kind) ? "container-image" : kind == null ? "artifact" : kind;
        String digest = text(target, "manifestDigest");
        return new NormalizedFinding.Resource(uid == null ? "unknown" : uid, type, digest, null, null);
    }

    private static String firstLocation(JsonNode artifact) {
        for (JsonNode l : elements(artifact.get("locations"))) {
            String path = text(l, "path");
            if (path != null) {
                return path;
            }
        }
        return null;
    }

    /** Grype's own score first, then the related records' (NVD's); CVSS v3 before v2. */
    private static JsonNode bestCvss(JsonNode vulnerability, List<JsonNode> related) {
        JsonNode best = null;
        for (JsonNode holder : concat(vulnerability, related)) {
            for (JsonNode c : elements(holder.get("cvss"))) {
                String v = text(c, "version");
                if (v != null && v.startsWith("3") || v != null && v.startsWith("4")) {
                    return c;
                }
                if (best == null) {
                    best = c;
                }
            }
        }
        return best;
    }

    private static List<JsonNode> concat(JsonNode first, List<JsonNode> rest) {
        List<JsonNode> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Grype's severities; Negligible is informational; Unknown falls back to the CVSS score. */
    static int severity(String label, Double score) {
        if (label != null && label.equalsIgnoreCase("negligible")) {
            return Severity.INFORMATIONAL;
        }
        int s = Severity.fromLabel(label);
        return s == Severity.UNKNOWN && score != null ? Severity.fromScore(score) : s;
    }

    private static String fixedVersions(JsonNode vulnerability) {
        List<String> versions = texts(at(vulnerability, "fix", "versions"));
        return versions.isEmpty() ? null : String.join(", ", versions);
    }

    private static String remediation(JsonNode vulnerability, String name, String fixed) {
        String state = text(vulnerability, "fix", "state");
        if (fixed != null && !"wont-fix".equals(state)) {
            return "Upgrade " + name + " to " + fixed;
        }
        return "wont-fix".equals(state) ? "The maintainers of " + name + " will not fix this vulnerability" : null;
    }

    /** EPSS, when Grype wrote it (0.80 and later: {@code vulnerability.epss[].epss}). */
    private static Double epss(JsonNode vulnerability) {
        for (JsonNode e : elements(vulnerability.get("epss"))) {
            Double value = number(e, "epss");
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String cwe(JsonNode vulnerability) {
        for (JsonNode c : elements(vulnerability.get("cwes"))) {
            String value = text(c, "cwe");
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
