package io.pillar.inventory.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An asset's current state as stored: its document (what rules see and history versions) and bookkeeping. */
public record StoredAsset(UUID id, int version, ObjectNode document, List<String> pinned, String changedBy,
        Instant createdAt, Instant updatedAt) {

    public String naturalId() {
        return document.path("natural_id").asText();
    }
}
