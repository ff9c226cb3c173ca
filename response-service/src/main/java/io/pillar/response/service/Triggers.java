package io.pillar.response.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.contracts.findings.v1.Finding;
import io.pillar.contracts.inventory.v1.Asset;
import io.pillar.platform.events.AuditEvents;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.security.Caller;
import io.pillar.response.Incident;
import io.pillar.response.Run;
import io.pillar.response.TriggerRule;
import io.pillar.response.client.Linked;
import io.pillar.response.incident.IncidentRequests;
import io.pillar.response.incident.TriggerFilter;
import io.pillar.response.repository.IncidentRepository;
import io.pillar.response.repository.RunRepository;
import io.pillar.response.repository.TriggerRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.ForbiddenException;

/**
 * Trigger rules: created per team, and fired by the team's finding events. A rule fires once per finding: the incident
 * and run it makes carry the rule and finding as their trigger key, so an event delivered again makes nothing new.
 */
@ApplicationScoped
public class Triggers {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Triggers.class);
    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };
    @Inject
    TriggerRepository rules;
    @Inject
    IncidentRepository incidents;
    @Inject
    RunRepository runs;
    @Inject
    IncidentWorkflow incidentWorkflow;
    @Inject
    RunService runService;
    @Inject
    RunDriver driver;
    @Inject
    PlaybookService playbooks;
    @Inject
    Linked linked;
    @Inject
    Outbox outbox;

    /** A rule as clients send it (JSON in snake_case). */
    public record NewRule(String name, String team, TriggerFilter filter, Boolean openIncident, UUID playbookId,
            Map<String, String> inputs) {
    }

    /** A rule as the API shows it. */
    public record RuleView(UUID id, String team, String name, boolean enabled, JsonNode filter, boolean openIncident,
            UUID playbookId, Map<String, String> inputs, String createdBy, Instant createdAt) {
    }

    @Transactional
    public RuleView create(NewRule rule, String team, Caller caller) {
        if (rule.name() == null || rule.name().isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        TriggerFilter filter = rule.filter() == null
                ? new TriggerFilter(null, null, null, null, null, null)
                : rule.filter();
        filter.check();
        boolean incident = Boolean.TRUE.equals(rule.openIncident());
        if (!incident && rule.playbookId() == null) {
            throw new IllegalArgumentException("a trigger opens an incident (open_incident), runs a playbook "
                    + "(playbook_id), or both");
        }
        if (rule.playbookId() != null) {
            var p = playbooks.visible(rule.playbookId(), caller);
            if (p.team != null && !p.team.equals(team)) {
                throw new IllegalArgumentException("playbook " + p.id + " is not team " + team + "'s nor shared");
            }
        }
        Instant now = Instant.now();
        TriggerRule r = new TriggerRule();
        r.id = UUID.randomUUID();
        r.team = team;
        r.name = rule.name().trim();
        r.enabled = true;
        r.filter = Json.SNAKE_CASE.valueToTree(filter).toString();
        r.openIncident = incident;
        r.playbookId = rule.playbookId();
        r.inputs = Json.MAPPER.valueToTree(rule.inputs() == null ? Map.of() : rule.inputs()).toString();
        r.createdBy = caller.name();
        r.createdAt = now;
        r.updatedAt = now;
        r.persist();
        outbox.add(List.of(AuditEvents.success(PlaybookService.SERVICE, caller.name(), caller.client(),
                "trigger.created", "trigger/" + r.id, null, Json.SNAKE_CASE.valueToTree(view(r)), now)));
        return view(r);
    }

    @Transactional
    public List<RuleView> list(Caller caller) {
        return rules.of(caller.visibleTeams()).stream().map(Triggers::view).toList();
    }

    @Transactional
    public RuleView disable(UUID id, Caller caller) {
        TriggerRule r = rules.findById(id);
        if (r == null || !caller.reads(r.team)) {
            throw new NotFoundException("no trigger " + id);
        }
        if (!caller.changes(r.team)) {
            throw new ForbiddenException("only members of team " + r.team + " may change its triggers");
        }
        if (r.enabled) {
            r.enabled = false;
            r.updatedAt = Instant.now();
            outbox.add(List.of(AuditEvents.success(PlaybookService.SERVICE, caller.name(), caller.client(),
                    "trigger.disabled", "trigger/" + r.id, null, null, r.updatedAt)));
        }
        return view(r);
    }

    /** A finding event, as much of it as triggers look at. */
    public record FindingEvent(String type, UUID findingId, String team, int severityId, String title, String product,
            String rule, List<String> controls) {
    }

    /** Fires every enabled rule of the finding's team that the event passes; returns the runs it started. */
    public List<UUID> fire(FindingEvent event) {
        if (event.team() == null) {
            return List.of();
        }
        LOG.debugf("finding %s %s (team %s, severity %d, product %s)", event.findingId(), event.type(), event.team(),
                event.severityId(), event.product());
        List<TriggerRule> candidates = QuarkusTransaction.requiringNew().call(() -> rules.enabledFor(event.team()));
        List<UUID> started = new ArrayList<>();
        Finding finding = null;
        Map<String, Asset> assets = new HashMap<>();
        for (TriggerRule rule : candidates) {
            TriggerFilter filter = read(rule.filter, TriggerFilter.class);
            if (!filter.matches(new TriggerFilter.Seen(event.type(), event.severityId(), event.product(), event.rule(),
                    event.controls()))) {
                LOG.debugf("trigger %s does not take finding %s", rule.id, event.findingId());
                continue;
            }
            boolean needsAssets = filter.asset() != null || usesAssets(rule);
            if (needsAssets) {
                if (finding == null) {
                    finding = linked.finding(event.findingId().toString(), event.team());
                }
                if (finding.getAssetIdsCount() == 0) {
                    LOG.debugf("trigger %s waits for the assets of finding %s", rule.id, event.findingId());
                    continue; // not resolved to assets yet: the finding's next event (once they are) fires the rule
                }
            }
            if (filter.asset() != null) {
                boolean any = false;
                for (String assetId : finding.getAssetIdsList()) {
                    Asset a = assets.computeIfAbsent(assetId, id -> linked.asset(id, null));
                    any |= filter.asset().matches(a.getDataClassification(), a.getInternetExposed(),
                            a.getCriticality());
                }
                if (!any) {
                    continue;
                }
            }
            LOG.debugf("trigger %s fires for finding %s", rule.id, event.findingId());
            List<String> assetIds = finding == null ? List.of() : finding.getAssetIdsList();
            UUID run = QuarkusTransaction.requiringNew().call(() -> apply(rule, event, assetIds));
            if (run != null) {
                started.add(run);
            }
        }
        started.forEach(driver::driveSoon);
        return started;
    }

    /** Opens the rule's incident and starts its run for the finding, unless it did so before. */
    private UUID apply(TriggerRule rule, FindingEvent event, List<String> assetIds) {
        String key = "trigger/" + rule.id + "/" + event.findingId();
        Caller actor = new Caller("trigger:" + rule.name, Set.of(rule.team), false, false, true, "response-service");
        Incident incident = incidents.byTriggerKey(key).orElse(null);
        if (rule.openIncident && incident == null) {
            incident = incidentWorkflow.open(new IncidentRequests.NewIncident(event.title(),
                    "Opened by trigger \"" + rule.name + "\"", null, rule.team, List.of(),
                    List.of(event.findingId().toString()), List.of(), List.of(), null), rule.team, actor);
            incident.triggerKey = key;
        }
        if (rule.playbookId == null || runs.byTriggerKey(key).isPresent()) {
            return null;
        }
        Map<String, String> inputs = new HashMap<>(read(rule.inputs, TEXT_MAP));
        inputs.put("__finding_id__", event.findingId().toString());
        inputs.put("__severity__", Integer.toString(event.severityId()));
        if (event.title() != null) {
            inputs.put("__finding_title__", event.title());
        }
        if (!assetIds.isEmpty()) {
            inputs.putIfAbsent("__asset_id__", assetIds.get(0));
            inputs.put("__asset_ids__", String.join(",", assetIds));
        }
        Run run = runService.start(rule.playbookId, new RunService.StartRun(inputs, incident == null
                ? null
                : incident.id, null, null, rule.team), actor, key, actor.name());
        return run.id;
    }

    /**
     * Whether the rule's playbook is given the finding's assets (and the rule does not name one): then it waits until
     * the finding has some.
     */
    private boolean usesAssets(TriggerRule rule) {
        if (rule.playbookId == null || rule.inputs.contains("\"__asset_id__\"")) {
            return false; // no playbook, or the rule names the asset itself
        }
        String document = QuarkusTransaction.requiringNew().call(() -> playbooks.latestDocument(rule.playbookId));
        return document.contains("__asset_id__") || document.contains("__asset_ids__");
    }

    static RuleView view(TriggerRule r) {
        return new RuleView(r.id, r.team, r.name, r.enabled, read(r.filter, JsonNode.class), r.openIncident,
                r.playbookId, read(r.inputs, TEXT_MAP), r.createdBy, r.createdAt);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.SNAKE_CASE.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored trigger JSON that does not read back", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored trigger JSON that does not read back", e);
        }
    }
}
