package io.pillar.inventory.parser.pillar;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.AssetParser;
import io.pillar.inventory.parser.AssetSink;
import io.pillar.inventory.parser.JsonItems;
import io.pillar.inventory.parser.MalformedInputException;

/**
 * Pillar's native asset JSON: {@code {"assets": [...]}}, a list, or one asset. Required: {@code type} and
 * {@code natural_id}; everything else is optional. Fields: docs/formats/pillar.md.
 */
@ApplicationScoped
public class PillarAssetParser implements AssetParser {
    public static final Set<String> CLASSIFICATIONS = Set.of("public", "internal", "confidential", "restricted");
    public static final Set<String> CRITICALITIES = Set.of("low", "medium", "high", "critical");
    private static final List<String> DECLARED = List.of("owner_team", "environment", "criticality",
            "data_classification");

    @Override
    public String format() {
        return "pillar";
    }

    @Override
    public int detect(String head) {
        if (head.contains("\"assets\"")) {
            return 70;
        }
        return head.contains("\"natural_id\"") ? 60 : 0;
    }

    @Override
    public void parse(JsonParser json, AssetSink sink) throws IOException, MalformedInputException {
        JsonItems items = new JsonItems();
        JsonToken first = json.nextToken();
        if (first == JsonToken.START_ARRAY) {
            items.eachElement(json, sink, PillarAssetParser::map);
            return;
        }
        if (first != JsonToken.START_OBJECT) {
            throw new MalformedInputException("expected {\"assets\": [...]}, a list of assets or one asset, found "
                    + first, json.currentLocation());
        }
        ObjectNode single = JsonItems.object();
        boolean wrapped = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("assets".equals(field) && value == JsonToken.START_ARRAY) {
                wrapped = true;
                items.eachElement(json, sink, PillarAssetParser::map);
            } else {
                single.set(field, JsonItems.tree(json));
            }
        }
        if (!wrapped) {
            items.item(single, sink, PillarAssetParser::map);
        }
    }

    static void map(JsonNode a, int index, AssetSink sink) {
        AssetDraft d = new AssetDraft();
        d.type = required(a, "type");
        if (!d.type.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("type must be lower-case snake_case, was '" + d.type + "'");
        }
        d.naturalId = required(a, "natural_id");
        if (d.naturalId.length() > 2048) {
            throw new IllegalArgumentException("natural_id is longer than 2048 characters");
        }
        d.identifier(d.naturalId);
        a.path("identifiers").forEach(i -> d.identifier(i.asText()));
        d.name = JsonItems.text(a, "name");
        d.provider = JsonItems.text(a, "provider");
        d.account = JsonItems.text(a, "account");
        d.region = JsonItems.text(a, "region");
        d.deleted = a.path("deleted").asBoolean(false);
        for (String field : DECLARED) {
            String v = JsonItems.text(a, field);
            if (v != null) {
                d.declared.put(field, v);
            }
        }
        check(d.declared.get("data_classification"), CLASSIFICATIONS, "data_classification");
        check(d.declared.get("criticality"), CRITICALITIES, "criticality");
        JsonNode tags = a.path("tags");
        if (!tags.isMissingNode() && !tags.isObject()) {
            throw new IllegalArgumentException("tags must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            d.tags.put(e.getKey(), e.getValue().asText());
        }
        int i = 0;
        for (JsonNode rel : a.path("relationships")) {
            String kind = JsonItems.text(rel, "type");
            String target = JsonItems.text(rel, "target");
            if (kind == null || !AssetDraft.Relationship.KINDS.contains(kind) || target == null) {
                throw new IllegalArgumentException("relationships[" + i + "] needs a type (one of "
                        + String.join(", ", AssetDraft.Relationship.KINDS.stream().sorted().toList())
                        + ") and a target");
            }
            d.relate(kind, target);
            i++;
        }
        JsonNode attributes = a.get("attributes");
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isObject()) {
                throw new IllegalArgumentException("attributes must be an object");
            }
            d.attributes = (ObjectNode) attributes.deepCopy();
        }
        JsonNode configuration = a.get("configuration");
        if (configuration != null && !configuration.isNull()) {
            ObjectNode raw = JsonItems.object();
            raw.set("configuration", configuration);
            d.configuration = raw;
        }
        sink.accept(index, d);
    }

    private static String required(JsonNode a, String field) {
        String v = JsonItems.text(a, field);
        if (v == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v.trim();
    }

    private static void check(String value, Set<String> allowed, String field) {
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(field + " must be one of " + String.join(", ",
                    allowed.stream().sorted().toList()) + ", was '" + value + "'");
        }
    }
}
