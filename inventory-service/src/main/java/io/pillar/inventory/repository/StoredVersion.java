package io.pillar.inventory.repository;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One version of an asset as stored: the document as it was (null where not read) and how it got there. */
public record StoredVersion(int version, Instant validFrom, String changedBy, String source, ObjectNode document,
        JsonNode patch) {
}
