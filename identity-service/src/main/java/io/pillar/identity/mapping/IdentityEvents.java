package io.pillar.identity.mapping;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.Topic;
import io.pillar.identity.checks.CheckInfo;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.OutboxEvent;

/**
 * What the identity-service publishes: the findings of its checks (Pillar native, {@code io.pillar.finding.reported})
 * on {@code pillar.findings.raw} for the team that owns the account,.
 */
public final class IdentityEvents {
    public static final String SOURCE = "/pillar/identity-service";
    public static final String PRODUCT = "pillar-identity";

    /** A check violated ({@code resolved} false) or no longer violated by a principal or policy of an account. */
    public static OutboxEvent finding(CheckInfo check, String severity, String account, String resource,
            String resourceType, String detail, boolean resolved, String team, Instant at) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("uid", PRODUCT + ":" + check.id() + ":" + resource);
        data.put("title", check.title());
        data.put("description", detail);
        data.put("severity", severity);
        data.put("product", PRODUCT);
        data.put("rule", check.id());
        ObjectNode r = data.putArray("resources").addObject();
        r.put("uid", resource);
        if (resourceType != null) {
            r.put("type", resourceType);
        }
        r.put("account", account);
        data.put("remediation", check.remediation());
        check.bestPractices().forEach(data.putArray("best_practices")::add);
        check.bestPractices().forEach(data.putArray("compliance")::add);
        data.put("resolved", resolved);
        data.put("first_seen", at.toString());
        return new OutboxEvent(Topic.FINDINGS_RAW.topicName(), resource, "io.pillar.finding.reported",
                CloudEvent.write(SOURCE, "io.pillar.finding.reported", resource, at, data),
                team == null
                        ? Map.of("pillar-format", "pillar")
                        : Map.of("pillar-format", "pillar", "pillar-team", team));
    }

    private IdentityEvents() {
    }
}
