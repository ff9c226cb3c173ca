package io.pillar.findings.parser.sarif;

import static io.pillar.findings.parser.ReportFields.at;
import static io.pillar.findings.parser.ReportFields.number;
import static io.pillar.findings.parser.ReportFields.text;
import static io.pillar.findings.parser.ReportFields.texts;

import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportFields;
import io.pillar.findings.parser.Severity;

/** What one SARIF result says, read with its rule: message, severity, status, fingerprints, weakness. */
final class SarifResults {
    static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    private static final Pattern CWE = Pattern.compile("(?i)cwe[-/](\\d+)");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

    private SarifResults() {
    }

    static String message(JsonNode result, JsonNode rule) {
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

    static int severity(JsonNode result, JsonNode rule) {
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

    static Double securitySeverity(JsonNode rule) {
        return number(at(rule, "properties"), "security-severity");
    }

    /** Suppressed in the tool (a suppression not rejected), resolved when the baseline says it is gone. */
    static String status(JsonNode result) {
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

    static String fingerprints(JsonNode result) {
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

    static String cwe(JsonNode rule) {
        for (String tag : texts(at(rule, "properties", "tags"))) {
            Matcher m = CWE.matcher(tag);
            if (m.find()) {
                return "CWE-" + Integer.parseInt(m.group(1));
            }
        }
        return null;
    }

    static String matching(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group() : null;
    }

    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    static JsonNode firstOf(JsonNode array) {
        return array != null && array.isArray() && !array.isEmpty() ? array.get(0) : null;
    }

}
