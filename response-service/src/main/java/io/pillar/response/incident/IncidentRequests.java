package io.pillar.response.incident;

import java.time.Instant;
import java.util.List;

/** What clients send to open and change incidents (JSON in snake_case). */
public final class IncidentRequests {

    private IncidentRequests() {
    }

    /**
     * A new incident. From findings, the title and severity default to the most severe finding's, and the findings'
     * assets are linked too.
     */
    public record NewIncident(String title, String description, Integer severityId, String team,
            List<String> assignees, List<String> findingIds, List<String> assetIds, List<String> principalIds,
            Instant detectedAt) {
    }

    /** A change: each field given replaces the current one (links replace the whole set); a comment is added. */
    public record Change(String title, String description, Integer severityId, String status, List<String> assignees,
            List<String> findingIds, List<String> assetIds, List<String> principalIds, Review review,
            String comment) {
    }

    /** The post-incident review an incident needs to close. */
    public record Review(String cause, String lessons, List<String> followUpActions) {
        public void check() {
            if (cause == null || cause.isBlank() || lessons == null || lessons.isBlank() || followUpActions == null) {
                throw new IllegalArgumentException("review: cause, lessons and follow_up_actions (a list, may be "
                        + "empty) are required to close an incident");
            }
        }
    }
}
