package io.pillar.findings.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.platform.json.Json;
import io.quarkus.runtime.Startup;

/**
 * Which Well-Architected best practices a finding gives evidence for, from the versioned mapping data in
 * {@code framework/best-practice-mapping.json}. A mapping that names an id missing from its catalog stops the service
 * at start.
 */
@Singleton
@Startup
public class BestPractices {
    private static final String MAPPING = io.pillar.findings.posture.FrameworkCatalog.MAPPING;

    private record Rule(Integer classUid, Set<String> formats, Set<String> products, boolean needsWord,
            List<String> bestPractices, String description) {

        boolean applies(NormalizedFinding f, BitSet rulesWithWord, int index) {
            return (classUid == null || classUid == f.classUid())
                    && (formats.isEmpty() || formats.contains(f.format()))
                    && (products.isEmpty() || products.contains(f.product()))
                    && (!needsWord || rulesWithWord.get(index));
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    /** Where mapped formats are found, with the best practices their mapping files name; null outside CDI. */
    @jakarta.inject.Inject
    io.pillar.findings.parser.ParserRegistry parsers;
    private final Set<String> catalog = new HashSet<>();
    private final WordIndex words = new WordIndex();

    public BestPractices() {
        ObjectMapper json = Json.MAPPER;
        JsonNode mapping = read(json, MAPPING);
        catalog.addAll(io.pillar.findings.posture.FrameworkCatalog.inForce().practices().keySet());
        for (JsonNode rule : mapping.get("rules")) {
            JsonNode when = rule.get("when");
            List<String> ids = new ArrayList<>();
            for (JsonNode id : rule.get("best_practices")) {
                if (!catalog.contains(id.asText())) {
                    throw new IllegalStateException(MAPPING + " names " + id.asText() + ", which its catalog lacks");
                }
                ids.add(id.asText());
            }
            int index = rules.size();
            when.path("words").forEach(w -> words.add(w.asText().toLowerCase(Locale.ROOT), index));
            rules.add(new Rule(when.has("class_uid") ? when.get("class_uid").asInt() : null,
                    strings(when.get("format")), strings(when.get("product")), !when.path("words").isEmpty(), ids,
                    describe(when)));
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
        if (parsers != null && parsers.byFormat(f.format())
                .orElse(null) instanceof io.pillar.findings.parser.mapped.MappedFormat mapped) {
            ids.addAll(mapped.bestPractices());
        }
        BitSet rulesWithWord = words.rulesMatching(text);
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).applies(f, rulesWithWord, i)) {
                ids.addAll(rules.get(i).bestPractices());
            }
        }
        return ids.toArray(String[]::new);
    }

    /**
     * The mapping's words, found in one pass over a text: a word matches where it begins a word of the text (the
     * character before it is not a letter or digit), whatever follows, so "token" also matches "tokens".
     */
    private static final class WordIndex {
        private record Word(String text, int rule) {
        }

        private final Map<Character, List<Word>> byFirstChar = new HashMap<>();

        void add(String word, int rule) {
            if (!word.isEmpty()) {
                byFirstChar.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(new Word(word, rule));
            }
        }

        BitSet rulesMatching(String text) {
            BitSet matched = new BitSet();
            for (int i = 0; i < text.length(); i++) {
                if (i > 0 && isWordChar(text.charAt(i - 1))) {
                    continue;
                }
                List<Word> candidates = byFirstChar.get(text.charAt(i));
                if (candidates == null) {
                    continue;
                }
                for (Word w : candidates) {
                    if (text.startsWith(w.text(), i)) {
                        matched.set(w.rule());
                    }
                }
            }
            return matched;
        }

        private static boolean isWordChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        }
    }

    /** A rule of the mapping file, described for people, as an evidence source of the coverage report. */
    public record MappingSource(String id, String title, List<String> bestPractices) {
    }

    /** The mapping file's rules, then each mapped format (its mapping file names its best practices). */
    public List<MappingSource> sources() {
        List<MappingSource> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            out.add(new MappingSource("mapping/" + (i + 1), rules.get(i).description(), rules.get(i).bestPractices()));
        }
        if (parsers != null) {
            for (String format : new TreeSet<>(parsers.formats())) {
                if (parsers.byFormat(format)
                        .orElse(null) instanceof io.pillar.findings.parser.mapped.MappedFormat mapped
                        && !mapped.bestPractices().isEmpty()) {
                    out.add(new MappingSource("format/" + format, "findings of the mapped format " + format,
                            mapped.bestPractices()));
                }
            }
        }
        return out;
    }

    private static String describe(JsonNode when) {
        List<String> parts = new ArrayList<>();
        if (when.has("class_uid")) {
            parts.add("OCSF class " + when.get("class_uid").asInt());
        }
        if (when.has("format")) {
            parts.add("from " + String.join(", ", strings(when.get("format")).stream().sorted().toList()));
        }
        if (when.has("product")) {
            parts.add("reported by " + String.join(", ", strings(when.get("product")).stream().sorted().toList()));
        }
        if (!when.path("words").isEmpty()) {
            List<String> w = new ArrayList<>();
            when.get("words").forEach(x -> w.add(x.asText()));
            parts.add("whose rule, title or controls mention " + String.join(", ", w));
        }
        return "findings " + String.join(", ", parts);
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
