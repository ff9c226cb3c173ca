package io.pillar.platform.events;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.Topic;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.OutboxEvent;

/**
 * pillar.audit records (contracts: schemas/audit-event.schema.json) a service writes through its outbox, in the
 * transaction of the change they record: a change is audited exactly when it commits.
 */
public final class AuditEvents {
    public static final String RECORDED = "io.pillar.audit.recorded";

    private AuditEvents() {
    }

    /** A change that succeeded: who (and through which client) did what to which resource, before and after. */
    public static OutboxEvent success(String service, String actor, String client, String action, String resource,
            JsonNode before, JsonNode after, Instant at) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("actor", actor);
        data.put("client", client);
        data.put("action", action);
        data.put("resource", resource);
        data.put("outcome", "success");
        data.set("before", before);
        data.set("after", after);
        String trace = io.pillar.platform.trace.TraceParent.current();
        if (trace != null) {
            data.put("traceparent", trace); // the gateway's entry of the same request names the same trace
        }
        return OutboxEvent.of(Topic.AUDIT.topicName(), resource, RECORDED,
                CloudEvent.write(CloudEvent.source(service), RECORDED, resource, at, data));
    }
}
