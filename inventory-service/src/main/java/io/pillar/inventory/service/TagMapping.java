package io.pillar.inventory.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mapping rules from tags to the fields the framework asks every asset to have: which tag keys (case-insensitive, the
 * first present wins) give the owner team, environment, criticality and data classification. Configured in
 * application.properties ({@code pillar.inventory.tags.*}); values outside the allowed set are ignored.
 */
@ApplicationScoped
public class TagMapping {
    static final Set<String> CLASSIFICATIONS = Set.of("public", "internal", "confidential", "restricted");
    static final Set<String> CRITICALITIES = Set.of("low", "medium", "high", "critical");

    @ConfigProperty(name = "pillar.inventory.tags.owner-team", defaultValue = "owner-team,owner,team")
    List<String> ownerTeam;
    @ConfigProperty(name = "pillar.inventory.tags.environment", defaultValue = "environment,env,stage")
    List<String> environment;
    @ConfigProperty(name = "pillar.inventory.tags.criticality", defaultValue = "criticality,business-criticality")
    List<String> criticality;
    @ConfigProperty(name = "pillar.inventory.tags.data-classification", defaultValue = "data-classification,data_classification,dataclassification,classification")
    List<String> classification;

    /** The fields the tags give, by document key. */
    public Map<String, String> derive(Map<String, String> tags) {
        Map<String, String> lower = new LinkedHashMap<>();
        tags.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "owner_team", first(lower, ownerTeam), null);
        put(out, "environment", first(lower, environment), null);
        put(out, "criticality", first(lower, criticality), CRITICALITIES);
        put(out, "data_classification", first(lower, classification), CLASSIFICATIONS);
        return out;
    }

    private static void put(Map<String, String> out, String field, String value, Set<String> allowed) {
        if (value == null) {
            return;
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
        if (!v.isEmpty() && (allowed == null || allowed.contains(v))) {
            out.put(field, v);
        }
    }

    private static String first(Map<String, String> tags, List<String> keys) {
        for (String k : keys) {
            String v = tags.get(k.toLowerCase(Locale.ROOT));
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
