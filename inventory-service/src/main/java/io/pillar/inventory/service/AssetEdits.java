package io.pillar.inventory.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.Teams;
import io.pillar.inventory.repository.AssetRepository;
import io.pillar.inventory.repository.StoredAsset;
import io.pillar.inventory.repository.bulk.AssetWrites;
import io.pillar.platform.events.AuditEvents;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.ForbiddenException;

/**
 * Changes made by people and other services: owner team, environment, criticality and data classification set by
 * hand by the owning team or an admin (kept over later imports until cleared), and quarantine. Each is a new version and an audit event.
 */
@ApplicationScoped
public class AssetEdits {
    public static final Set<String> EDITABLE = Set.of("owner_team", "environment", "criticality",
            "data_classification");

    @Inject
    AssetRepository assets;
    @Inject
    AssetWrites writes;
    @Inject
    AssetChanges changes;
    @Inject
    Outbox outbox;

    /**
     * Sets (or, with null, clears) hand-kept fields, for the asset's owning team (or an admin); returns the new
     * current state, empty if no such asset.
     */
    public Optional<StoredAsset> edit(UUID id, Map<String, String> fields, Caller caller) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            check(e.getKey(), e.getValue());
        }
        return apply(id, caller.name(), caller.client(), (current, at) -> {
            String owner = current.document().path("owner_team").isTextual()
                    ? current.document().path("owner_team").asText()
                    : null;
            if (!caller.changes(owner)) {
                throw new ForbiddenException(owner == null
                        ? "the asset has no owner team: only admins set its " + String.join(", ", fields.keySet())
                        : "only team " + owner + " (or admins) may change its asset's "
                                + String.join(", ", fields.keySet()));
            }
            ObjectNode doc = current.document().deepCopy();
            List<String> pinned = new ArrayList<>(current.pinned());
            ObjectNode before = JsonNodeFactory.instance.objectNode();
            ObjectNode after = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, String> e : fields.entrySet()) {
                before.set(e.getKey(), doc.get(e.getKey()));
                if (e.getValue() == null) {
                    doc.putNull(e.getKey());
                    pinned.remove(e.getKey());
                } else {
                    doc.put(e.getKey(), e.getValue());
                    if (!pinned.contains(e.getKey())) {
                        pinned.add(e.getKey());
                    }
                }
                after.set(e.getKey(), doc.get(e.getKey()));
            }
            pinned.sort(null);
            return new Edit(doc, pinned, "api", "asset.updated", before, after);
        });
    }

    /**
     * Quarantines (or releases) an asset: who, why and for which incident are part of its configuration.
     *
     * @param client the OAuth client of the caller's token (the audit event records it)
     */
    public Optional<StoredAsset> quarantine(UUID id, boolean quarantined, String actor, String client, String reason,
            String incidentId) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required");
        }
        return apply(id, actor, client, (current, at) -> {
            ObjectNode doc = current.document().deepCopy();
            ObjectNode q = JsonNodeFactory.instance.objectNode();
            q.put("quarantined", quarantined);
            q.put("reason", reason);
            q.put("actor", actor);
            if (incidentId != null && !incidentId.isBlank()) {
                q.put("incident_id", incidentId);
            }
            q.put("since", at.toString());
            JsonNode before = doc.get("quarantine");
            doc.set("quarantine", q);
            return new Edit(doc, current.pinned(), "quarantine", quarantined ? "asset.quarantined" : "asset.released",
                    before, q);
        });
    }

    /** A change made by hand: the new document and fields kept by hand, and what the audit event records. */
    private record Edit(ObjectNode document, List<String> pinned, String source, String action, JsonNode before,
            JsonNode after) {
    }

    /**
     * One edit of one asset in its own transaction: the asset locked, the edit applied as a new version (with its
     * events and rule evaluation) and an audit event; empty when there is no such asset.
     */
    private Optional<StoredAsset> apply(UUID id, String actor, String client,
            java.util.function.BiFunction<StoredAsset, Instant, Edit> edit) {
        Optional<StoredAsset> result = QuarkusTransaction.requiringNew().call(() -> {
            writes.lockForChanges();
            Optional<StoredAsset> found = assets.lockCurrent(id);
            if (found.isEmpty()) {
                return Optional.<StoredAsset>empty();
            }
            StoredAsset current = found.get();
            Instant at = Instant.now();
            Edit e = edit.apply(current, at);
            changes.commit(List.of(new AssetChanges.Change(current, id, e.document(), e.pinned())), actor, e.source(),
                    at);
            outbox.add(List.of(AuditEvents.success("inventory-service", actor, client, e.action(), "asset/" + id,
                    e.before(), e.after(), at)));
            return assets.current(id);
        });
        return result;
    }

    private static void check(String field, String value) {
        if (!EDITABLE.contains(field)) {
            throw new IllegalArgumentException(
                    field + " cannot be set; editable: " + String.join(", ", EDITABLE.stream().sorted().toList()));
        }
        if (value == null) {
            return;
        }
        if (value.isBlank() || value.length() > 100) {
            throw new IllegalArgumentException(field + " must be 1 to 100 characters");
        }
        Set<String> allowed = switch (field) {
            case "data_classification" -> TagMapping.CLASSIFICATIONS;
            case "criticality" -> TagMapping.CRITICALITIES;
            default -> null;
        };
        if (allowed != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(field + " must be one of " + String.join(", ",
                    allowed.stream().sorted().toList()) + ", was '" + value + "'");
        }
        if ("owner_team".equals(field) && !Teams.isName(value)) {
            throw new IllegalArgumentException("owner_team must be lower-case letters, digits and dashes");
        }
    }
}
