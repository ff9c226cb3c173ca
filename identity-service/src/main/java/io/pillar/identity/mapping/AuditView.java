package io.pillar.identity.mapping;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A ledger entry as the REST API shows it (JSON in snake_case). {@code client} is the OAuth client the actor's token
 * was issued to, as the event's producer recorded it in its details (chained with them).
 */
public record AuditView(long seq, String eventId, Instant occurredAt, String source, String actor, String client,
        String action, String resource, String outcome, String sourceIp, JsonNode details, String prevHash,
        String hash, Instant recordedAt) {
}
