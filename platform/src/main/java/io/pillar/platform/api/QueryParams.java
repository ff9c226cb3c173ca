package io.pillar.platform.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters every API reads the same way; what cannot be read is a 400 problem naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    /** An ISO-8601 instant, or null when the parameter is absent or blank. */
    public static Instant instant(String name, String text) {
        try {
            return text == null || text.isBlank() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": not an ISO-8601 instant (2026-12-01T00:00:00Z): " + text);
        }
    }
}
