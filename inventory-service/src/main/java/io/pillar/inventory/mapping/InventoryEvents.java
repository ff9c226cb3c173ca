package io.pillar.inventory.mapping;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.Topic;
import io.pillar.inventory.rules.Rule;

/**
 * What the inventory publishes, as CloudEvents JSON: asset changes on {@code pillar.inventory.events}, rule findings
 * (Pillar native, {@code io.pillar.finding.reported}) on {@code pillar.findings.raw}, and audit events on
 * {@code pillar.audit}.
 */
public final class InventoryEvents {
    public static final String SOURCE = "/pillar/inventory-service";
    public static final String PRODUCT = "pillar-inventory";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event to write to the outbox. */
    public record Out(String topic, String key, String type, String payload) {
    }

    public static Out assetChanged(UUID assetId, int version, String eventType, JsonNode patch, String changedBy,
            Instant at) {
        ObjectNode data = JSON.createObjectNode();
        data.put("asset_id", assetId.toString());
        data.put("version", version);
        data.set("patch", patch);
        data.put("changed_by", changedBy);
        return new Out(Topic.INVENTORY_EVENTS.topicName(), assetId.toString(), eventType,
                envelope(eventType, assetId + "/" + version, at, data));
    }

    /** A rule violated ({@code resolved} false) or no longer violated (true) by an asset. */
    public static Out finding(Rule rule, JsonNode asset, boolean resolved, Instant at) {
        String naturalId = asset.path("natural_id").asText();
        ObjectNode data = JSON.createObjectNode();
        data.put("uid", PRODUCT + ":" + rule.id() + ":" + naturalId);
        data.put("title", rule.title());
        data.put("description", rule.description());
        data.put("severity", rule.severity());
        data.put("product", PRODUCT);
        data.put("rule", rule.id());
        ObjectNode resource = data.putArray("resources").addObject();
        resource.put("uid", naturalId);
        resource.put("type", asset.path("type").asText());
        if (!asset.path("name").isNull()) {
            resource.put("name", asset.path("name").asText());
        }
        if (!asset.path("region").isNull()) {
            resource.put("region", asset.path("region").asText());
        }
        if (!asset.path("account").isNull()) {
            resource.put("account", asset.path("account").asText());
        }
        data.put("remediation", rule.remediation());
        rule.bestPractices().forEach(data.putArray("best_practices")::add);
        rule.bestPractices().forEach(data.putArray("compliance")::add);
        data.put("resolved", resolved);
        data.put("first_seen", at.toString());
        return new Out(Topic.FINDINGS_RAW.topicName(), naturalId, "io.pillar.finding.reported",
                envelope("io.pillar.finding.reported", UUID.randomUUID().toString(), at, data));
    }

    public static Out audit(String actor, String action, String resource, JsonNode before, JsonNode after,
            Instant at) {
        ObjectNode data = JSON.createObjectNode();
        data.put("actor", actor);
        data.put("action", action);
        data.put("resource", resource);
        data.put("outcome", "success");
        data.set("before", before);
        data.set("after", after);
        return new Out(Topic.AUDIT.topicName(), resource, "io.pillar.audit.recorded",
                envelope("io.pillar.audit.recorded", UUID.randomUUID().toString(), at, data));
    }

    private static String envelope(String type, String id, Instant at, ObjectNode data) {
        ObjectNode e = JSON.createObjectNode();
        e.put("specversion", "1.0");
        e.put("id", id);
        e.put("source", SOURCE);
        e.put("type", type);
        e.put("time", at.toString());
        e.put("datacontenttype", "application/json");
        e.set("data", data);
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private InventoryEvents() {
    }
}
