package io.pillar.findings.mapping;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.contracts.api.Cursor;
import io.pillar.findings.Finding;
import io.pillar.findings.parser.Severity;
import io.pillar.platform.json.Json;

public final class FindingMapper {
    private static final ObjectMapper JSON = Json.MAPPER;

    public static FindingView toView(Finding f) {
        return new FindingView(f.id, f.classUid, f.title, f.description, f.severityId, Severity.label(f.severityId),
                f.status, f.statusReason, f.product, f.ruleUid, f.format, f.uid, f.team, f.scope, json(f.resources),
                json(f.vulnerabilities), f.remediation, list(f.compliance), list(f.bestPractices), f.location,
                f.firstSeen, f.lastSeen, f.occurrences, f.statusExpiresAt,
                f.riskRequestedBy == null
                        ? null
                        : new FindingView.RiskAcceptanceRequest(
                                f.riskRequestStatus == null ? "risk_accepted" : f.riskRequestStatus,
                                f.riskRequestedBy, f.riskRequestedAt, f.riskRequestReason, f.riskRequestExpiresAt),
                f.correlationKey, f.assetIds == null ? null : List.of(f.assetIds),
                f.riskScore == null ? null : f.riskScore.intValue(),
                f.riskFactors == null ? null : json(f.riskFactors));
    }

    public static Cursor cursorOf(Finding f) {
        return new Cursor(f.createdAt, f.id);
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text == null ? "[]" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private FindingMapper() {
    }
}
