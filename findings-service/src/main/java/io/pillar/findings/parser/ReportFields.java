package io.pillar.findings.parser;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** The small readers every JSON parser uses on a record: texts, numbers and times at a path, arrays, the raw bytes. */
public final class ReportFields {

    /** The elements of a JSON array, none when the node is absent or not an array. */
    public static Iterable<JsonNode> elements(JsonNode node) {
        return node != null && node.isArray() ? node : List.of();
    }

    public static byte[] raw(JsonNode record) {
        try {
            return JsonReport.MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text at a path of field names, or null when absent, null or empty. */
    public static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    /** The text at a path, or a rejection saying which field is missing. */
    public static String required(JsonNode node, String... path) {
        String s = text(node, path);
        if (s == null) {
            throw new IllegalArgumentException(String.join(".", path) + " is required");
        }
        return s;
    }

    public static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String key : path) {
            if (n == null) {
                return null;
            }
            n = n.get(key);
        }
        return n;
    }

    public static Double number(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.valueOf(n.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(e -> {
                if (e.isValueNode() && !e.asText().isEmpty()) {
                    out.add(e.asText());
                }
            });
        }
        return out;
    }

    /** An RFC 3339 time, a local date-time taken as UTC, or epoch seconds; null when absent or unreadable. */
    public static Instant instant(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            long v = n.asLong();
            return v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        }
        String s = n.asText();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private ReportFields() {
    }
}
