package io.pillar.findings.parser.sarif;

import static io.pillar.findings.parser.ReportFields.at;
import static io.pillar.findings.parser.ReportFields.number;
import static io.pillar.findings.parser.ReportFields.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.findings.parser.Fingerprint;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportFields;

/** One run's tool and rules (by id and by index), and how each of its results becomes a finding. */
final class SarifRun {
    private final String tool;
    private final boolean secretScanner;
    private final List<JsonNode> driverRules = new ArrayList<>();
    private final TreeMap<String, JsonNode> rulesById = new TreeMap<>();
    private final String repository;

    SarifRun(JsonNode tool, JsonNode provenance) {
        String name = text(tool, "driver", "name");
        if (name == null) {
            throw new IllegalArgumentException("tool.driver.name is required");
        }
        this.tool = name;
        this.secretScanner = name.toLowerCase(Locale.ROOT).matches(".*(gitleaks|trufflehog|secret).*");
        for (JsonNode rule : ReportFields.elements(at(tool, "driver", "rules"))) {
            driverRules.add(rule);
            rulesById.putIfAbsent(text(rule, "id") == null ? "" : text(rule, "id"), rule);
        }
        for (JsonNode extension : ReportFields.elements(tool.get("extensions"))) {
            for (JsonNode rule : ReportFields.elements(extension.get("rules"))) {
                rulesById.putIfAbsent(text(rule, "id") == null ? "" : text(rule, "id"), rule);
            }
        }
        JsonNode first = provenance != null && provenance.isArray() && !provenance.isEmpty()
                ? provenance.get(0)
                : null;
        this.repository = text(first, "repositoryUri");
    }

    NormalizedFinding map(JsonNode result) {
        JsonNode rule = rule(result);
        String message = SarifResults.message(result, rule);
        if (message == null) {
            throw new IllegalArgumentException("message.text is required");
        }
        // ruleId is optional in SARIF (Gitleaks 7 omits it): the message then stands for the rule
        String ruleId = text(result, "ruleId") != null
                ? text(result, "ruleId")
                : text(result, "rule", "id") != null
                        ? text(result, "rule", "id")
                        : text(rule, "id") != null ? text(rule, "id") : SarifResults.firstLine(message);
        JsonNode physical = at(SarifResults.firstOf(result.get("locations")), "physicalLocation");
        String uri = text(physical, "artifactLocation", "uri");
        Double line = number(physical, "region", "startLine");
        String location = uri == null ? null : line == null ? uri : uri + ":" + line.longValue();
        String resource = uri != null ? uri : repository != null ? repository : tool;
        String fingerprints = SarifResults.fingerprints(result);
        String at = (line == null ? "" : line.longValue()) + ":"
                + (number(physical, "region", "startColumn") == null
                        ? ""
                        : number(physical, "region", "startColumn").longValue());
        // partial fingerprints are often a hash of the line's text: repeated lines would share them, so the place
        // counts too; a tool's full fingerprints are the result's identity as the tool sees it
        String identity = fingerprints == null
                ? (line == null ? "" : line.longValue()) + "\n" + message
                : fingerprints.startsWith("partialFingerprints") ? fingerprints + "\n" + at : fingerprints;
        String fingerprint = Fingerprint.of("sarif", tool, ruleId, uri, identity,
                secretScanner ? text(result, "properties", "offender") : null);
        String cve = SarifResults.matching(SarifResults.CVE, ruleId);
        List<NormalizedFinding.Vulnerability> vulnerabilities = cve == null
                ? List.of()
                : List.of(new NormalizedFinding.Vulnerability(cve, SarifResults.cwe(rule), null,
                        SarifResults.securitySeverity(rule), null,
                        null, null, null));
        String title = text(rule, "shortDescription", "text") != null
                ? text(rule, "shortDescription", "text")
                : text(rule, "name") != null ? text(rule, "name") : SarifResults.firstLine(message);
        return new NormalizedFinding("sarif", fingerprint,
                cve == null ? NormalizedFinding.DETECTION : NormalizedFinding.VULNERABILITY,
                SarifResults.severity(result, rule), SarifResults.status(result), text(result, "guid"), title, message,
                tool, ruleId,
                List.of(new NormalizedFinding.Resource(resource, uri != null ? "file" : "repository", uri,
                        null, null)),
                vulnerabilities, text(rule, "help", "text"), List.of(), location, null, raw(result));
    }

    private JsonNode rule(JsonNode result) {
        JsonNode index = result.has("ruleIndex") ? result.get("ruleIndex") : at(result, "rule", "index");
        if (index != null && index.canConvertToInt() && index.asInt() >= 0 && index.asInt() < driverRules.size()
                && at(result, "rule", "toolComponent") == null) {
            return driverRules.get(index.asInt());
        }
        String id = text(result, "ruleId") != null ? text(result, "ruleId") : text(result, "rule", "id");
        if (id == null) {
            return null;
        }
        JsonNode rule = rulesById.get(id);
        // hierarchical ids (e.g. "C2001/1") fall back to their base rule
        return rule != null || !id.contains("/") ? rule : rulesById.get(id.substring(0, id.indexOf('/')));
    }

    /** The result as received; a secret scanner's snippets and offender are dropped, they hold the secret. */
    private byte[] raw(JsonNode result) {
        if (!secretScanner) {
            return ReportFields.raw(result);
        }
        JsonNode copy = result.deepCopy();
        if (copy.get("properties") instanceof ObjectNode properties) {
            properties.remove("offender");
        }
        for (JsonNode location : ReportFields.elements(copy.get("locations"))) {
            JsonNode region = at(location, "physicalLocation", "region");
            if (region instanceof ObjectNode r) {
                r.remove("snippet");
            }
            JsonNode context = at(location, "physicalLocation", "contextRegion");
            if (context instanceof ObjectNode c) {
                c.remove("snippet");
            }
        }
        return ReportFields.raw(copy);
    }
}
