package io.pillar.response.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A run's variables (CACAO 2.0 section 10.18): names written {@code __name__}, referenced in strings as
 * {@code __name__} or {@code __name__:value}. Values are kept as text, as CACAO variables are.
 */
public final class Variables {
    /** A reference in a string: the name, optionally followed by {@code :value}. */
    public static final Pattern REFERENCE = Pattern.compile("__[A-Za-z0-9_-]+?__(?::value)?");
    private final Map<String, String> values;

    public Variables(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** The playbook's variables (their {@code value}), then the run's inputs over them. */
    public static Variables of(JsonNode playbook, Map<String, String> inputs) {
        Map<String, String> values = new LinkedHashMap<>();
        playbook.path("playbook_variables").properties()
                .forEach(v -> values.put(v.getKey(), v.getValue().path("value").asText("")));
        values.putAll(inputs);
        return new Variables(values);
    }

    /** These variables with a step's own over them (a step's variables live only in that step). */
    public Variables withStep(JsonNode step) {
        if (!step.has("step_variables")) {
            return this;
        }
        Variables scoped = new Variables(values);
        step.get("step_variables").properties().forEach(v -> {
            if (!scoped.values.containsKey(v.getKey()) || v.getValue().path("constant").asBoolean(false)) {
                scoped.values.put(v.getKey(), v.getValue().path("value").asText(""));
            }
        });
        return scoped;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String get(String name) {
        return values.get(name);
    }

    public void set(String name, String value) {
        values.put(name, value);
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    /** The text with every reference to a known variable replaced by its value (unknown ones are left). */
    public String substitute(String text) {
        if (text == null || !text.contains("__")) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = nameOf(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(values.containsKey(name)
                    ? values.get(name)
                    : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The variable a reference names: {@code __x__:value} and {@code __x__} both name {@code __x__}. */
    public static String nameOf(String reference) {
        return reference.endsWith(":value") ? reference.substring(0, reference.length() - 6) : reference;
    }

    /** Every variable a text refers to. */
    public static Set<String> referencedIn(String text) {
        Set<String> names = new TreeSet<>();
        if (text != null) {
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                names.add(nameOf(m.group()));
            }
        }
        return names;
    }
}
