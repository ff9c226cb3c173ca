package io.pillar.identity.mapping;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.platform.json.Json;

/**
 * Reads a {@code pillar.audit} record: a CloudEvents 1.0 JSON envelope of type {@code io.pillar.audit.recorded}
 * (contracts: schemas/audit-event.schema.json). Every problem is reported with the JSON path where it was found.
 */
public final class AuditEventReader {
    public static final String TYPE = "io.pillar.audit.recorded";
    private static final Set<String> OUTCOMES = Set.of("success", "failure", "denied");
    private static final ObjectMapper JSON = Json.MAPPER;

    /** @throws IllegalArgumentException saying what is wrong and where */
    public static AuditRecord read(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("record value is empty: expected a CloudEvents JSON object");
        }
        JsonNode event;
        try {
            event = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record value is not JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("$: expected a CloudEvents JSON object");
        }
        if (!"1.0".equals(text(event, "specversion"))) {
            throw new IllegalArgumentException("$.specversion: expected \"1.0\"");
        }
        if (!TYPE.equals(text(event, "type"))) {
            throw new IllegalArgumentException("$.type: expected \"" + TYPE + "\", was " + event.get("type"));
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("$.data: expected an object");
        }
        String outcome = required(data, "data", "outcome");
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("$.data.outcome: expected one of " + OUTCOMES + ", was " + outcome);
        }
        return new AuditRecord(required(event, "", "id"), time(event), required(event, "", "source"),
                required(data, "data", "actor"), required(data, "data", "action"), required(data, "data", "resource"),
                outcome, text(data, "source_ip"), data.toString());
    }

    private static Instant time(JsonNode event) {
        String time = required(event, "", "time");
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("$.time: expected an RFC 3339 date-time, was " + time);
        }
    }

    private static String required(JsonNode node, String path, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("$." + (path.isEmpty() ? "" : path + ".") + field
                    + ": required, a non-empty string");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private AuditEventReader() {
    }
}
