package io.pillar.findings.repository;

import java.time.Instant;
import java.util.UUID;

/** A finding as an import writes it: the normalized content, its hash, and the compressed raw record. */
public record FindingRow(
        UUID id,
        String fingerprint,
        int classUid,
        String title,
        String description,
        int severityId,
        String status,
        String product,
        String ruleUid,
        String team,
        Instant firstSeen,
        String format,
        String uid,
        String resourcesJson,
        String vulnerabilitiesJson,
        String remediation,
        String[] compliance,
        String[] bestPractices,
        String location,
        String scope,
        String contentHash,
        byte[] rawDeflated,
        String rawSha256) {

    public FindingRow withId(UUID newId) {
        return new FindingRow(newId, fingerprint, classUid, title, description, severityId, status, product, ruleUid,
                team, firstSeen, format, uid, resourcesJson, vulnerabilitiesJson, remediation, compliance,
                bestPractices, location, scope, contentHash, rawDeflated, rawSha256);
    }

    public FindingRow withStatus(String newStatus) {
        return new FindingRow(id, fingerprint, classUid, title, description, severityId, newStatus, product, ruleUid,
                team, firstSeen, format, uid, resourcesJson, vulnerabilitiesJson, remediation, compliance,
                bestPractices, location, scope, contentHash, rawDeflated, rawSha256);
    }

}
