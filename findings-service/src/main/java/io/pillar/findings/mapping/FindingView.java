package io.pillar.findings.mapping;

import java.time.Instant;
import java.util.UUID;

/** A finding as the REST API shows it (JSON in snake_case). */
public record FindingView(UUID id, int classUid, String title, String description, int severityId, String status,
        String product, String ruleUid, String team, Instant firstSeen, Instant lastSeen, int occurrences) {
}
