package io.pillar.identity.mapping;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.identity.AuditEntry;
import io.pillar.platform.json.Json;

public final class AuditMapper {
    private static final ObjectMapper JSON = Json.MAPPER;

    public static AuditView toView(AuditEntry e) {
        JsonNode details = parse(e.details);
        JsonNode client = details.path("client");
        return new AuditView(e.seq, e.eventId, e.occurredAt, e.source, e.actor,
                client.isTextual() ? client.asText() : null, e.action, e.resource, e.outcome, e.sourceIp, details,
                e.prevHash, e.hash, e.recordedAt);
    }

    public static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("seq:" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException when the cursor was not handed out by this API */
    public static Long decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (plain.startsWith("seq:")) {
                return Long.parseLong(plain.substring(4));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("cursor is malformed: pass the next_cursor of a previous page unchanged");
    }

    private static JsonNode parse(String details) {
        try {
            return JSON.readTree(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ledger entry details are not JSON", e);
        }
    }

    private AuditMapper() {
    }
}
