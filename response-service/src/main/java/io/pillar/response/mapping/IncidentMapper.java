package io.pillar.response.mapping;

import io.pillar.contracts.api.Cursor;
import io.pillar.response.Incident;

public final class IncidentMapper {

    public static IncidentView toView(Incident i) {
        return new IncidentView(i.id, i.title, i.severityId, i.status, i.team, i.detectedAt, i.acknowledgedAt,
                i.containedAt, i.resolvedAt, i.createdAt);
    }

    public static Cursor cursorOf(Incident i) {
        return new Cursor(i.createdAt, i.id);
    }

    private IncidentMapper() {
    }
}
