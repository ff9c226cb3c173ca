package io.pillar.inventory.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A new current state to write, with the version row and the JSON Patch that led to it. */
public record AssetWrite(UUID id, int version, ObjectNode document, List<String> pinned, String changedBy,
        String source, JsonNode patch, Instant at, boolean created, boolean identifiersChanged,
        boolean relationshipsChanged) {
}
