package io.pillar.findings.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** A finding as the REST API shows it (JSON in snake_case). */
public record FindingView(UUID id, int classUid, String title, String description, int severityId, String severity,
        String status, String statusReason, String product, String rule, String format, String sourceUid, String team,
        String scope, JsonNode resources, JsonNode vulnerabilities, String remediation, List<String> compliance,
        List<String> bestPractices, String location, Instant firstSeen, Instant lastSeen, int occurrences,
        Instant statusExpiresAt, RiskAcceptanceRequest riskAcceptanceRequest, String correlationKey,
        List<UUID> assetIds, Integer riskScore, JsonNode riskFactors) {

    /**
     * A status asked for that waits for a second person's approval: a risk acceptance, or a suppression or false
     * positive longer than the maximum without one.
     */
    public record RiskAcceptanceRequest(String status, String requestedBy, Instant requestedAt, String reason,
            Instant expiresAt) {
    }
}
