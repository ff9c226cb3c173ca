package io.pillar.identity.mapping;

import java.time.Instant;

/** An audit event as received, before it is chained into the ledger. */
public record AuditRecord(String eventId, Instant occurredAt, String source, String actor, String action,
        String resource, String outcome, String sourceIp, String details) {
}
