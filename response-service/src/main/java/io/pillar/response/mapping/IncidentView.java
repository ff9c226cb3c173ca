package io.pillar.response.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An incident as the REST API lists it (JSON in snake_case). */
public record IncidentView(UUID id, String title, int severityId, String severity, String status, String team,
        List<String> assignees, Instant detectedAt, Instant acknowledgedAt, Instant containedAt,
        Instant eradicatedAt, Instant recoveredAt, Instant resolvedAt, Instant closedAt, Instant createdAt,
        Instant updatedAt) {
}
