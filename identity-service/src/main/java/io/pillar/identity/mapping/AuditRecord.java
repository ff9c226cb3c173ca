package io.pillar.identity.mapping;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.platform.json.Json;

/** An audit event as received, before it is chained into the ledger. */
public record AuditRecord(String eventId, Instant occurredAt, String source, String actor, String action,
        String resource, String outcome, String sourceIp, String details) {

    /**
     * An entry the identity-service records itself: the fields every entry has are also written into its details
     * (which are chained with it), followed by what else the details say.
     */
    public static AuditRecord own(String eventId, Instant at, String actor, String client, String action,
            String resource, String outcome, String sourceIp, ObjectNode more) {
        ObjectNode details = Json.MAPPER.createObjectNode();
        details.put("actor", actor).put("client", client).put("action", action).put("resource", resource)
                .put("outcome", outcome).put("source_ip", sourceIp);
        details.setAll(more);
        return new AuditRecord(eventId, at, IdentityEvents.SOURCE, actor, action, resource, outcome, sourceIp,
                details.toString());
    }
}
