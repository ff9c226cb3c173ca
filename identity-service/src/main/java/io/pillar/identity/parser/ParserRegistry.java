package io.pillar.identity.parser;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** The identity export formats, collected at start-up; a duplicate name fails the start. */
@ApplicationScoped
public class ParserRegistry {
    private final Map<String, IdentityParser> byFormat = new TreeMap<>();

    @Inject
    public ParserRegistry(Instance<IdentityParser> parsers) {
        for (IdentityParser p : parsers) {
            if (byFormat.put(p.format(), p) != null) {
                throw new IllegalStateException("two identity parsers for format " + p.format());
            }
        }
    }

    public Set<String> formats() {
        return byFormat.keySet();
    }

    /** The parser of the named format, or of the first format that recognises the document. */
    public IdentityParser choose(String format, IdentityInput input) {
        if (format != null) {
            IdentityParser p = byFormat.get(format);
            if (p == null) {
                throw new UnsupportedFormatException("unknown format " + format, formats());
            }
            return p;
        }
        for (IdentityParser p : byFormat.values()) {
            if (p.detects(input)) {
                return p;
            }
        }
        String why = input.jsonError() != null
                ? "the document looks like JSON but does not parse (" + input.jsonError() + ")"
                : "the document matches no identity export format";
        throw new UnsupportedFormatException(why, formats());
    }
}
