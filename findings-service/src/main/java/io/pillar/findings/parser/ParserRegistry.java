package io.pillar.findings.parser;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/**
 * Every {@link FindingParser}, by format name: the built-in ones (two claiming one format stop the service at start)
 * and the formats defined by mapping files, which change while the service runs.
 */
@Singleton
@Startup
public class ParserRegistry {
    private final Map<String, FindingParser> byFormat = new TreeMap<>();
    private volatile Map<String, FindingParser> all;

    @Inject
    public ParserRegistry(@Any Instance<FindingParser> parsers) {
        this((Iterable<FindingParser>) parsers);
    }

    public ParserRegistry(Iterable<FindingParser> parsers) {
        for (FindingParser parser : parsers) {
            FindingParser previous = byFormat.put(parser.format(), parser);
            if (previous != null) {
                throw new IllegalStateException("two parsers claim format '" + parser.format() + "': "
                        + previous.getClass().getName() + " and " + parser.getClass().getName());
            }
        }
        all = java.util.Collections.unmodifiableMap(new TreeMap<>(byFormat));
    }

    /** The built-in formats' names, which no mapping may take. */
    public Set<String> builtIn() {
        return byFormat.keySet();
    }

    /** The mapped formats in force from now on, beside the built-in ones (whose names they never take). */
    public void useMapped(Iterable<? extends FindingParser> mapped) {
        Map<String, FindingParser> next = new TreeMap<>();
        mapped.forEach(p -> next.put(p.format(), p));
        next.keySet().removeAll(byFormat.keySet());
        next.putAll(byFormat);
        all = java.util.Collections.unmodifiableMap(next);
    }

    public Optional<FindingParser> byFormat(String format) {
        return Optional.ofNullable(all.get(format));
    }

    public Set<String> formats() {
        return all.keySet();
    }

    /**
     * The parser named by {@code format} when one is named, else the one that recognises the report by its first
     * {@code length} bytes; the error names the formats tried and, as {@code howToName} says, how to name one.
     */
    public FindingParser choose(String format, byte[] head, int length, String howToName)
            throws UnsupportedFormatException {
        if (format != null && !format.isBlank()) {
            return byFormat(format).orElseThrow(
                    () -> new UnsupportedFormatException("format '" + format + "' is not supported", formats()));
        }
        if (length == 0) {
            throw new UnsupportedFormatException("the report is empty", formats());
        }
        ReportHead text = new ReportHead(new String(head, 0, length, StandardCharsets.UTF_8));
        return detect(text).orElseThrow(() -> new UnsupportedFormatException(
                "the report was not recognised as any supported format (name it " + howToName + ")"
                        + nearMisses(text),
                formats()));
    }

    /** What came close, for the 415 answer: "; it looks like grype (has ...) but lacks ...". */
    private String nearMisses(ReportHead head) {
        String misses = String.join("; ", all.values().stream().map(p -> p.nearMiss(head))
                .filter(m -> m != null).toList());
        return misses.isEmpty() ? "" : "; it " + misses;
    }

    /** The parser most sure that the report starts in its format, if any is. */
    public Optional<FindingParser> detect(ReportHead head) {
        FindingParser best = null;
        int bestScore = 0;
        for (FindingParser p : all.values()) {
            int score = p.detect(head);
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}
