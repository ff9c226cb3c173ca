package io.pillar.inventory.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.mapping.InventoryEvents;
import io.pillar.inventory.mapping.JsonPatch;
import io.pillar.inventory.repository.AssetWrite;
import io.pillar.inventory.repository.StoredAsset;
import io.pillar.inventory.repository.Violation;
import io.pillar.inventory.repository.bulk.AssetLookups;
import io.pillar.inventory.repository.bulk.AssetWrites;
import io.pillar.inventory.repository.bulk.ViolationBatches;
import io.pillar.inventory.rules.Rule;
import io.pillar.inventory.rules.RuleBook;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;

/**
 * The one way an asset changes (import, Kafka, PATCH, quarantine, exposure): derive exposure, compare with the
 * current version, write a new version with its JSON Patch, evaluate the rules, and write the asset event, rule
 * findings and resolutions to the outbox, all in the caller's transaction. Assets whose exposure depends on a changed
 * one (instances behind a changed security group, targets of a changed load balancer) are re-derived after.
 */
@ApplicationScoped
public class AssetChanges {
    public static final String EXPOSURE_ACTOR = "pillar:exposure";

    @Inject
    AssetLookups lookups;
    @Inject
    AssetWrites assetWrites;
    @Inject
    ViolationBatches violations;
    @Inject
    Outbox outbox;
    @Inject
    RuleBook rules;

    /** A proposed new document for an asset ({@code current} null for a new one). */
    public record Change(StoredAsset current, UUID id, ObjectNode document, List<String> pinned) {
        public static Change of(StoredAsset current, ObjectNode document, List<String> pinned) {
            return new Change(current, current == null ? UUID.randomUUID() : current.id(), document, pinned);
        }
    }

    public enum Result {
        CREATED, UPDATED, UNCHANGED
    }

    /** What a commit did, per change in order, and the documents written. */
    public record Outcome(List<Result> results, List<AssetWrite> writes) {
    }

    public Outcome commit(List<Change> changes, String actor, String source, Instant at) {
        return commit(changes, actor, source, at, true);
    }

    private Outcome commit(List<Change> changes, String actor, String source, Instant at, boolean dependents) {
        Neighbourhood neighbours = neighbourhood(changes.stream().map(Change::document).toList());
        List<Result> results = new ArrayList<>(changes.size());
        List<AssetWrite> writes = new ArrayList<>();
        List<StoredAsset> before = new ArrayList<>();
        for (Change c : changes) {
            Exposure.derive(c.document(), neighbours);
            JsonNode previous = c.current() == null ? JsonNodeFactory.instance.objectNode() : c.current().document();
            // the patch is empty exactly when the documents are equal: one walk tells both
            ArrayNode patch = JsonPatch.diff(previous, c.document());
            if (c.current() != null && patch.isEmpty() && c.pinned().equals(c.current().pinned())) {
                results.add(Result.UNCHANGED);
                continue;
            }
            int version = c.current() == null ? 1 : c.current().version() + 1;
            writes.add(new AssetWrite(c.id(), version, c.document(), c.pinned(), actor, source, patch, at,
                    c.current() == null, !previous.path("identifiers").equals(c.document().path("identifiers")),
                    !previous.path("relationships").equals(c.document().path("relationships"))));
            before.add(c.current());
            results.add(c.current() == null ? Result.CREATED : Result.UPDATED);
        }
        assetWrites.write(writes);
        List<OutboxEvent> events = new ArrayList<>();
        for (AssetWrite w : writes) {
            String type = w.created()
                    ? "io.pillar.asset.created"
                    : "quarantine".equals(source)
                            ? "io.pillar.asset.quarantined"
                            : "deleted".equals(w.document().path("status").asText())
                                    ? "io.pillar.asset.deleted"
                                    : "io.pillar.asset.changed";
            events.add(InventoryEvents.assetChanged(w.id(), w.version(), type, w.patch(), actor, at));
        }
        evaluate(writes, at, events);
        outbox.add(events);
        if (dependents && !writes.isEmpty()) {
            reDeriveDependents(writes, actor, at);
        }
        return new Outcome(results, writes);
    }

    /** Rules against each written document: a violation that starts is a finding, one that ends its resolution. */
    private void evaluate(List<AssetWrite> writes, Instant at, List<OutboxEvent> events) {
        if (writes.isEmpty()) {
            return;
        }
        Map<UUID, Map<String, Violation>> open = violations.open(
                writes.stream().map(AssetWrite::id).toList());
        List<Violation> started = new ArrayList<>();
        List<Violation> ended = new ArrayList<>();
        RuleBook.RuleSet set = rules.current();
        boolean readsConfiguration = set.readConfiguration();
        for (AssetWrite w : writes) {
            ObjectNode doc = w.document();
            Map<String, Violation> violated = new HashMap<>(open.getOrDefault(w.id(), Map.of()));
            boolean deleted = "deleted".equals(doc.path("status").asText());
            Map<String, Object> input = deleted ? null : Rule.input(doc, readsConfiguration);
            for (Rule rule : set.rules()) {
                boolean applies = rule.appliesTo(doc.path("type").asText());
                Violation was = violated.remove(rule.id());
                if (!applies && was == null) {
                    continue;
                }
                Rule.Outcome outcome = deleted || !applies ? Rule.Outcome.PASS : rule.evaluate(input);
                if (outcome == Rule.Outcome.FAIL && was == null) {
                    String owner = doc.path("owner_team").isTextual() ? doc.path("owner_team").asText() : null;
                    started.add(new Violation(w.id(), rule.id(), rule.title(), rule.severity(), owner));
                    events.add(InventoryEvents.finding(rule, doc, false, owner, at));
                } else if (outcome == Rule.Outcome.PASS && was != null) {
                    ended.add(was);
                    events.add(InventoryEvents.finding(rule, doc, true, was.team(), at));
                }
            }
            // violations of rules no longer in force end with them
            for (Violation gone : violated.values()) {
                ended.add(gone);
                events.add(InventoryEvents.finding(Rule.retired(gone.ruleId(), gone.title(), gone.severity()),
                        doc, true, gone.team(), at));
            }
        }
        violations.record(started, ended, at);
    }

    /** Every asset's documents against the rules now in force (after the rule set changed). */
    public int evaluateAll(List<StoredAsset> assets, Instant at) {
        List<AssetWrite> asWritten = assets.stream().map(a -> new AssetWrite(a.id(), a.version(),
                a.document(), a.pinned(), a.changedBy(), "rules", null, at, false, false, false)).toList();
        List<OutboxEvent> events = new ArrayList<>();
        evaluate(asWritten, at, events);
        outbox.add(events);
        return events.size();
    }

    /** Instances behind a changed security group, targets of a changed load balancer: their exposure may change. */
    private void reDeriveDependents(List<AssetWrite> writes, String actor, Instant at) {
        Set<UUID> written = new HashSet<>();
        Set<String> identifiers = new HashSet<>();
        Set<String> routed = new HashSet<>();
        for (AssetWrite w : writes) {
            written.add(w.id());
            if ("security_group".equals(w.document().path("type").asText()) && touchesExposure(w.patch())) {
                w.document().path("identifiers").forEach(i -> identifiers.add(i.asText()));
            }
            if (!touchesExposure(w.patch())) {
                continue;
            }
            for (JsonNode rel : w.document().path("relationships")) {
                if ("routes-to".equals(rel.path("type").asText())) {
                    routed.add(rel.path("target").asText());
                }
            }
        }
        Map<UUID, StoredAsset> candidates = new LinkedHashMap<>();
        lookups.relatedTo(identifiers).forEach(a -> candidates.putIfAbsent(a.id(), a));
        lookups.byIdentifiers(routed).values().forEach(a -> candidates.putIfAbsent(a.id(), a));
        written.forEach(candidates::remove);
        if (candidates.isEmpty()) {
            return;
        }
        List<Change> changes = new ArrayList<>();
        for (StoredAsset a : candidates.values()) {
            changes.add(new Change(a, a.id(), a.document().deepCopy(), a.pinned()));
        }
        commit(changes, EXPOSURE_ACTOR, "exposure", at, false);
    }

    /** Whether a change can alter the exposure of others: its attributes, identifiers, relationships or own exposure. */
    private static boolean touchesExposure(JsonNode patch) {
        for (JsonNode op : patch) {
            String path = op.path("path").asText();
            if (path.isEmpty() || path.startsWith("/attributes") || path.startsWith("/identifiers")
                    || path.startsWith("/status") || path.startsWith("/relationships")
                    || path.startsWith("/internet_exposed")) {
                return true;
            }
        }
        return false;
    }

    /** The neighbours of a batch: the batch's own documents first, then the stored ones. */
    private Neighbourhood neighbourhood(List<ObjectNode> docs) {
        Map<String, JsonNode> local = new HashMap<>();
        List<ObjectNode> localRouters = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        Set<String> ownIdentifiers = new HashSet<>();
        for (ObjectNode d : docs) {
            d.path("identifiers").forEach(i -> local.put(i.asText(), d));
            d.path("identifiers").forEach(i -> ownIdentifiers.add(i.asText()));
            for (JsonNode rel : d.path("relationships")) {
                targets.add(rel.path("target").asText());
                if ("routes-to".equals(rel.path("type").asText())) {
                    localRouters.add(d);
                }
            }
        }
        targets.removeAll(local.keySet());
        Map<String, JsonNode> stored = new HashMap<>();
        lookups.byIdentifiers(targets).forEach((k, v) -> stored.put(k, v.document()));
        Map<String, List<ObjectNode>> routers = lookups.routingTo(ownIdentifiers);
        return new Neighbourhood(local, stored, localRouters, routers);
    }

    private record Neighbourhood(Map<String, JsonNode> local, Map<String, JsonNode> stored,
            List<ObjectNode> localRouters, Map<String, List<ObjectNode>> routers) implements Exposure.Neighbours {

        @Override
        public JsonNode byIdentifier(String identifier) {
            JsonNode d = local.get(identifier);
            return d != null ? d : stored.get(identifier);
        }

        @Override
        public List<JsonNode> routingTo(JsonNode asset) {
            Set<String> ids = new HashSet<>();
            asset.path("identifiers").forEach(i -> ids.add(i.asText()));
            Map<String, JsonNode> out = new LinkedHashMap<>();
            for (ObjectNode lb : localRouters) {
                for (JsonNode rel : lb.path("relationships")) {
                    if ("routes-to".equals(rel.path("type").asText()) && ids.contains(rel.path("target").asText())) {
                        out.put(lb.path("natural_id").asText(), lb);
                    }
                }
            }
            for (String id : ids) {
                for (ObjectNode lb : routers.getOrDefault(id, List.of())) {
                    out.putIfAbsent(lb.path("natural_id").asText(), lb);
                }
            }
            return new ArrayList<>(out.values());
        }
    }

}
