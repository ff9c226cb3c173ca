package io.pillar.findings.mapping;

import java.time.Instant;
import java.util.UUID;

/** The orders a findings list can have, each with the keyset its cursor carries. */
public enum FindingSort {
    CREATED_AT("f.created_at DESC, f.id DESC"), LAST_SEEN("f.last_seen DESC, f.id DESC"), SEVERITY(
            "f.severity_id DESC, f.created_at DESC, f.id DESC"), RISK(
                    "COALESCE(f.risk_score, -1) DESC, f.created_at DESC, f.id DESC");

    private final String orderBy;

    FindingSort(String orderBy) {
        this.orderBy = orderBy;
    }

    public String orderBy() {
        return orderBy;
    }

    /** Where the previous page ended: the sort keys of its last finding (rank: severity id or risk score). */
    public record After(int rank, Instant time, UUID id) {
    }

    /** From the {@code sort} query parameter (a leading minus is accepted: every order is descending). */
    public static FindingSort of(String sort) {
        if (sort == null || sort.isBlank()) {
            return CREATED_AT;
        }
        return switch (sort.trim()) {
            case "created_at", "-created_at" -> CREATED_AT;
            case "last_seen", "-last_seen" -> LAST_SEEN;
            case "severity", "-severity" -> SEVERITY;
            case "risk", "-risk" -> RISK;
            default -> throw new IllegalArgumentException("sort must be created_at, last_seen, severity or risk, was "
                    + sort);
        };
    }
}
