package io.pillar.findings.mapping;

import java.time.Instant;
import java.util.List;

/** One finding with its workflow history (oldest change first) and its correlated findings. */
public record FindingDetail(FindingView finding, List<Change> history, List<Correlated> correlated) {

    public FindingDetail(FindingView finding, List<Change> history) {
        this(finding, history, List.of());
    }

    /**
     * A finding with the same correlation key: the same vulnerability on the same resource from another tool, or the
     * same issue filed for another team.
     */
    public record Correlated(java.util.UUID id, String product, String status, String severity) {
    }

    public record Change(Instant at, String actor, String change, String fromStatus, String toStatus,
            String reason) {
    }
}
