package io.pillar.findings.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.findings.parser.NormalizedFinding;
import io.quarkus.runtime.Startup;

/**
 * Which Well-Architected best practices a finding gives evidence for, from the versioned mapping data in
 * {@code framework/best-practice-mapping.json}. A mapping that names an id missing from its catalog stops the service
 * at start.
 */
@Singleton
@Startup
public class BestPractices {
    private static final String MAPPING = "framework/best-practice-mapping.json";

    private record Rule(Integer classUid, Set<String> formats, Set<String> products, List<Pattern> words,
            List<String> bestPractices) {

        boolean applies(NormalizedFinding f, String text) {
            return (classUid == null || classUid == f.classUid())
                    && (formats.isEmpty() || formats.contains(f.format()))
                    && (products.isEmpty() || products.contains(f.product()))
                    && (words.isEmpty() || words.stream().anyMatch(w -> w.matcher(text).find()));
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> catalog = new HashSet<>();

    public BestPractices() {
        ObjectMapper json = new ObjectMapper();
        JsonNode mapping = read(json, MAPPING);
        for (JsonNode question : read(json, "framework/" + mapping.get("catalog").asText()).get("questions")) {
            question.get("best_practices").forEach(bp -> catalog.add(bp.get("id").asText()));
        }
        for (JsonNode rule : mapping.get("rules")) {
            JsonNode when = rule.get("when");
            List<String> ids = new ArrayList<>();
            for (JsonNode id : rule.get("best_practices")) {
                if (!catalog.contains(id.asText())) {
                    throw new IllegalStateException(MAPPING + " names " + id.asText() + ", which its catalog lacks");
                }
                ids.add(id.asText());
            }
            List<Pattern> words = new ArrayList<>();
            when.path("words").forEach(w -> words.add(Pattern.compile("(?<![a-z0-9])" + Pattern.quote(
                    w.asText().toLowerCase(Locale.ROOT)))));
            rules.add(
                    new Rule(when.has("class_uid") ? when.get("class_uid").asInt() : null, strings(when.get("format")),
                            strings(when.get("product")), words, ids));
        }
    }

    /** The best practice ids, sorted. */
    public String[] of(NormalizedFinding f) {
        String text = (f.ruleUid() + "\n" + f.title() + "\n" + String.join("\n", f.compliance()))
                .toLowerCase(Locale.ROOT);
        Set<String> ids = new TreeSet<>();
        // a control named by a best practice id (Pillar's own rules name them) is evidence for that practice
        for (String control : f.compliance()) {
            if (catalog.contains(control)) {
                ids.add(control);
            }
        }
        for (Rule rule : rules) {
            if (rule.applies(f, text)) {
                ids.addAll(rule.bestPractices());
            }
        }
        return ids.toArray(String[]::new);
    }

    public boolean known(String id) {
        return catalog.contains(id);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        if (array != null) {
            array.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    private static JsonNode read(ObjectMapper json, String resource) {
        try (InputStream in = BestPractices.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource + " is not JSON: " + e.getMessage(), e);
        }
    }
}
