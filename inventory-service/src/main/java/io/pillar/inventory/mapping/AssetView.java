package io.pillar.inventory.mapping;

import java.time.Instant;
import java.util.UUID;

/** An asset as the REST API shows it (JSON in snake_case). */
public record AssetView(UUID id, String type, String naturalId, String name, String provider, String account,
        String region, String ownerTeam, String environment, String criticality, String dataClassification,
        boolean internetExposed, boolean quarantined, int version, Instant createdAt, Instant updatedAt) {
}
