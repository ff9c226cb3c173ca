package io.pillar.inventory.parser;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.pillar.inventory.parser.awsconfig.AwsConfigParser;
import io.pillar.inventory.parser.ec2describe.Ec2DescribeParser;
import io.pillar.inventory.parser.pillar.PillarAssetParser;

/** Every inventory format by name, and detection from a report's first bytes when the caller names none. */
public final class ParserRegistry {
    private static final int HEAD = 64 * 1024;
    private static final List<AssetParser> PARSERS = List.of(new AwsConfigParser(), new Ec2DescribeParser(),
            new PillarAssetParser());

    public static List<String> formats() {
        return PARSERS.stream().map(AssetParser::format).toList();
    }

    /** Parses a report in the named format (detected when null), streaming items into the sink. */
    public static String parse(InputStream report, String format, AssetSink sink)
            throws UnsupportedFormatException, MalformedInputException {
        BufferedInputStream in = new BufferedInputStream(report, HEAD);
        AssetParser parser;
        try {
            parser = format == null ? detect(in) : byName(format);
        } catch (IOException e) {
            throw new MalformedInputException("the report could not be read: " + e.getMessage(), null);
        }
        try (JsonParser json = JsonItems.JSON.getFactory().createParser(in)) {
            parser.parse(json, sink);
            if (json.nextToken() != null) {
                throw new MalformedInputException("unexpected content after the report's JSON value",
                        json.currentLocation());
            }
        } catch (JsonProcessingException e) {
            throw new MalformedInputException("not valid JSON: " + e.getOriginalMessage(), e.getLocation());
        } catch (IOException e) {
            throw new MalformedInputException("the report could not be read: " + e.getMessage(), null);
        }
        return parser.format();
    }

    public static AssetParser byName(String format) throws UnsupportedFormatException {
        return PARSERS.stream().filter(p -> p.format().equals(format)).findFirst()
                .orElseThrow(() -> new UnsupportedFormatException(
                        "unknown format '" + format + "'; supported: " + String.join(", ", formats()), formats()));
    }

    private static AssetParser detect(BufferedInputStream in) throws IOException, UnsupportedFormatException {
        in.mark(HEAD);
        byte[] bytes = in.readNBytes(HEAD);
        in.reset();
        String head = new String(bytes, StandardCharsets.UTF_8);
        return PARSERS.stream().filter(p -> p.recognize(head) > 0)
                .max(Comparator.comparingInt(p -> p.recognize(head)))
                .orElseThrow(() -> new UnsupportedFormatException(
                        "the format could not be detected; tried " + String.join(", ", formats())
                                + "; name one with ?format=",
                        formats()));
    }

    private ParserRegistry() {
    }
}
