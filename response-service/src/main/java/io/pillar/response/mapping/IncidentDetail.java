package io.pillar.response.mapping;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

/** One incident in full: what it is about, how it ended and its timeline, oldest event first. */
public record IncidentDetail(@JsonUnwrapped IncidentView incident, String description, String createdBy,
        JsonNode review, List<String> findingIds, List<String> assetIds, List<String> principalIds,
        List<TimelineEvent> timeline) {

    public record TimelineEvent(Instant at, String actor, String kind, JsonNode detail) {
    }
}
