package io.pillar.inventory.mapping;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.Topic;
import io.pillar.inventory.rules.Rule;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.OutboxEvent;

/**
 * What the inventory publishes, as CloudEvents JSON: asset changes on {@code pillar.inventory.events}, rule findings
 * (Pillar native, {@code io.pillar.finding.reported}) on {@code pillar.findings.raw}, and audit events on
 * {@code pillar.audit}.
 */
public final class InventoryEvents {
    public static final String SOURCE = "/pillar/inventory-service";
    public static final String PRODUCT = "pillar-inventory";
    private static final ObjectMapper JSON = Json.MAPPER;

    public static OutboxEvent assetChanged(UUID assetId, int version, String eventType, JsonNode patch,
            String changedBy,
            Instant at) {
        ObjectNode data = JSON.createObjectNode();
        data.put("asset_id", assetId.toString());
        data.put("version", version);
        data.set("patch", patch);
        data.put("changed_by", changedBy);
        return OutboxEvent.of(Topic.INVENTORY_EVENTS.topicName(), assetId.toString(), eventType,
                CloudEvent.write(assetId + "/" + version, SOURCE, eventType, assetId.toString(), at,
                        g -> JSON.writeTree(g, data)));
    }

    /**
     * A rule violated ({@code resolved} false) or no longer violated (true) by an asset, for the team its finding is
     * filed for (the {@code pillar-team} header; none: a finding of no team).
     */
    public static OutboxEvent finding(Rule rule, JsonNode asset, boolean resolved, String team, Instant at) {
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
        // the findings-service reads pillar.findings.raw records by their format header
        return new OutboxEvent(Topic.FINDINGS_RAW.topicName(), naturalId, "io.pillar.finding.reported",
                CloudEvent.write(SOURCE, "io.pillar.finding.reported", naturalId, at, data),
                team == null
                        ? Map.of("pillar-format", "pillar")
                        : Map.of("pillar-format", "pillar", "pillar-team", team));
    }

    private InventoryEvents() {
    }
}
