package io.pillar.inventory.parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One asset as a parser read it, before the inventory merges it with what it knows: its type, the natural identifier
 * it is known by (and any other identifier that names it), where it lives, its tags, relationships, the normalized
 * attributes rules read, and the provider's configuration as received.
 */
public final class AssetDraft {
    public String type;
    public String naturalId;
    public final Set<String> identifiers = new LinkedHashSet<>();
    public String name;
    public String provider;
    public String account;
    public String region;
    public final Map<String, String> tags = new LinkedHashMap<>();
    public final List<Relationship> relationships = new ArrayList<>();
    public ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    public JsonNode configuration = JsonNodeFactory.instance.objectNode();
    /** Set by sources that state them outright (Pillar's native format); tag mapping fills the rest. */
    public final Map<String, String> declared = new LinkedHashMap<>();
    /** The source says the resource no longer exists. */
    public boolean deleted;

    public record Relationship(String kind, String target) {
        public static final Set<String> KINDS = Set.of("contains", "attached-to", "member-of", "routes-to");
    }

    public void relate(String kind, String target) {
        if (target != null && !target.isBlank()) {
            Relationship r = new Relationship(kind, target);
            if (!relationships.contains(r)) {
                relationships.add(r);
            }
        }
    }

    public void identifier(String id) {
        if (id != null && !id.isBlank()) {
            identifiers.add(id);
        }
    }
}
