package io.pillar.findings.parser;

import java.util.Locale;

/** OCSF severity_id from the labels and scores scanners use. */
public final class Severity {
    public static final int UNKNOWN = 0;
    public static final int INFORMATIONAL = 1;
    public static final int LOW = 2;
    public static final int MEDIUM = 3;
    public static final int HIGH = 4;
    public static final int CRITICAL = 5;

    /** informational/info/none/note, low, medium/moderate/warning, high/error, critical; anything else unknown. */
    public static int fromLabel(String label) {
        if (label == null) {
            return UNKNOWN;
        }
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "informational", "info", "none", "note" -> INFORMATIONAL;
            case "low" -> LOW;
            case "medium", "moderate", "warning" -> MEDIUM;
            case "high", "error" -> HIGH;
            case "critical" -> CRITICAL;
            default -> UNKNOWN;
        };
    }

    /** From a 0-10 score (CVSS v3 bands: 0 none, 0.1-3.9 low, 4-6.9 medium, 7-8.9 high, 9-10 critical). */
    public static int fromScore(double score) {
        if (score <= 0) {
            return INFORMATIONAL;
        }
        return score < 4 ? LOW : score < 7 ? MEDIUM : score < 9 ? HIGH : CRITICAL;
    }

    public static String label(int severityId) {
        return switch (severityId) {
            case INFORMATIONAL -> "informational";
            case LOW -> "low";
            case MEDIUM -> "medium";
            case HIGH -> "high";
            case CRITICAL -> "critical";
            case 6 -> "fatal";
            case 99 -> "other";
            default -> "unknown";
        };
    }

    private Severity() {
    }
}
