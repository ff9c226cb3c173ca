package io.pillar.response.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.Topic;
import io.pillar.contracts.findings.v1.Finding;
import io.pillar.platform.events.AuditEvents;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;
import io.pillar.platform.security.Caller;
import io.pillar.response.Incident;
import io.pillar.response.IncidentEvent;
import io.pillar.response.IncidentLink;
import io.pillar.response.client.Linked;
import io.pillar.response.incident.IncidentRequests.Change;
import io.pillar.response.incident.IncidentRequests.NewIncident;
import io.pillar.response.incident.Lifecycle;
import io.pillar.response.incident.Severity;
import io.pillar.response.repository.IncidentRepository;
import io.quarkus.security.ForbiddenException;

/**
 * Opens and changes incidents. Every change lands on the incident's timeline and is audited, in the transaction that
 * makes it. Links are checked with the services that own what they name before anything is written.
 */
@ApplicationScoped
public class IncidentWorkflow {
    static final String SERVICE = "response-service";
    public static final Set<String> LINK_KINDS = Set.of("finding", "asset", "principal");
    @Inject
    IncidentRepository incidents;
    @Inject
    Linked linked;
    @Inject
    Outbox outbox;

    @Transactional
    public Incident open(NewIncident request, String team, Caller caller) {
        Instant now = Instant.now();
        Incident i = new Incident();
        i.id = UUID.randomUUID();
        i.team = team;
        Map<String, Set<String>> links = Map.of("finding", distinct(request.findingIds()), "asset",
                distinct(request.assetIds()), "principal", distinct(request.principalIds()));
        List<Finding> findings = links.get("finding").stream().map(f -> linked.finding(f, team)).toList();
        Finding worst = findings.stream().max((a, b) -> Integer.compare(a.getSeverityId(), b.getSeverityId()))
                .orElse(null);
        findings.forEach(f -> links.get("asset").addAll(f.getAssetIdsList()));
        check(links, team, Set.copyOf(findings.stream().flatMap(f -> f.getAssetIdsList().stream()).toList()));
        i.title = text(request.title(), worst == null ? null : worst.getTitle(), "title", 500);
        i.description = request.description();
        i.severityId = Severity.check(request.severityId() != null
                ? request.severityId()
                : worst == null ? 3 : Math.max(1, Math.min(6, worst.getSeverityId())));
        i.assignees = assignees(request.assignees());
        i.createdBy = caller.name();
        i.detectedAt = request.detectedAt() == null ? now : request.detectedAt();
        if (i.detectedAt.isAfter(now.plusSeconds(60))) {
            throw new IllegalArgumentException("detected_at is in the future: " + i.detectedAt);
        }
        Lifecycle.DETECTED.enter(i, now);
        i.createdAt = now;
        i.updatedAt = now;
        i.persist();
        links.forEach((kind, refs) -> refs.forEach(ref -> IncidentLink.of(i.id, kind, ref).persist()));
        ObjectNode after = snapshot(i, links);
        timeline(i, caller.name(), "opened", after, now);
        audit(caller, "incident.opened", i, null, after, now);
        return i;
    }

    @Transactional
    public Incident change(UUID id, Change change, Caller caller) {
        Incident i = incidents.findById(id);
        if (i == null || !caller.reads(i.team)) {
            throw new NotFoundException("no incident " + id);
        }
        if (!caller.changes(i.team)) {
            throw new ForbiddenException("only members of team " + i.team + " may change its incidents");
        }
        Instant now = Instant.now();
        Map<String, Set<String>> links = incidents.links(id);
        ObjectNode before = snapshot(i, links);
        if (change.title() != null) {
            i.title = text(change.title(), null, "title", 500);
        }
        if (change.description() != null) {
            i.description = change.description();
        }
        if (change.severityId() != null) {
            i.severityId = Severity.check(change.severityId());
        }
        if (change.assignees() != null) {
            i.assignees = assignees(change.assignees());
        }
        replaceLinks(i, change, links);
        if (change.review() != null) {
            change.review().check();
            ObjectNode review = Json.MAPPER.createObjectNode().put("cause", change.review().cause())
                    .put("lessons", change.review().lessons());
            var actions = review.putArray("follow_up_actions");
            change.review().followUpActions().forEach(actions::add);
            i.review = review.toString();
        }
        if (change.status() != null && !change.status().equals(i.status)) {
            Lifecycle next = Lifecycle.of(change.status());
            if (next == Lifecycle.CLOSED && i.review == null) {
                throw new IllegalArgumentException("review: a post-incident review (cause, lessons, "
                        + "follow_up_actions) is required to close an incident");
            }
            next.enter(i, now);
        }
        ObjectNode after = snapshot(i, incidents.links(id));
        if (!after.equals(before)) {
            i.updatedAt = now;
            ObjectNode detail = Json.MAPPER.createObjectNode();
            detail.set("before", changed(before, after));
            detail.set("after", changed(after, before));
            timeline(i, caller.name(), "changed", detail, now);
            audit(caller, "incident.changed", i, changed(before, after), changed(after, before), now);
        }
        if (change.comment() != null && !change.comment().isBlank()) {
            timeline(i, caller.name(), "comment", Json.MAPPER.createObjectNode().put("text", change.comment()), now);
            audit(caller, "incident.commented", i, null, Json.MAPPER.createObjectNode().put("comment",
                    change.comment()), now);
        }
        return i;
    }

    /** Adds an event to the incident's timeline (in the caller's transaction). */
    public void timeline(Incident i, String actor, String kind, JsonNode detail, Instant at) {
        IncidentEvent e = new IncidentEvent();
        e.incidentId = i.id;
        e.at = at;
        e.actor = actor;
        e.kind = kind;
        e.detail = detail.toString();
        e.persist();
    }

    private void replaceLinks(Incident i, Change change, Map<String, Set<String>> current) {
        Map<String, List<String>> asked = new java.util.HashMap<>();
        if (change.findingIds() != null) {
            asked.put("finding", change.findingIds());
        }
        if (change.assetIds() != null) {
            asked.put("asset", change.assetIds());
        }
        if (change.principalIds() != null) {
            asked.put("principal", change.principalIds());
        }
        Map<String, Set<String>> added = new java.util.HashMap<>();
        asked.forEach((kind, refs) -> {
            Set<String> wanted = distinct(refs);
            Set<String> fresh = new TreeSet<>(wanted);
            fresh.removeAll(current.getOrDefault(kind, Set.of()));
            added.put(kind, fresh);
        });
        check(added, i.team, Set.of());
        asked.forEach((kind, refs) -> {
            Set<String> wanted = distinct(refs);
            for (String ref : current.getOrDefault(kind, Set.of())) {
                if (!wanted.contains(ref)) {
                    incidents.unlink(i.id, kind, ref);
                }
            }
            added.get(kind).forEach(ref -> IncidentLink.of(i.id, kind, ref).persist());
        });
    }

    /** Checks each link with its owner; the assets of linked findings are known to be the team's already. */
    private void check(Map<String, Set<String>> links, String team, Set<String> known) {
        links.getOrDefault("finding", Set.of()).stream().filter(f -> !known.contains(f))
                .forEach(f -> linked.finding(f, team));
        links.getOrDefault("asset", Set.of()).stream().filter(a -> !known.contains(a))
                .forEach(a -> linked.asset(a, team));
        links.getOrDefault("principal", Set.of()).forEach(p -> linked.principal(p, team));
    }

    /**
     * The change audited on pillar.audit and announced on pillar.response.events ({@code io.pillar.incident.opened},
     * {@code changed}, {@code commented}; key = incident, header pillar-team), in the transaction of the change.
     */
    private void audit(Caller caller, String action, Incident i, JsonNode before, JsonNode after, Instant at) {
        String type = "io.pillar." + action;
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("incident_id", i.id.toString()).put("team", i.team).put("status", i.status)
                .put("severity_id", i.severityId).put("title", i.title).put("actor", caller.name());
        data.set("changes", after);
        outbox.add(List.of(AuditEvents.success(SERVICE, caller.name(), caller.client(), action,
                "incident/" + i.id, before, after, at),
                new OutboxEvent(Topic.RESPONSE_EVENTS.topicName(),
                        i.id.toString(), type, CloudEvent.write(CloudEvent.source(SERVICE), type, i.id.toString(),
                                at, data),
                        i.team == null ? Map.of() : Map.of("pillar-team", i.team))));
    }

    static ObjectNode snapshot(Incident i, Map<String, Set<String>> links) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("title", i.title).put("description", i.description).put("severity_id", i.severityId)
                .put("status", i.status).put("team", i.team);
        s.set("assignees", Json.MAPPER.valueToTree(i.assignees));
        s.set("review", i.review == null ? null : readTree(i.review));
        for (String kind : new TreeSet<>(LINK_KINDS)) {
            s.set(kind + "_ids", Json.MAPPER.valueToTree(new TreeSet<>(links.getOrDefault(kind, Set.of()))));
        }
        return s;
    }

    /** The members of {@code a} that differ in {@code b}. */
    private static ObjectNode changed(ObjectNode a, ObjectNode b) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        a.properties().forEach(e -> {
            if (!e.getValue().equals(b.get(e.getKey()))) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> distinct(List<String> refs) {
        Set<String> out = new LinkedHashSet<>();
        if (refs != null) {
            for (String ref : refs) {
                if (ref == null || ref.isBlank() || ref.length() > 2048) {
                    throw new IllegalArgumentException("a linked id must be 1 to 2048 characters");
                }
                out.add(ref.trim());
            }
        }
        return out;
    }

    private static String[] assignees(List<String> names) {
        List<String> out = new ArrayList<>(distinct(names));
        return out.toArray(String[]::new);
    }

    private static String text(String value, String fallback, String field, int max) {
        String v = value == null || value.isBlank() ? fallback : value.trim();
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (v.length() > max) {
            throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        }
        return v;
    }
}
