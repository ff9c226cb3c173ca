package io.pillar.response.incident;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import io.pillar.response.Incident;

/**
 * The stages of an incident (NIST SP 800-61's detection, analysis, containment, eradication, recovery and
 * post-incident activity). An incident may move to any other stage: forward when work is done (skipped milestones are
 * reached at the same moment), back when it was premature. Each milestone keeps the first time it was reached; a
 * reopened incident keeps its history and loses only its closing.
 */
public enum Lifecycle {
    DETECTED, ANALYSIS, CONTAINED, ERADICATED, RECOVERED, CLOSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Lifecycle of(String label) {
        try {
            return valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("status must be one of " + String.join(", ",
                    Arrays.stream(values()).map(Lifecycle::label).toList()) + ", was " + label);
        }
    }

    /** Moves the incident here at this time, stamping each milestone reached for the first time. */
    public void enter(Incident i, Instant at) {
        i.status = label();
        if (this != DETECTED && i.acknowledgedAt == null) {
            i.acknowledgedAt = at;
        }
        if (ordinal() >= CONTAINED.ordinal() && i.containedAt == null) {
            i.containedAt = at;
        }
        if (ordinal() >= ERADICATED.ordinal() && i.eradicatedAt == null) {
            i.eradicatedAt = at;
        }
        if (ordinal() >= RECOVERED.ordinal() && i.recoveredAt == null) {
            i.recoveredAt = at;
        }
        if (ordinal() >= RECOVERED.ordinal() && i.resolvedAt == null) {
            i.resolvedAt = at;
        }
        i.closedAt = this == CLOSED ? at : null;
    }
}
