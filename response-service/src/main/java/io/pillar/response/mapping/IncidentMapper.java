package io.pillar.response.mapping;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.contracts.api.Cursor;
import io.pillar.platform.json.Json;
import io.pillar.response.Incident;
import io.pillar.response.IncidentEvent;
import io.pillar.response.incident.Severity;

public final class IncidentMapper {

    public static IncidentView toView(Incident i) {
        return new IncidentView(i.id, i.title, i.severityId, Severity.label(i.severityId), i.status, i.team,
                List.of(i.assignees == null ? new String[0] : i.assignees), i.detectedAt, i.acknowledgedAt,
                i.containedAt, i.eradicatedAt, i.recoveredAt, i.resolvedAt, i.closedAt, i.createdAt, i.updatedAt);
    }

    public static IncidentDetail toDetail(Incident i, Map<String, Set<String>> links, List<IncidentEvent> events) {
        return new IncidentDetail(toView(i), i.description, i.createdBy, tree(i.review),
                List.copyOf(links.getOrDefault("finding", Set.of())), List.copyOf(links.getOrDefault("asset",
                        Set.of())),
                List.copyOf(links.getOrDefault("principal", Set.of())),
                events.stream().map(e -> new IncidentDetail.TimelineEvent(e.at, e.actor, e.kind, tree(e.detail)))
                        .toList());
    }

    public static Cursor cursorOf(Incident i) {
        return new Cursor(i.createdAt, i.id);
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON that does not read back", e);
        }
    }

    private IncidentMapper() {
    }
}
