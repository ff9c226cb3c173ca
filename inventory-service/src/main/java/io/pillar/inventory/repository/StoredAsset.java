package io.pillar.inventory.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An asset's current state as stored: its document (what rules see and history versions) and bookkeeping. */
public record StoredAsset(UUID id, int version, ObjectNode document, List<String> pinned, String changedBy,
        Instant createdAt, Instant updatedAt) {

    /** From stored columns: the current version's document as JSON text and the pinned fields' array. */
    public static StoredAsset of(UUID id, int version, String document, String[] pinned, String changedBy,
            Instant createdAt, Instant updatedAt) {
        return new StoredAsset(id, version, (ObjectNode) StoredJson.parse(document),
                pinned == null ? List.of() : Arrays.asList(pinned), changedBy, createdAt, updatedAt);
    }

    public String naturalId() {
        return document.path("natural_id").asText();
    }
}
