package io.pillar.response.mapping;

import java.time.Instant;
import java.util.UUID;

/** An incident as the REST API shows it (JSON in snake_case). */
public record IncidentView(UUID id, String title, int severityId, String status, String team, Instant detectedAt,
        Instant acknowledgedAt, Instant containedAt, Instant resolvedAt, Instant createdAt) {
}
