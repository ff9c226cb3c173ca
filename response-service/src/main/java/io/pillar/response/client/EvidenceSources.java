package io.pillar.response.client;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.findings.v1.Finding;
import io.pillar.contracts.identity.v1.AuditEntry;
import io.pillar.contracts.identity.v1.GetPrincipalRequest;
import io.pillar.contracts.identity.v1.ListAuditEntriesRequest;
import io.pillar.contracts.identity.v1.Principal;
import io.pillar.contracts.inventory.v1.AssetVersion;
import io.pillar.contracts.inventory.v1.GetAssetVersionRequest;
import io.pillar.platform.json.Json;

/**
 * What evidence is made of, asked of the services that own it: an asset's configuration as it was at a moment, a
 * principal, a finding, and the audit ledger's entries about a resource.
 */
@ApplicationScoped
public class EvidenceSources {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    @Inject
    Linked linked;

    /** The asset's document in force at the moment (the asset must be the team's now). */
    public ObjectNode assetAt(String id, Instant at, String team) {
        linked.asset(id, team);
        AssetVersion v = Linked.call("inventory-service", "asset", id, () -> linked.inventory(DEADLINE).getAssetVersion(
                GetAssetVersionRequest.newBuilder().setId(id).setAt(at.toString()).build()));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("version", v.getVersion()).put("valid_from", v.getValidFrom()).put("changed_by", v.getChangedBy());
        out.set("document", tree(v.getDocumentJson()));
        return out;
    }

    public ObjectNode principal(String id, String team) {
        Principal p = Linked.call("identity-service", "principal", id, () -> linked.identity(DEADLINE).getPrincipal(
                GetPrincipalRequest.newBuilder().setId(id).setTeam(team).build()));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", p.getId()).put("account", p.getAccount()).put("type", p.getType()).put("name", p.getName())
                .put("external_id", p.getExternalId()).put("source", p.getSource()).put("team", p.getTeam())
                .put("mfa_enabled", p.getMfaEnabled()).put("last_used_at", p.getLastUsedAt())
                .put("removed", p.getRemoved());
        p.getFailingChecksList().forEach(out.putArray("failing_checks")::add);
        return out;
    }

    public ObjectNode finding(String id, String team) {
        Finding f = linked.finding(id, team);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", f.getId()).put("title", f.getTitle()).put("severity_id", f.getSeverityId())
                .put("status", f.getStatus()).put("product", f.getProduct()).put("rule", f.getRule())
                .put("team", f.getTeam()).put("risk_score", f.getRiskScore());
        f.getAssetIdsList().forEach(out.putArray("asset_ids")::add);
        f.getResourceUidsList().forEach(out.putArray("resource_uids")::add);
        return out;
    }

    /** The ledger's entries about the resource, newest first (the read is chained in the ledger, for the actor). */
    public ArrayNode auditAbout(String resource, String actor) {
        var answer = Linked.call("identity-service", "audit entries about", resource, () -> linked.identity(DEADLINE)
                .listAuditEntries(
                        ListAuditEntriesRequest.newBuilder().setResource(resource).setLimit(500).setActor(actor)
                                .build()));
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (AuditEntry e : answer.getEntriesList()) {
            ObjectNode entry = out.addObject();
            entry.put("seq", e.getSeq()).put("occurred_at", e.getOccurredAt()).put("actor", e.getActor())
                    .put("action", e.getAction()).put("resource", e.getResource()).put("outcome", e.getOutcome())
                    .put("hash", e.getHash());
            entry.set("details", tree(e.getDetailsJson()));
        }
        return out;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }
}
