package io.pillar.inventory.parser.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.pillar.inventory.parser.JsonItems;

/** Reading AWS's JSON: fields that may be absent, documents delivered as strings, the first value present. */
final class AwsJson {
    /** The sources that mean everyone on the internet. */
    static final List<String> EVERYONE = List.of("0.0.0.0/0", "::/0");

    static String text(JsonNode node, String field) {
        return node == null ? null : JsonItems.text(node, field);
    }

    /** A JSON document that AWS delivers as a string (policies, ACLs), possibly URL-encoded; null when absent. */
    static JsonNode parsed(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            return node;
        }
        String s = node.asText().trim();
        if (s.startsWith("%7B") || s.startsWith("%7b")) {
            s = URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
        try {
            return s.startsWith("{") || s.startsWith("[") ? JsonItems.JSON.readTree(s) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static Iterable<JsonNode> arrayOf(JsonNode supplementary, String... fields) {
        if (supplementary == null) {
            return List.of();
        }
        for (String f : fields) {
            JsonNode v = parsed(supplementary.get(f));
            if (v != null && v.isArray()) {
                return v;
            }
        }
        return List.of();
    }

    static ArrayNode array(List<String> values) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        values.forEach(out::add);
        return out;
    }

    static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(v -> {
            if (v.isTextual()) {
                out.add(v.asText());
            }
        });
        return out;
    }

    static boolean contains(ArrayNode a, String s) {
        for (JsonNode e : a) {
            if (e.asText().equals(s)) {
                return true;
            }
        }
        return false;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    @SafeVarargs
    static <T> T first(T... values) {
        for (T v : values) {
            if (v != null && !(v instanceof JsonNode n && (n.isNull() || n.isMissingNode()))) {
                return v;
            }
        }
        return null;
    }

    private AwsJson() {
    }
}
