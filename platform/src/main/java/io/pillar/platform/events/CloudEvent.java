package io.pillar.platform.events;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.json.Json;

/**
 * The CloudEvents 1.0 envelope of every record Pillar publishes (structured mode, JSON; contracts:
 * schemas/cloudevent.schema.json): {@code specversion}, a unique {@code id}, the publishing service as
 * {@code source}, the event {@code type}, the entity as {@code subject}, {@code time} and the JSON {@code data}.
 */
public record CloudEvent(String id, String source, String type, String subject, Instant time, JsonNode data) {
    public static final String SPEC_VERSION = "1.0";

    /** Writes the data of an event into an open generator (streamed: a finding's data is large and frequent). */
    @FunctionalInterface
    public interface DataWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /** A new event (new id) of a service, e.g. {@code source("findings-service")}. */
    public static String source(String service) {
        return "/pillar/" + service;
    }

    /** The event as JSON text, a new id, its data written by {@code data}. */
    public static String write(String source, String type, String subject, Instant time, DataWriter data) {
        return write(UUID.randomUUID().toString(), source, type, subject, time, data);
    }

    /**
     * The event as JSON text with the id given: an id derived from what the event announces (an entity's version) is
     * the same however often it is written, so consumers drop a repeat.
     */
    public static String write(String id, String source, String type, String subject, Instant time,
            DataWriter data) {
        return write(id, source, type, subject, time, null, data);
    }

    /** The event as JSON text, naming the JSON Schema of its data ({@code dataschema}) when that is not null. */
    public static String write(String id, String source, String type, String subject, Instant time,
            String dataSchema, DataWriter data) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("specversion", SPEC_VERSION);
            g.writeStringField("id", id);
            g.writeStringField("source", source);
            g.writeStringField("type", type);
            if (subject != null) {
                g.writeStringField("subject", subject);
            }
            g.writeStringField("time", time.toString());
            g.writeStringField("datacontenttype", "application/json");
            if (dataSchema != null) {
                g.writeStringField("dataschema", dataSchema);
            }
            g.writeFieldName("data");
            data.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The event as JSON text, its data any value the mapper writes (a map, a tree, a record). */
    public static String write(String source, String type, String subject, Instant time, Object data) {
        return write(source, type, subject, time, g -> Json.MAPPER.writeValue(g, data));
    }

    /**
     * Reads a structured-mode event.
     *
     * @throws IllegalArgumentException naming the first member that is missing or wrong (JSON path)
     */
    public static CloudEvent read(byte[] json) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("$: expected a CloudEvent object");
        }
        if (!SPEC_VERSION.equals(text(event, "specversion"))) {
            throw new IllegalArgumentException("$.specversion: expected \"1.0\"");
        }
        String id = required(event, "id");
        String source = required(event, "source");
        String type = required(event, "type");
        Instant time;
        try {
            time = event.hasNonNull("time") ? Instant.parse(event.get("time").asText()) : null;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("$.time: expected an RFC 3339 time");
        }
        JsonNode data = event.get("data");
        if (data == null || data.isNull()) {
            throw new IllegalArgumentException("$.data: missing");
        }
        return new CloudEvent(id, source, type, text(event, "subject"), time, data);
    }

    private static String required(JsonNode event, String member) {
        String value = text(event, member);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("$." + member + ": missing");
        }
        return value;
    }

    private static String text(JsonNode node, String member) {
        JsonNode v = node.get(member);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
