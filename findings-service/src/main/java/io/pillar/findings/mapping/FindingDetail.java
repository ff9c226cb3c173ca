package io.pillar.findings.mapping;

import java.time.Instant;
import java.util.List;

/** One finding with its workflow history, oldest change first. */
public record FindingDetail(FindingView finding, List<Change> history) {

    public record Change(Instant at, String actor, String change, String fromStatus, String toStatus,
            String reason) {
    }
}
