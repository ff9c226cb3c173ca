package io.pillar.response.incident;

import java.util.List;

/** OCSF severity ids as incidents use them: 1 informational to 6 fatal. */
public final class Severity {
    private static final List<String> LABELS = List.of("unknown", "informational", "low", "medium", "high",
            "critical", "fatal");

    private Severity() {
    }

    public static String label(int id) {
        return id >= 0 && id < LABELS.size() ? LABELS.get(id) : "other";
    }

    public static short check(int id) {
        if (id < 1 || id > 6) {
            throw new IllegalArgumentException("severity_id must be 1 (informational) to 6 (fatal), was " + id);
        }
        return (short) id;
    }
}
