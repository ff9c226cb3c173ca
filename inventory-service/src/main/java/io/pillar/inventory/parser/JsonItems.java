package io.pillar.inventory.parser;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.platform.json.Json;

/** Streaming helpers shared by the parsers: items of an array one tree at a time, numbered across the report. */
public final class JsonItems {
    public static final ObjectMapper JSON = Json.UNTRUSTED;

    /** Maps one item to a draft; throws {@link IllegalArgumentException} with the reason when it cannot. */
    @FunctionalInterface
    public interface ItemMapper {
        void map(JsonNode item, int index, AssetSink sink);
    }

    private int next;

    /** The parser is on START_ARRAY; reads each element as a tree and maps it, rejecting what it cannot map. */
    public void eachElement(JsonParser json, AssetSink sink, ItemMapper mapper) throws IOException {
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (json.currentToken() == null) {
                throw new IOException("unexpected end of input inside an array");
            }
            item(json.readValueAsTree(), sink, mapper);
        }
    }

    public void item(JsonNode item, AssetSink sink, ItemMapper mapper) {
        int index = next++;
        if (item == null || !item.isObject()) {
            sink.reject(index, "expected an object, found " + (item == null ? "nothing" : item.getNodeType()));
            return;
        }
        try {
            mapper.map(item, index, sink);
        } catch (IllegalArgumentException e) {
            sink.reject(index, e.getMessage());
        }
    }

    /** Reads the parser's current value as a tree (for small values between streamed arrays). */
    public static JsonNode tree(JsonParser json) throws IOException {
        return json.readValueAsTree();
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank() ? null : v.asText();
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
