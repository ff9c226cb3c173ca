package io.pillar.findings.mapping;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.findings.parser.Severity;
import io.pillar.platform.json.Json;

/**
 * What a suppression rule matches; every given criterion must hold. {@code resource} is a resource uid, or a prefix
 * ending in {@code *}; {@code severity} a list of labels.
 */
public record SuppressionCriteria(String product, String rule, List<String> severity, String resource, String cve,
        String team) {
    private static final ObjectMapper JSON = Json.MAPPER;

    /** @throws IllegalArgumentException when no criterion is given or one is invalid */
    public SuppressionCriteria validated() {
        if (product == null && rule == null && (severity == null || severity.isEmpty()) && resource == null
                && cve == null && team == null) {
            throw new IllegalArgumentException("criteria needs at least one of product, rule, severity, resource, "
                    + "cve, team");
        }
        if (severity != null) {
            for (String s : severity) {
                if (Severity.fromLabel(s.toLowerCase(Locale.ROOT)) == Severity.UNKNOWN && !"unknown".equals(s)) {
                    throw new IllegalArgumentException("criteria.severity: unknown severity " + s);
                }
            }
        }
        return this;
    }

    /** Whether a finding with these fields matches. */
    public boolean matches(String findingProduct, String findingRule, int severityId, String resourcesJson,
            String vulnerabilitiesJson, String findingTeam) {
        if (product != null && !product.equals(findingProduct)) {
            return false;
        }
        if (rule != null && !rule.equals(findingRule)) {
            return false;
        }
        if (team != null && !team.equals(findingTeam)) {
            return false;
        }
        if (severity != null && !severity.isEmpty()
                && severity.stream().noneMatch(s -> Severity.fromLabel(s.toLowerCase(Locale.ROOT)) == severityId)) {
            return false;
        }
        if (resource != null && !any(resourcesJson, "uid", resource)) {
            return false;
        }
        return cve == null || any(vulnerabilitiesJson, "cve", cve);
    }

    private static boolean any(String json, String field, String wanted) {
        try {
            for (JsonNode e : JSON.readTree(json == null ? "[]" : json)) {
                String v = e.path(field).asText(null);
                if (v != null && (wanted.endsWith("*")
                        ? v.startsWith(wanted.substring(0, wanted.length() - 1))
                        : v.equals(wanted))) {
                    return true;
                }
            }
            return false;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SuppressionCriteria of(String json) {
        try {
            return JSON.readValue(json, SuppressionCriteria.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored criteria unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
