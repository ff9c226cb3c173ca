package io.pillar.inventory.mapping;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The asset document: everything Pillar knows of an asset at one version, the one shape that rules evaluate, history
 * stores and the API shows (documented in docs/asset-document.md). Every key is always present, null when unknown,
 * so rules can test {@code asset.owner_team == null} without guarding each access.
 */
public final class AssetDocument {
    /** The keys in their canonical order, with the value an unknown or new asset has. */
    private static final List<Map.Entry<String, JsonNode>> KEYS;
    static {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode quarantine = f.objectNode();
        quarantine.put("quarantined", false);
        KEYS = List.of(Map.entry("type", f.textNode("unclassified")), Map.entry("natural_id", f.textNode("")),
                Map.entry("identifiers", f.arrayNode()), Map.entry("name", f.nullNode()),
                Map.entry("provider", f.nullNode()), Map.entry("account", f.nullNode()),
                Map.entry("region", f.nullNode()), Map.entry("status", f.textNode("active")),
                Map.entry("owner_team", f.nullNode()), Map.entry("environment", f.nullNode()),
                Map.entry("criticality", f.nullNode()), Map.entry("data_classification", f.nullNode()),
                Map.entry("tags", f.objectNode()), Map.entry("relationships", f.arrayNode()),
                Map.entry("internet_exposed", f.booleanNode(false)), Map.entry("exposure_reasons", f.arrayNode()),
                Map.entry("quarantine", quarantine), Map.entry("attributes", f.objectNode()),
                Map.entry("configuration", f.objectNode()));
    }

    /** A document with every key: the given ones first in canonical order, defaults for the missing ones. */
    public static ObjectNode complete(JsonNode partial) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> key : KEYS) {
            JsonNode v = partial == null ? null : partial.get(key.getKey());
            out.set(key.getKey(), v == null ? key.getValue().deepCopy() : v.deepCopy());
        }
        if (partial != null) {
            for (Iterator<String> it = partial.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!out.has(name)) {
                    out.set(name, partial.get(name).deepCopy());
                }
            }
        }
        return out;
    }

    private AssetDocument() {
    }
}
