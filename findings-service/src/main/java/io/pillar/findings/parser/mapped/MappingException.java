package io.pillar.findings.parser.mapped;

/** A mapping that cannot be used: which file (or "upload"), which line (1-based, 0 for the whole file), and why. */
public final class MappingException extends Exception {
    private final String source;
    private final int line;
    private final String reason;

    public MappingException(String source, int line, String reason) {
        super(source + ":" + line + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
