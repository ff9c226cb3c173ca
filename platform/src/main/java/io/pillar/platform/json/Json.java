package io.pillar.platform.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mapper of Pillar's own documents (events, stored JSON, views built by hand): thread-safe, shared, one
 * configuration everywhere. Times are written as ISO-8601 text.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /**
     * For documents from outside (scanner reports, inventory exports): nesting at most 256 deep, strings up to 20 MB
     * (a SARIF log embeds whole files), numbers up to 100 digits, so a hostile document costs bounded work.
     */
    public static final ObjectMapper UNTRUSTED = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256)
                    .maxStringLength(20_000_000).maxNumberLength(100).build())
            .build()).build();

    /**
     * A streaming parser over a document from outside, read as UTF-8 (RFC 8259). Jackson would take a document that
     * starts with zero bytes or a UTF-16/32 byte order mark for UTF-16 or UTF-32, and then fail with a bare I/O error;
     * such a document is refused here as not valid JSON, at its first byte.
     */
    public static JsonParser untrustedParser(InputStream in) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(in, 4);
        byte[] head = new byte[4];
        int n = peek.readNBytes(head, 0, 4);
        peek.unread(head, 0, n);
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == 0 || (i == 0 && n > 1 && (b == 0xfe || b == 0xff) && (head[1] & 0xff) == (b ^ 0x01))) {
                throw new JsonParseException(null, "a JSON document is UTF-8 (RFC 8259); this one starts as "
                        + "UTF-16 or UTF-32", new JsonLocation(null, i, 1, i + 1));
            }
        }
        return UNTRUSTED.createParser(peek);
    }

    /** As {@link #MAPPER}, with record and bean properties named in snake_case (OCSF's and our stored JSON's style). */
    public static final ObjectMapper SNAKE_CASE = MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Json() {
    }
}
