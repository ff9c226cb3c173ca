package io.pillar.response.incident;

import java.util.List;
import java.util.Locale;

/**
 * Which finding events a trigger takes: every condition given must hold (absent ones hold; event types default to
 * created and updated). Products, rules and asset values compare without case. Asset conditions hold when any of the
 * finding's assets meets all of them.
 */
public record TriggerFilter(Integer minSeverityId, List<String> products, List<String> rules, List<String> controls,
        List<String> eventTypes, AssetFilter asset) {

    /** What the finding's assets must be: classified as one of these, exposed to the internet, this critical. */
    public record AssetFilter(List<String> dataClassifications, Boolean internetExposed, List<String> criticalities) {
        public boolean matches(String classification, boolean exposed, String criticality) {
            return in(dataClassifications, classification) && (internetExposed == null || internetExposed == exposed)
                    && in(criticalities, criticality);
        }
    }

    /** The finding as an event tells it. */
    public record Seen(String type, int severityId, String product, String rule, List<String> controls) {
    }

    public static final List<String> EVENT_TYPES = List.of("created", "updated");

    public void check() {
        if (minSeverityId != null && (minSeverityId < 0 || minSeverityId > 6)) {
            throw new IllegalArgumentException("filter.min_severity_id must be 0 to 6");
        }
        if (eventTypes != null && !EVENT_TYPES.containsAll(eventTypes)) {
            throw new IllegalArgumentException("filter.event_types: created, updated");
        }
    }

    /** Whether the event passes the conditions on the finding itself (asset conditions are checked apart). */
    public boolean matches(Seen seen) {
        return (minSeverityId == null || seen.severityId() >= minSeverityId) && in(products, seen.product())
                && in(rules, seen.rule()) && anyIn(controls, seen.controls())
                && (eventTypes == null || eventTypes.isEmpty() || eventTypes.contains(seen.type()));
    }

    /** A control given holds when the finding's rule or one of its compliance requirements is among them. */
    private static boolean anyIn(List<String> wanted, List<String> values) {
        return wanted == null || wanted.isEmpty() || values.stream().anyMatch(v -> in(wanted, v));
    }

    private static boolean in(List<String> wanted, String value) {
        if (wanted == null || wanted.isEmpty()) {
            return true;
        }
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        return wanted.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).equals(v));
    }
}
