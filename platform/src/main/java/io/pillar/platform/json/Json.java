package io.pillar.platform.json;

import com.fasterxml.jackson.core.JsonFactory;
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

    /** As {@link #MAPPER}, with record and bean properties named in snake_case (OCSF's and our stored JSON's style). */
    public static final ObjectMapper SNAKE_CASE = MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Json() {
    }
}
