package io.pillar.response.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.platform.events.AuditEvents;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.security.Caller;
import io.pillar.response.Evidence;
import io.pillar.response.EvidenceAccess;
import io.pillar.response.Incident;
import io.pillar.response.client.EvidenceSources;
import io.pillar.response.repository.EvidenceRepository;
import io.pillar.response.repository.IncidentRepository;
import io.quarkus.security.ForbiddenException;

/**
 * Captures evidence (an asset's configuration as it was, or a principal; the incident's findings; the audit entries
 * about the subject), keeps it as captured with its SHA-256 (the database refuses any change), and logs every capture
 * and read in its chain of custody and in the audit trail.
 */
@ApplicationScoped
public class EvidenceService {
    @Inject
    EvidenceSources sources;
    @Inject
    EvidenceRepository evidence;
    @Inject
    IncidentRepository incidents;
    @Inject
    IncidentWorkflow incidentWorkflow;
    @Inject
    Outbox outbox;

    /** What to capture, for whom, and (for a run's step) where it was asked. */
    public record Capture(String subjectKind, String subjectId, Instant asOf, String team, UUID incidentId,
            UUID runId, String stepKey) {
    }

    /** The evidence as the API shows it; content and custody only when read. */
    public record EvidenceView(UUID id, String team, UUID incidentId, UUID runId, String subjectKind,
            String subjectId, Instant asOf, Instant capturedAt, String capturedBy, String sha256, Boolean intact,
            JsonNode content, List<Custody> custody) {
    }

    public record Custody(Instant at, String actor, String client, String action, boolean intact) {
    }

    /** Captures the evidence (once per run step: a step that runs again gets the same evidence). */
    @Transactional
    public Evidence capture(Capture c, String actor, String client) {
        if (c.runId() != null) {
            var earlier = evidence.byStep(c.runId(), c.stepKey());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        if (!Set.of("asset", "principal").contains(c.subjectKind())) {
            throw new IllegalArgumentException("evidence is of an asset or a principal, not " + c.subjectKind());
        }
        Instant now = Instant.now();
        Instant asOf = c.asOf() == null ? now : c.asOf();
        ObjectNode bundle = Json.MAPPER.createObjectNode();
        bundle.putObject("subject").put("kind", c.subjectKind()).put("id", c.subjectId());
        bundle.put("as_of", asOf.toString()).put("captured_at", now.toString()).put("captured_by", actor)
                .put("team", c.team()).put("incident_id", c.incidentId() == null ? null : c.incidentId().toString());
        if (c.subjectKind().equals("asset")) {
            bundle.set("configuration", sources.assetAt(c.subjectId(), asOf, c.team()));
        } else {
            bundle.set("principal", sources.principal(c.subjectId(), c.team()));
        }
        ArrayNode findings = bundle.putArray("findings");
        if (c.incidentId() != null) {
            for (String f : incidents.links(c.incidentId()).getOrDefault("finding", Set.of())) {
                findings.add(sources.finding(f, c.team()));
            }
        }
        bundle.set("audit_entries", sources.auditAbout(c.subjectKind() + "/" + c.subjectId(), actor));
        Evidence e = new Evidence();
        e.id = UUID.randomUUID();
        e.team = c.team();
        e.incidentId = c.incidentId();
        e.runId = c.runId();
        e.stepKey = c.stepKey();
        e.subjectKind = c.subjectKind();
        e.subjectId = c.subjectId();
        e.asOf = asOf;
        e.capturedAt = now;
        e.capturedBy = actor;
        e.content = bundle.toString();
        e.sha256 = PlaybookService.sha256(e.content);
        e.persist();
        custody(e, actor, client, "captured", true, now);
        ObjectNode after = Json.MAPPER.createObjectNode().put("subject", e.subjectKind + "/" + e.subjectId)
                .put("sha256", e.sha256).put("as_of", asOf.toString());
        outbox.add(List.of(AuditEvents.success(PlaybookService.SERVICE, actor, client, "evidence.captured",
                "evidence/" + e.id, null, after, now)));
        if (e.incidentId != null) {
            Incident incident = incidents.findById(e.incidentId);
            after.put("evidence_id", e.id.toString());
            incidentWorkflow.timeline(incident, actor, "evidence.captured", after, now);
        }
        return e;
    }

    /** A capture asked by a person through the API, for one of their team's incidents. */
    @Transactional
    public EvidenceView captureFor(Capture c, Caller caller) {
        Incident incident = c.incidentId() == null ? null : incidents.findById(c.incidentId());
        if (incident == null || !caller.reads(incident.team)) {
            throw new NotFoundException("no incident " + c.incidentId());
        }
        if (!caller.changes(incident.team)) {
            throw new ForbiddenException("only members of team " + incident.team + " capture its evidence");
        }
        Evidence e = capture(new Capture(c.subjectKind(), c.subjectId(), c.asOf(), incident.team, incident.id, null,
                null), caller.name(), caller.client());
        return view(e, null, List.of());
    }

    /** Reads the evidence: its digest is checked, and the read is logged in its custody and audited. */
    @Transactional
    public EvidenceView read(UUID id, Caller caller) {
        Evidence e = visible(id, caller);
        boolean intact = PlaybookService.sha256(e.content).equals(e.sha256);
        Instant now = Instant.now();
        custody(e, caller.name(), caller.client(), "read", intact, now);
        outbox.add(List.of(AuditEvents.success(PlaybookService.SERVICE, caller.name(), caller.client(),
                "evidence.read", "evidence/" + e.id, null, Json.MAPPER.createObjectNode().put("intact", intact),
                now)));
        List<Custody> custody = evidence.custody(e.id).stream()
                .map(a -> new Custody(a.at, a.actor, a.client, a.action, a.intact)).toList();
        return view(e, intact, custody, tree(e.content));
    }

    @Transactional
    public List<EvidenceView> list(UUID incidentId, Caller caller) {
        return evidence.of(caller.visibleTeams(), incidentId).stream().map(e -> view(e, null, List.of())).toList();
    }

    private Evidence visible(UUID id, Caller caller) {
        Evidence e = evidence.findById(id);
        if (e == null || !caller.reads(e.team)) {
            throw new NotFoundException("no evidence " + id);
        }
        return e;
    }

    private static void custody(Evidence e, String actor, String client, String action, boolean intact, Instant at) {
        EvidenceAccess a = new EvidenceAccess();
        a.evidenceId = e.id;
        a.at = at;
        a.actor = actor;
        a.client = client;
        a.action = action;
        a.intact = intact;
        a.persist();
    }

    private static EvidenceView view(Evidence e, Boolean intact, List<Custody> custody) {
        return view(e, intact, custody, null);
    }

    private static EvidenceView view(Evidence e, Boolean intact, List<Custody> custody, JsonNode content) {
        return new EvidenceView(e.id, e.team, e.incidentId, e.runId, e.subjectKind, e.subjectId, e.asOf,
                e.capturedAt, e.capturedBy, e.sha256, intact, content, custody);
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException ex) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }
}
