package io.pillar.findings.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.pillar.findings.Finding;

/** The opaque cursor of a findings list: its order and the sort keys of the last finding shown. */
public final class FindingCursor {

    public static String encode(FindingSort sort, Finding last) {
        Instant time = sort == FindingSort.LAST_SEEN ? last.lastSeen : last.createdAt;
        int rank = sort == FindingSort.RISK ? (last.riskScore == null ? -1 : last.riskScore) : last.severityId;
        String raw = "f1|" + sort.name() + "|" + rank + "|" + time + "|" + last.id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the cursor is not one this list gave, in this order */
    public static FindingSort.After decode(String cursor, FindingSort sort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 5 || !parts[0].equals("f1")) {
                throw new IllegalArgumentException("malformed");
            }
            if (!parts[1].equals(sort.name())) {
                throw new IllegalArgumentException("cursor: it belongs to a list sorted by "
                        + parts[1].toLowerCase() + ", not " + sort.name().toLowerCase());
            }
            return new FindingSort.After(Integer.parseInt(parts[2]), Instant.parse(parts[3]),
                    UUID.fromString(parts[4]));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("cursor:")) {
                throw e;
            }
            throw new IllegalArgumentException("cursor: not one this list gave: " + cursor);
        }
    }

    private FindingCursor() {
    }
}
