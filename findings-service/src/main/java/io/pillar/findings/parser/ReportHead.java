package io.pillar.findings.parser;

import java.util.regex.Pattern;

/** The first bytes of a report, as text, for format detection. */
public record ReportHead(String text) {

    public boolean has(String literal) {
        return text.contains(literal);
    }

    /** Whether the JSON key appears, e.g. {@code key("SchemaVersion")} matches {@code "SchemaVersion" :}. */
    public boolean key(String name) {
        return Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:").matcher(text).find();
    }

    /** Whether the key appears with this string value. */
    public boolean keyValue(String name, String value) {
        return Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"" + Pattern.quote(value) + "\"")
                .matcher(text).find();
    }

    /** The first non-blank character: '[' or '{' for JSON, '<' for XML. */
    public char first() {
        String t = text.stripLeading();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1).stripLeading();
        }
        return t.isEmpty() ? 0 : t.charAt(0);
    }
}
