package io.pillar.response.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.Topic;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;
import io.pillar.response.Incident;
import io.pillar.response.Run;
import io.pillar.response.repository.IncidentRepository;

/**
 * What a run's progress tells the rest of the platform: events on pillar.response.events (keyed by run, so a run's
 * events stay in order) and the incident's timeline, in the transaction that records the change.
 */
@ApplicationScoped
public class RunEvents {
    public static final String STARTED = "io.pillar.run.started";
    public static final String COMPLETED = "io.pillar.run.completed";
    public static final String FAILED = "io.pillar.run.failed";
    public static final String CANCELLED = "io.pillar.run.cancelled";
    @Inject
    Outbox outbox;
    @Inject
    IncidentRepository incidents;
    @Inject
    IncidentWorkflow incidentWorkflow;

    public void started(Run run, String playbookName) {
        publish(run, STARTED, Map.of("playbook", playbookName));
    }

    public void finished(Run run) {
        String type = switch (run.status) {
            case "completed" -> COMPLETED;
            case "cancelled" -> CANCELLED;
            default -> FAILED;
        };
        publish(run, type, run.error == null ? Map.of() : Map.of("error", run.error));
    }

    private void publish(Run run, String type, Map<String, String> extra) {
        Instant now = Instant.now();
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("run_id", run.id.toString()).put("playbook_id", run.playbookId.toString())
                .put("playbook_version", run.playbookVersion).put("team", run.team).put("status", run.status)
                .put("simulation", run.simulation).put("requested_by", run.requestedBy)
                .put("incident_id", run.incidentId == null ? null : run.incidentId.toString());
        extra.forEach(data::put);
        String key = run.id.toString();
        outbox.add(List.of(new OutboxEvent(Topic.RESPONSE_EVENTS.topicName(), key, type,
                CloudEvent.write(CloudEvent.source("response-service"), type, key, now, data),
                run.team == null ? Map.of() : Map.of("pillar-team", run.team))));
        if (run.incidentId != null) {
            Incident incident = incidents.findById(run.incidentId);
            if (incident != null) {
                incidentWorkflow.timeline(incident, run.requestedBy, type.substring("io.pillar.".length()), data,
                        now);
            }
        }
    }
}
