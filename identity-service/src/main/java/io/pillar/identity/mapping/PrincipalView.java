package io.pillar.identity.mapping;

import java.time.Instant;
import java.util.UUID;

/** A principal as the REST API lists it (JSON in snake_case). */
public record PrincipalView(UUID id, String type, String name, String source, String externalId, String account,
        String team, Boolean mfaEnabled, Instant lastUsedAt, Instant createdAt, Instant updatedAt) {
}
