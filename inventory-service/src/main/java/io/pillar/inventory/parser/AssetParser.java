package io.pillar.inventory.parser;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;

/**
 * Reads one inventory format as a stream: the parser is positioned before the first token; items are handed to the
 * sink one by one, so a report is never held whole. An item that cannot be read is rejected with its reason and the
 * next one is read; a document that is not JSON of the expected shape throws.
 */
public interface AssetParser {
    /** The name used in {@code ?format=} and the {@code pillar-format} Kafka header. */
    String format();

    /** How likely the first bytes of a report are in this format, 0 (no) to 100 (certain). */
    int detect(String head);

    void parse(JsonParser json, AssetSink sink) throws IOException, MalformedInputException;
}
