package io.pillar.findings.parser;

/** The first bytes of a report, as text, for format detection. */
public record ReportHead(String text) {

    public boolean has(String literal) {
        return text.contains(literal);
    }

    /** Whether the JSON key appears, e.g. {@code key("SchemaVersion")} matches {@code "SchemaVersion" :}. */
    public boolean key(String name) {
        return valueAfter(name, 0) >= 0;
    }

    /** Whether an XML element of this name starts in the text: {@code <name>}, {@code <name attr=...>} or {@code <name/>}. */
    public boolean element(String name) {
        String open = "<" + name;
        for (int i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + 1)) {
            int end = i + open.length();
            if (end < text.length() && (Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '>'
                    || text.charAt(end) == '/')) {
                return true;
            }
        }
        return false;
    }

    /** Whether the key appears with this string value. */
    public boolean keyValue(String name, String value) {
        String quoted = "\"" + value + "\"";
        for (int from = 0, at; (at = valueAfter(name, from)) >= 0; from = at) {
            if (text.startsWith(quoted, at)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the value of the next occurrence of the key (from {@code from} on) begins, or -1. Plain scanning rather
     * than regular expressions: every Kafka record is detected, so this runs for each of them.
     */
    private int valueAfter(String name, int from) {
        String quoted = "\"" + name + "\"";
        for (int i = text.indexOf(quoted, from); i >= 0; i = text.indexOf(quoted, i + 1)) {
            int j = skipBlanks(i + quoted.length());
            if (j < text.length() && text.charAt(j) == ':') {
                return skipBlanks(j + 1);
            }
        }
        return -1;
    }

    private int skipBlanks(int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The first {@code bytes} of a stream that supports mark and reset, left unread. */
    public static ReportHead peek(java.io.InputStream in, int bytes) throws java.io.IOException {
        in.mark(bytes);
        byte[] head = in.readNBytes(bytes);
        in.reset();
        return new ReportHead(new String(head, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Whether the report is markup (XML): its first non-blank character is '<'. */
    public boolean markup() {
        return first() == '<';
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
