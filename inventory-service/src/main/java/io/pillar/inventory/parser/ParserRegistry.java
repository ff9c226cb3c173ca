package io.pillar.inventory.parser;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.pillar.platform.json.Json;
import io.quarkus.runtime.Startup;

/**
 * Every {@link AssetParser}, by format name, and detection from a report's first bytes when the caller names none. Two
 * parsers claiming one format stop the service at start.
 */
@Singleton
@Startup
public class ParserRegistry {
    private static final int HEAD = 64 * 1024;
    private final Map<String, AssetParser> byFormat = new TreeMap<>();

    @Inject
    public ParserRegistry(@Any Instance<AssetParser> parsers) {
        this((Iterable<AssetParser>) parsers);
    }

    public ParserRegistry(Iterable<AssetParser> parsers) {
        for (AssetParser parser : parsers) {
            AssetParser previous = byFormat.put(parser.format(), parser);
            if (previous != null) {
                throw new IllegalStateException("two parsers claim format '" + parser.format() + "': "
                        + previous.getClass().getName() + " and " + parser.getClass().getName());
            }
        }
    }

    public Set<String> formats() {
        return byFormat.keySet();
    }

    public Optional<AssetParser> byFormat(String format) {
        return Optional.ofNullable(byFormat.get(format));
    }

    /** Parses a report in the named format (detected when null), streaming items into the sink; returns the format. */
    public String parse(InputStream report, String format, AssetSink sink)
            throws UnsupportedFormatException, MalformedInputException {
        return parse(report, format, sink, chosen -> {
        });
    }

    /** As {@link #parse(InputStream, String, AssetSink)}, telling which format was chosen before reading it. */
    public String parse(InputStream report, String format, AssetSink sink, Consumer<String> chosen)
            throws UnsupportedFormatException, MalformedInputException {
        BufferedInputStream in = new BufferedInputStream(report, HEAD);
        AssetParser parser;
        try {
            in.mark(HEAD);
            byte[] head = in.readNBytes(HEAD);
            in.reset();
            parser = choose(format, head, head.length, "with ?format=");
        } catch (IOException e) {
            throw new MalformedInputException("the report could not be read: " + e.getMessage(), null);
        }
        chosen.accept(parser.format());
        try (JsonParser json = Json.untrustedParser(in)) {
            try {
                parser.parse(json, sink);
                if (json.nextToken() != null) {
                    throw new MalformedInputException("unexpected content after the report's JSON value",
                            json.currentLocation());
                }
            } catch (JsonProcessingException e) {
                // a limit exceeded (nesting, text or number length) has no location of its own: the parser's
                throw new MalformedInputException("not valid JSON: " + e.getOriginalMessage(),
                        e.getLocation() != null ? e.getLocation() : json.currentLocation());
            }
        } catch (JsonProcessingException e) {
            throw new MalformedInputException("not valid JSON: " + e.getOriginalMessage(), e.getLocation());
        } catch (IOException e) {
            throw new MalformedInputException("the report could not be read: " + e.getMessage(), null);
        }
        return parser.format();
    }

    /**
     * The parser named by {@code format} when one is named, else the one that recognises the report by its first
     * {@code length} bytes; the error names the formats tried and, as {@code howToName} says, how to name one.
     */
    public AssetParser choose(String format, byte[] head, int length, String howToName)
            throws UnsupportedFormatException {
        if (format != null && !format.isBlank()) {
            return byFormat(format).orElseThrow(() -> new UnsupportedFormatException(
                    "unknown format '" + format + "'; supported: " + String.join(", ", formats()), formats()));
        }
        if (length == 0) {
            throw new UnsupportedFormatException("the report is empty", formats());
        }
        return detect(new String(head, 0, length, StandardCharsets.UTF_8)).orElseThrow(
                () -> new UnsupportedFormatException("the format could not be detected; tried "
                        + String.join(", ", formats()) + "; name one " + howToName, formats()));
    }

    /** The parser most sure that the report starts in its format, if any is. */
    public Optional<AssetParser> detect(String head) {
        AssetParser best = null;
        int bestScore = 0;
        for (AssetParser p : byFormat.values()) {
            int score = p.detect(head);
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}
