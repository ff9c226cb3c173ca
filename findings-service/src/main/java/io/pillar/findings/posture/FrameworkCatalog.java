package io.pillar.findings.posture;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.json.Json;

/**
 * The Well-Architected Security Pillar's questions and best practices as versioned data
 * ({@code framework/catalog-<version>.json}): the catalog the mapping file names is the one in force.
 */
public record FrameworkCatalog(String framework, String version, String file, List<Question> questions) {
    public static final String MAPPING = "framework/best-practice-mapping.json";

    public record Practice(String id, String title, String questionId) {
    }

    public record Question(String id, String area, String title, List<Practice> practices) {
    }

    /** The catalog the mapping file names, read once. */
    public static FrameworkCatalog inForce() {
        return InForce.CATALOG;
    }

    private static final class InForce {
        static final FrameworkCatalog CATALOG = load("framework/" + read(MAPPING).get("catalog").asText());
    }

    public static FrameworkCatalog load(String resource) {
        JsonNode root = read(resource);
        List<Question> questions = new ArrayList<>();
        for (JsonNode q : root.get("questions")) {
            List<Practice> practices = new ArrayList<>();
            for (JsonNode bp : q.get("best_practices")) {
                practices.add(new Practice(bp.get("id").asText(), bp.get("title").asText(), q.get("id").asText()));
            }
            questions.add(new Question(q.get("id").asText(), q.path("area").asText(""), q.get("title").asText(),
                    List.copyOf(practices)));
        }
        return new FrameworkCatalog(root.get("framework").asText(), root.get("version").asText(),
                resource.substring(resource.lastIndexOf('/') + 1), List.copyOf(questions));
    }

    /** Every best practice by id, in catalog order. */
    public Map<String, Practice> practices() {
        Map<String, Practice> out = new LinkedHashMap<>();
        questions.forEach(q -> q.practices().forEach(p -> out.put(p.id(), p)));
        return out;
    }

    /** The short version ("2024-06-27") sources name: the date the catalog's numbering is from. */
    public String shortVersion() {
        return file.replace("catalog-", "").replace(".json", "");
    }

    static JsonNode read(String resource) {
        try (InputStream in = FrameworkCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource + " is not JSON: " + e.getMessage(), e);
        }
    }
}
