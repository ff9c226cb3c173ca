package io.pillar.inventory.mapping;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON Patch between two documents: {@code add}, {@code remove} and {@code replace} operations with RFC 6901
 * pointers. Objects are compared key by key; arrays of the same length element by element, otherwise replaced whole
 * (a valid, if not minimal, patch).
 */
public final class JsonPatch {

    /** The operations that turn {@code from} into {@code to}; empty when they are equal. */
    public static ArrayNode diff(JsonNode from, JsonNode to) {
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        diff("", from, to, ops);
        return ops;
    }

    /** Applies a patch made of add, remove and replace operations; returns a new document. */
    public static JsonNode apply(JsonNode document, JsonNode patch) {
        JsonNode root = document.deepCopy();
        for (JsonNode op : patch) {
            String path = op.path("path").asText();
            String kind = op.path("op").asText();
            if (path.isEmpty()) {
                root = "remove".equals(kind) ? JsonNodeFactory.instance.nullNode() : op.get("value").deepCopy();
                continue;
            }
            int slash = path.lastIndexOf('/');
            JsonNode parent = root.at(path.substring(0, slash));
            String last = unescape(path.substring(slash + 1));
            if (parent instanceof ObjectNode o) {
                if ("remove".equals(kind)) {
                    o.remove(last);
                } else {
                    o.set(last, op.get("value").deepCopy());
                }
            } else if (parent instanceof ArrayNode a) {
                int i = "-".equals(last) ? a.size() : Integer.parseInt(last);
                switch (kind) {
                    case "remove" -> a.remove(i);
                    case "add" -> a.insert(i, op.get("value").deepCopy());
                    default -> a.set(i, op.get("value").deepCopy());
                }
            } else {
                throw new IllegalArgumentException("patch path " + path + " has no container in the document");
            }
        }
        return root;
    }

    private static void diff(String path, JsonNode from, JsonNode to, ArrayNode ops) {
        if (from.equals(to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            for (Iterator<String> it = from.fieldNames(); it.hasNext();) {
                String key = it.next();
                if (!to.has(key)) {
                    ops.addObject().put("op", "remove").put("path", path + "/" + escape(key));
                }
            }
            for (Iterator<String> it = to.fieldNames(); it.hasNext();) {
                String key = it.next();
                String child = path + "/" + escape(key);
                if (!from.has(key)) {
                    ops.addObject().put("op", "add").put("path", child).set("value", to.get(key).deepCopy());
                } else {
                    diff(child, from.get(key), to.get(key), ops);
                }
            }
            return;
        }
        if (from.isArray() && to.isArray() && from.size() == to.size()) {
            for (int i = 0; i < from.size(); i++) {
                diff(path + "/" + i, from.get(i), to.get(i), ops);
            }
            return;
        }
        ops.addObject().put("op", "replace").put("path", path).set("value", to.deepCopy());
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private JsonPatch() {
    }
}
