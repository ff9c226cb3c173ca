package io.pillar.findings.posture;

import com.fasterxml.jackson.databind.JsonNode;

/** An improvement plan item in one sentence, for the report. */
final class PlanText {
    static String of(JsonNode item) {
        if (item.has("action")) {
            return item.get("action").asText();
        }
        StringBuilder s = new StringBuilder();
        long open = item.path("open_findings").asLong();
        if (open > 0) {
            s.append("Fix ").append(open).append(" open finding(s)");
            JsonNode first = item.path("findings").path(0);
            if (!first.isMissingNode()) {
                s.append(", first: ").append(first.path("title").asText());
            }
            s.append(". ");
        }
        for (JsonNode m : item.path("failing_measures")) {
            s.append(m.path("detail").asText()).append(". ");
        }
        return s.toString().trim();
    }

    /** The risk an item removes, as people read it: a whole number when it is one. */
    static String weight(JsonNode item) {
        double w = item.path("risk_removed").asDouble();
        return w == Math.rint(w) ? Long.toString((long) w) : String.format(java.util.Locale.ROOT, "%.1f", w);
    }

    private PlanText() {
    }
}
