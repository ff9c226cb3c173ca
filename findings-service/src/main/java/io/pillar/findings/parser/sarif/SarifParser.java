package io.pillar.findings.parser.sarif;

import static io.pillar.findings.parser.ReportFields.at;
import static io.pillar.findings.parser.ReportFields.number;
import static io.pillar.findings.parser.ReportFields.text;
import static io.pillar.findings.parser.ReportFields.texts;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
 * SARIF 2.1.0: every result of every run, with its rule (from the driver or an extension), first location,
 * fingerprints and suppressions. Results are streamed; a run whose results come before its tool is held until the tool
 * is read. Severity: the rule's security-severity score when given, else the level (error high, warning medium, note
 * low, none informational). Fingerprint: tool, rule, artifact URI, and the result's fingerprints or partial
 * fingerprints when present, else start line and message.
 */
@ApplicationScoped
public class SarifParser implements FindingParser {
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    private static final Pattern CWE = Pattern.compile("(?i)cwe[-/](\\d+)");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public int detect(ReportHead head) {
        int score = 0;
        if (head.key("runs")) {
            score += 40;
        }
        if (head.has("sarif-schema") || head.has("sarif-2.1") || head.has("/sarif")) {
            score += 50;
        }
        if (head.keyValue("version", "2.1.0")) {
            score += 20;
        }
        return head.key("runs") ? score : 0;
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        try (JsonParser p = JsonReport.MAPPER.createParser(report)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw JsonReport.malformed(p, "expected a SARIF log: a JSON object with \"runs\"");
            }
            boolean runs = false;
            long[] index = {0};
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (key.equals("version") && value == JsonToken.VALUE_STRING && !p.getText().equals("2.1.0")) {
                    throw JsonReport.malformed(p, "expected SARIF version 2.1.0, found " + p.getText());
                } else if (key.equals("runs") && value == JsonToken.START_ARRAY) {
                    runs = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        readRun(p, sink, index);
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!runs) {
                throw JsonReport.malformed(p, "expected a SARIF log: a JSON object with a \"runs\" array");
            }
            JsonReport.expectEnd(p, "SARIF log");
        } catch (JsonProcessingException e) {
            throw JsonReport.malformed(e);
        }
    }

    private void readRun(JsonParser p, FindingSink sink, long[] index) throws IOException {
        Run run = null;
        List<JsonNode> early = new ArrayList<>();
        JsonNode provenance = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (key.equals("tool") && value == JsonToken.START_OBJECT) {
                run = new Run(p.readValueAsTree(), provenance);
                for (JsonNode result : early) {
                    emit(run, result, index[0]++, sink);
                }
                early.clear();
            } else if (key.equals("versionControlProvenance") && value == JsonToken.START_ARRAY) {
                provenance = p.readValueAsTree();
            } else if (key.equals("results") && value == JsonToken.START_ARRAY) {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        sink.reject(index[0]++, "expected a result object, found " + t);
                    } else if (run == null) {
                        early.add(p.readValueAsTree());
                    } else {
                        emit(run, p.readValueAsTree(), index[0]++, sink);
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        for (JsonNode result : early) {
            sink.reject(index[0]++, "the run has no tool: a SARIF run must name its tool.driver");
        }
    }

    private static void emit(Run run, JsonNode result, long index, FindingSink sink) {
        try {
            sink.accept(run.map(result));
        } catch (IllegalArgumentException e) {
            sink.reject(index, e.getMessage());
        }
    }

    /** One run's tool and rules, by id and by index. */
    static final class Run {
        private final String tool;
        private final boolean secretScanner;
        private final List<JsonNode> driverRules = new ArrayList<>();
        private final TreeMap<String, JsonNode> rulesById = new TreeMap<>();
        private final String repository;

        Run(JsonNode tool, JsonNode provenance) {
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
            String message = message(result, rule);
            if (message == null) {
                throw new IllegalArgumentException("message.text is required");
            }
            // ruleId is optional in SARIF (Gitleaks 7 omits it): the message then stands for the rule
            String ruleId = text(result, "ruleId") != null
                    ? text(result, "ruleId")
                    : text(result, "rule", "id") != null
                            ? text(result, "rule", "id")
                            : text(rule, "id") != null ? text(rule, "id") : firstLine(message);
            JsonNode physical = at(firstOf(result.get("locations")), "physicalLocation");
            String uri = text(physical, "artifactLocation", "uri");
            Double line = number(physical, "region", "startLine");
            String location = uri == null ? null : line == null ? uri : uri + ":" + line.longValue();
            String resource = uri != null ? uri : repository != null ? repository : tool;
            String fingerprints = fingerprints(result);
            String fingerprint = Fingerprint.of("sarif", tool, ruleId, uri,
                    fingerprints != null ? fingerprints : (line == null ? "" : line.longValue()) + "\n" + message,
                    secretScanner ? text(result, "properties", "offender") : null);
            String cve = matching(CVE, ruleId);
            List<NormalizedFinding.Vulnerability> vulnerabilities = cve == null
                    ? List.of()
                    : List.of(new NormalizedFinding.Vulnerability(cve, cwe(rule), null, securitySeverity(rule), null,
                            null, null, null));
            String title = text(rule, "shortDescription", "text") != null
                    ? text(rule, "shortDescription", "text")
                    : text(rule, "name") != null ? text(rule, "name") : firstLine(message);
            return new NormalizedFinding("sarif", fingerprint,
                    cve == null ? NormalizedFinding.DETECTION : NormalizedFinding.VULNERABILITY,
                    severity(result, rule), status(result), text(result, "guid"), title, message, tool, ruleId,
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

        private static String message(JsonNode result, JsonNode rule) {
            String text = text(result, "message", "text");
            if (text == null) {
                text = text(result, "message", "markdown");
            }
            if (text == null && text(result, "message", "id") != null) {
                text = text(rule, "messageStrings", text(result, "message", "id"), "text");
            }
            if (text == null) {
                return null;
            }
            List<String> arguments = texts(at(result, "message", "arguments"));
            Matcher m = ARGUMENT.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int i = Integer.parseInt(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(i < arguments.size() ? arguments.get(i) : m.group()));
            }
            return m.appendTail(out).toString();
        }

        private static int severity(JsonNode result, JsonNode rule) {
            Double score = securitySeverity(rule);
            if (score != null) {
                return Severity.fromScore(score);
            }
            String kind = text(result, "kind");
            if (kind != null && !kind.equals("fail")) {
                return Severity.INFORMATIONAL;
            }
            String level = text(result, "level") != null
                    ? text(result, "level")
                    : text(rule, "defaultConfiguration", "level") != null
                            ? text(rule, "defaultConfiguration", "level")
                            : "warning";
            return switch (level) {
                case "error" -> Severity.HIGH;
                case "warning" -> Severity.MEDIUM;
                case "note" -> Severity.LOW;
                default -> Severity.INFORMATIONAL;
            };
        }

        private static Double securitySeverity(JsonNode rule) {
            return number(at(rule, "properties"), "security-severity");
        }

        /** Suppressed in the tool (a suppression not rejected), resolved when the baseline says it is gone. */
        private static String status(JsonNode result) {
            for (JsonNode suppression : ReportFields.elements(result.get("suppressions"))) {
                String status = text(suppression, "status");
                if (status == null || status.equals("accepted")) {
                    return NormalizedFinding.SUPPRESSED;
                }
            }
            String kind = text(result, "kind");
            return "absent".equals(text(result, "baselineState")) || "pass".equals(kind)
                    ? NormalizedFinding.RESOLVED
                    : NormalizedFinding.NEW;
        }

        private static String fingerprints(JsonNode result) {
            for (String field : new String[]{"fingerprints", "partialFingerprints"}) {
                JsonNode node = result.get(field);
                if (node != null && node.isObject() && !node.isEmpty()) {
                    TreeMap<String, String> sorted = new TreeMap<>();
                    node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
                    return field + sorted;
                }
            }
            return null;
        }

        private static String cwe(JsonNode rule) {
            for (String tag : texts(at(rule, "properties", "tags"))) {
                Matcher m = CWE.matcher(tag);
                if (m.find()) {
                    return "CWE-" + Integer.parseInt(m.group(1));
                }
            }
            return null;
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

    private static String matching(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group() : null;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static JsonNode firstOf(JsonNode array) {
        return array != null && array.isArray() && !array.isEmpty() ? array.get(0) : null;
    }

}
