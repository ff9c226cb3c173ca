package io.pillar.identity.parser;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/** Values as AWS exports write them: times in ISO-8601 with a {@code T} or a space, with or without an offset. */
public final class ExportValues {
    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendOffsetId().toFormatter();

    /** The instant, or null for an empty value, {@code N/A}, {@code no_information} or anything not a time. */
    public static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            return t.indexOf('T') > 0
                    ? OffsetDateTime.parse(t).toInstant()
                    : OffsetDateTime.parse(t, SPACED)
                            .toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private ExportValues() {
    }
}
